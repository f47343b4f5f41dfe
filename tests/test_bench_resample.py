"""The scale series' synthetic part of the curated shape: copies of the curated models, each with what the build
says of it (claims, variants, usages, results, publications, what the reasoner adds), renamed, seeded."""

from __future__ import annotations

import collections
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from mfkg.bench.resample import resample

B = "https://w3id.org/mfkg/"
V = B + "vocab/"
COPY = re.compile(r"^https://w3id\.org/mfkg/synthetic/model/(.+)-s(\d+)$")


def _store(*paths: Path) -> ox.Store:
    store = ox.Store()
    for p in paths:
        store.bulk_load(path=str(p), format=ox.RdfFormat.N_TRIPLES if p.suffix == ".nt" else ox.RdfFormat.TURTLE)
    return store


def _counts(store: ox.Store, model_prefix: str) -> dict[str, collections.Counter[str]]:
    """Per model under the prefix: how many claims, variants, usages, results, publications and inverse edges."""
    q = f"""PREFIX v: <{V}>
    SELECT ?m ?what WHERE {{
      ?m a v:Model . FILTER(STRSTARTS(STR(?m), "{model_prefix}"))
      {{ ?m v:hasClaim ?x BIND("claim" AS ?what) }} UNION {{ ?m v:hasVariant ?x BIND("variant" AS ?what) }}
      UNION {{ ?m v:hasModalityUsage ?u . ?u ?p ?x BIND("usage" AS ?what) }}
      UNION {{ ?x v:resultModel ?m BIND("result" AS ?what) }} UNION {{ ?m v:describedIn ?x BIND("publication" AS ?what) }}
      UNION {{ ?x v:addressedBy ?m BIND("addressedBy" AS ?what) }} UNION {{ ?x v:patternOf ?m BIND("patternOf" AS ?what) }}
      UNION {{ ?m a ?x BIND("type" AS ?what) }} UNION {{ ?m v:parameterCount ?x BIND("parameterCount" AS ?what) }}
    }}"""
    out: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for row in store.query(q):
        out[row["m"].value][row["what"].value] += 1
    return out


@pytest.fixture(scope="module")
def copies(real_build: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    path = tmp_path_factory.mktemp("resample") / "synthetic.nt"
    n, models = resample(real_build, path, 20_000)
    return path, n, models


def test_each_copy_has_what_the_build_says_of_its_model(real_build: Path, copies: tuple[Path, int, int]) -> None:
    path, n, models = copies
    base = _counts(_store(real_build / "mfkg.ttl", real_build / "mfkg-inferred.ttl"), B + "model/")
    copied = _counts(_store(path), B + "synthetic/model/")
    assert len(copied) == models > 20   # about 300 triples a model
    for iri, counter in copied.items():
        m = COPY.match(iri)
        assert m, iri
        assert counter == base[B + "model/" + m.group(1)], iri
    assert sum(1 for _ in open(path, encoding="utf-8")) == n >= 20_000


def test_copies_name_no_curated_model_result_or_publication_as_theirs(copies: tuple[Path, int, int]) -> None:
    path, _, _ = copies
    store = _store(path)
    subjects = {t.subject.value for t in store.quads_for_pattern(None, None, None)}
    owned = [s for s in subjects if s.startswith((B + "model/", B + "result/", B + "publication/"))]
    assert not owned
    q = f"""SELECT ?id (COUNT(*) AS ?n) WHERE {{ VALUES ?kind {{ <{V}Model> <{V}BenchmarkResult> <{V}Publication> }}
              ?s a ?kind ; <{V}identifier> ?id }} GROUP BY ?id HAVING (COUNT(*) > 1)"""
    assert not list(store.query(q)), "two copied models, results or publications share an identifier"
    labels = [row["l"].value for row in store.query(f"SELECT ?l WHERE {{ ?s a <{V}Model> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }}")]
    assert labels and all(re.search(r" s\d+$", label) for label in labels)
    dois = [row["d"].value for row in store.query(f"SELECT ?d WHERE {{ ?s <{V}doi> ?d }}")]
    assert dois and all(d.startswith("10.99999/mfkg-synthetic.") for d in dois)
    assert not bool(store.query(f"ASK {{ ?s <{V}arxivId>|<{V}huggingFaceId> ?x }}"))


def test_same_build_size_and_seed_give_the_same_bytes(real_build: Path, copies: tuple[Path, int, int], tmp_path: Path) -> None:
    path, n, models = copies
    again = tmp_path / "again.nt"
    assert resample(real_build, again, 20_000) == (n, models)
    assert again.read_bytes() == path.read_bytes()
    other = tmp_path / "other.nt"
    resample(real_build, other, 20_000, seed=7)
    assert other.read_bytes() != path.read_bytes()


def test_a_build_without_models_is_refused_with_its_fix(tmp_path: Path) -> None:
    (tmp_path / "mfkg.ttl").write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="run `mfkg build` first"):
        resample(tmp_path, tmp_path / "out.nt", 100)
