"""Saved queries: each answers what it should; parameters are bound as values, never as query text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run_cli
from mfkg.project import DEFAULT_QUERIES
from mfkg.query.expected import normalise, read_tsv, table_rows
from mfkg.query.saved import ENTITY_KINDS, QueryError, SavedQueries, run_saved
from mfkg.query.store import MemoryStore, RemoteStore
from mfkg.query.terms import Term

CATALOGUE = SavedQueries.load()
NAMES = sorted(CATALOGUE.queries)
SELECTS = sorted(n for n, q in CATALOGUE.queries.items() if q.form == "SELECT")
PAYLOADS = ['"', "'", "\\", "{}", "#", "\n", "} UNION { ?s ?p ?o }", '" ) } SELECT * WHERE { ?s ?p ?o } #',
            "DROP ALL", "INSERT DATA { <urn:x> <urn:y> <urn:z> }", "<http://example.org/>", "?model", "\\u0022 }"]


def test_at_least_30_questions_covering_every_section_and_kind() -> None:
    assert len(NAMES) >= 30
    sections = {s for q in CATALOGUE.queries.values() for s in q.sections}
    assert {1, 2, 3, 4, 5, 6, 7, 8, 9} <= sections
    kinds = {k for q in CATALOGUE.queries.values() for k in q.kinds}
    assert {"model", "modality", "tokenizer", "layer-type", "pattern", "task", "limit", "trend", "dataset",
            "publication", "recommendation"} <= kinds


@pytest.mark.parametrize("name", SELECTS)
def test_saved_query_gives_its_expected_answer(name: str, real_store) -> None:  # type: ignore[no-untyped-def]
    q = CATALOGUE.get(name)
    expected_file = DEFAULT_QUERIES / "expected" / f"{name}.tsv"
    assert expected_file.exists(), f"no expected answer; run 'mfkg query snapshot {name}' and review it"
    table = run_saved(real_store, q)
    got = normalise(*table_rows(table), q.ordered)
    want = normalise(*read_tsv(expected_file), q.ordered)
    assert got == want, (f"query {name} changed its answer; if the change is intended, run "
                         f"'mfkg query snapshot {name}' and review the diff of {expected_file.name}")


def _string_params() -> list[tuple[str, str]]:
    return [(q.name, p.name) for q in CATALOGUE.queries.values() for p in q.params if p.type == "string"]


@pytest.mark.parametrize("name,param", _string_params())
@pytest.mark.parametrize("payload", PAYLOADS)
def test_string_parameters_cannot_inject(name: str, param: str, payload: str, real_store) -> None:  # type: ignore[no-untyped-def]
    q = CATALOGUE.get(name)
    attacked = run_saved(real_store, q, {param: payload}, with_labels=False)
    assert attacked.rows == _benign_rows(real_store, name, param), f"{payload!r} changed the answer of {name}"


_BENIGN: dict[tuple[str, str], list] = {}


def _benign_rows(store, name: str, param: str) -> list:  # type: ignore[no-untyped-def]
    """The answer to a value that matches nothing, once per question and parameter (the store is read only)."""
    if (name, param) not in _BENIGN:
        _BENIGN[name, param] = run_saved(store, CATALOGUE.get(name), {param: "zz-no-such-value-zz"}, with_labels=False).rows
    return _BENIGN[name, param]


@pytest.mark.parametrize("name,param", [(q.name, p.name) for q in CATALOGUE.queries.values()
                                        for p in q.params if p.type in ENTITY_KINDS or p.type == "integer"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_typed_parameters_reject_payloads(name: str, param: str, payload: str, real_store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QueryError):
        run_saved(real_store, CATALOGUE.get(name), {param: payload})


@pytest.mark.parametrize("payload", PAYLOADS)
def test_remote_binding_keeps_payload_a_single_literal(payload: str) -> None:
    """The endpoint path writes values as escaped N-Triples terms; parsed back, the value is intact."""
    store = MemoryStore(b"<urn:a> <urn:p> \"x\" .\n")
    text = RemoteStore.with_values("SELECT ?v WHERE { }", {"v": Term.literal(payload)})
    rows = store.select(text).rows
    assert len(rows) == 1 and rows[0][0] is not None and rows[0][0].value == payload


def test_recommend_translation_with_rna_and_atac(real_store) -> None:  # type: ignore[no-untyped-def]
    table = run_saved(real_store, CATALOGUE.get("recommend"), {"have": "scrna scatac", "goal": "translation"})
    rows = table.display_rows()
    assert len(rows) == 1 and "scButterfly" in rows[0][2] and "Dual-aligned" in rows[0][1]


def test_recommend_requires_all_modalities_of_an_option(real_store) -> None:  # type: ignore[no-untyped-def]
    table = run_saved(real_store, CATALOGUE.get("recommend"), {"have": "protein-sequence", "goal": "*"})
    assert table.rows == []   # DPLM-2 needs sequence and structure


def test_clip_protein_anchor_uses_inferred_classes_only(real_store, real_build: Path) -> None:  # type: ignore[no-untyped-def]
    from rdflib import Graph
    from rdflib.namespace import RDF

    from mfkg.namespaces import MFKG

    asserted = Graph().parse(real_build / "mfkg.ttl")
    assert not list(asserted.subjects(RDF.type, MFKG.CLIPStyleModel)), "no model is asserted CLIP-style by hand"
    q = CATALOGUE.get("clip-protein-anchor")
    assert run_saved(real_store, q, inferred=False).rows == []
    names = {r[0] for r in run_saved(real_store, q).display_rows()}
    assert {"ProteinAligner", "ProtST"} <= names


# ------------------------------------------------------------------------- CLI
def test_query_list_json(real_build: Path) -> None:
    r = run_cli("query", "list", "--format", "json")
    assert r.code == 0
    items = json.loads(r.out)
    assert len(items) == len(NAMES) and all(i["title"] for i in items)


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "md"])
def test_query_run_formats(fmt: str, real_build: Path) -> None:
    r = run_cli("query", "run", "models-min-params", "--param", "min_params=10000000000", "--format", fmt,
                "--build-dir", str(real_build))
    assert r.code == 0, r.err
    assert "xTrimoPGLM" in r.out or fmt == "json"
    if fmt == "json":
        data = json.loads(r.out)
        assert data["head"]["vars"] == ["model", "parameters", "variant", "source"]
        first = data["results"]["bindings"][0]
        assert first["model"] == {"type": "uri", "value": "https://w3id.org/mfkg/model/xtrimopglm"}   # 100 B, the largest
        assert first["parameters"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


def test_cli_errors_are_one_sentence(real_build: Path) -> None:
    r = run_cli("query", "run", "recommnd", "--build-dir", str(real_build))
    assert r.code == 2 and "did you mean 'recommend'?" in r.err
    r = run_cli("query", "run", "recommend", "--param", "hav=x", "--build-dir", str(real_build))
    assert r.code == 2 and "has no parameter 'hav'" in r.err
    r = run_cli("sparql", "SELECT ?x WHERE {\n  ?x ?y\n}", "--build-dir", str(real_build))
    assert r.code == 2 and "line 3, column" in r.err and "Traceback" not in r.err
    r = run_cli("query", "run", "recommend", "--build-dir", str(real_build / "nothing"))
    assert r.code == 2 and "run 'mfkg build' first" in r.err


def test_compare_and_recommend_verbs(real_build: Path) -> None:
    r = run_cli("compare", "scGPT", "geneformer", "--format", "md", "--build-dir", str(real_build))
    assert r.code == 0 and "| Geneformer |" in r.out and "| scGPT |" in r.out
    r = run_cli("recommend", "--have", "scrna", "--have", "surface-protein", "--goal", "translation",
                "--build-dir", str(real_build))
    assert r.code == 0 and "scButterfly" in r.out


def test_python_api_in_two_lines(real_build: Path) -> None:
    import mfkg

    kg = mfkg.open(real_build)
    rows = kg.query("models-min-cells", min_cells=200_000_000).dicts()
    assert rows[0]["model"] == "https://w3id.org/mfkg/model/scprint-2" and rows[0]["cells"] == 350_000_000


def test_construct_query_draws_the_lineage(real_store) -> None:  # type: ignore[no-untyped-def]
    q = CATALOGUE.get("lineage-graph")
    assert q.form == "CONSTRUCT"
    triples = real_store.construct(q.text)
    edges = {(s.value, p.value, o.value) for s, p, o in triples}
    assert ("https://w3id.org/mfkg/model/evo-2", "https://w3id.org/mfkg/vocab/derivesFrom",
            "https://w3id.org/mfkg/model/evo") in edges


def test_leaderboard_ranks_a_perturbation_benchmark_with_baselines_and_sources(real_build: Path) -> None:
    from conftest import run_cli

    r = run_cli("leaderboard", "norman2019-gears-simulation-split", "--metric", "pearson-delta", "--format", "tsv",
                "--build-dir", str(real_build))
    assert r.code == 0, r.err
    lines = [line.split("\t") for line in r.out.splitlines()]
    header, rows = lines[0], lines[1:]
    assert header[:3] == ["rank", "metric", "model"] and "source" in header
    models = {row[2] for row in rows}
    assert {"scGPT", "linear model"} <= models, models
    assert all(row[header.index("source")] for row in rows)
    values = [float(row[header.index("value")]) for row in rows]
    assert values == sorted(values, reverse=True)   # higher is better: best first
    r = run_cli("leaderboard", "--build-dir", str(real_build), "--format", "tsv")
    assert r.code == 0 and len(r.out.splitlines()) > 20


def test_recommend_names_the_translation_models_that_fit_with_why(real_build: Path) -> None:
    from conftest import run_cli

    r = run_cli("recommend", "--have", "RNA", "--have", "ATAC", "--goal", "cross-modal translation", "--fitting",
                "--format", "tsv", "--build-dir", str(real_build))
    assert r.code == 0, r.err
    rows = [line.split("\t") for line in r.out.splitlines()]
    header, body = rows[0], rows[1:]
    models = {row[header.index("model")] for row in body}
    assert {"scButterfly", "BABEL", "Polarbear"} <= models, models
    assert all("follows" in row[header.index("why")] and "addresses" in row[header.index("why")] for row in body)
