"""A real Virtuoso: push the build into named graphs, run every saved query there, same answers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli
from mfkg.project import DEFAULT_QUERIES
from mfkg.query.expected import normalise, read_tsv, table_rows
from mfkg.query.saved import QueryError, SavedQueries, run_saved
from mfkg.query.store import ASSERTED_GRAPH, INFERRED_GRAPH, RemoteStore

sys.path.insert(0, str(ROOT / "tests" / "support"))
import virtuoso

CATALOGUE = SavedQueries.load()
SELECTS = sorted(n for n, q in CATALOGUE.queries.items() if q.form == "SELECT")
CREDS = {"MFKG_ENDPOINT_USER": "dba", "MFKG_ENDPOINT_PASSWORD": "dba"}   # a fresh throw-away database


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, real_build: Path):  # type: ignore[no-untyped-def]
    v = virtuoso.start(tmp_path_factory.mktemp("virtuoso"))
    r = run_cli("push", "--endpoint", v.graph_crud, "--build-dir", str(real_build), env=CREDS)
    assert r.code == 0, r.err
    yield v
    v.stop()


@pytest.fixture(scope="module")
def remote(server) -> RemoteStore:  # type: ignore[no-untyped-def]
    return RemoteStore(server.sparql, graphs=[ASSERTED_GRAPH, INFERRED_GRAPH])


# Virtuoso writes some values differently from Oxigraph (decimal results such as 48 vs 48.0, a
# lineage path through the transitive closure); kept visible, strict, until each is fixed.
VIRTUOSO_DIFFERS = {"benchmark-results", "leaderboard", "model-card", "model-lineage", "result-conflicts",
                    "self-vs-independent"}


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="see VIRTUOSO_DIFFERS"))
                                  if n in VIRTUOSO_DIFFERS else n for n in SELECTS])
def test_saved_query_same_answer_on_virtuoso(name: str, remote: RemoteStore) -> None:
    q = CATALOGUE.get(name)
    got = normalise(*table_rows(run_saved(remote, q)), False)
    want = normalise(*read_tsv(DEFAULT_QUERIES / "expected" / f"{name}.tsv"), False)
    assert got[1] == want[1]


def test_parameters_bound_on_virtuoso(remote: RemoteStore) -> None:
    table = run_saved(remote, CATALOGUE.get("recommend"), {"have": "scrna scatac", "goal": "translation"})
    assert [r[2] for r in table.display_rows()] == ["scButterfly"]
    attacked = run_saved(remote, CATALOGUE.get("recommend"), {"goal": '" } } DROP ALL ; #'})   # a text parameter
    assert attacked.rows == []
    with pytest.raises(QueryError):   # an entity parameter: the payload names no modality
        run_saved(remote, CATALOGUE.get("recommend"), {"have": '" } } DROP ALL ; #', "goal": "*"})
    assert len(run_saved(remote, CATALOGUE.get("recommend"))) == 5


def test_cli_against_the_endpoint(server) -> None:  # type: ignore[no-untyped-def]
    env = {"MFKG_ENDPOINT_GRAPHS": f"{ASSERTED_GRAPH} {INFERRED_GRAPH}"}
    r = run_cli("query", "run", "clip-protein-anchor", "--endpoint", server.sparql, env=env)
    assert r.code == 0 and "ProteinAligner" in r.out, r.err


def test_push_without_credentials_is_one_sentence(server, real_build: Path) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("push", "--endpoint", server.graph_crud, "--build-dir", str(real_build),
                env={"MFKG_ENDPOINT_USER": "", "MFKG_ENDPOINT_PASSWORD": ""})
    assert r.code == 2 and "refused the upload: HTTP 401" in r.err and "Traceback" not in r.err


def test_names_resolve_the_same_on_virtuoso(remote: RemoteStore, real_build: Path) -> None:
    """The entity index (ids, labels, aliases, variant names) read from Virtuoso is the one read from the
    embedded store: its query (a regular expression on the IRI, a UNION for variants) means the same there."""
    from mfkg.query.resolve import EntityIndex
    from mfkg.query.store import open_store

    def shape(index: EntityIndex) -> tuple:  # type: ignore[type-arg]
        return (sorted((e.iri, e.kind, e.id, e.label, tuple(e.names)) for e in index.entries.values()),
                sorted((k, sorted(v)) for k, v in index.by_variant.items()))

    here, there = EntityIndex.from_store(open_store(real_build)), EntityIndex.from_store(remote)
    assert len(here.entries) > 1000
    assert shape(there) == shape(here)
    assert there.resolve("scGPT", ["model"]) == here.resolve("scGPT", ["model"])


def test_pushed_iris_arrive_as_built(remote: RemoteStore, real_build: Path) -> None:
    """IRIs with a slash after the namespace (variants, claims, metrics) arrive as built: Virtuoso 7 kept the
    backslash of Turtle's escaped local names (`model:x\\/variant\\/y` became `.../x\\/variant\\/y`)."""
    from mfkg.query.store import open_store

    q = ("SELECT ?v WHERE { ?m <https://w3id.org/mfkg/vocab/hasVariant> ?v } ORDER BY ?v")
    here = [str(r[0]) for r in open_store(real_build).select(q).rows]
    there = [str(r[0]) for r in remote.select(q).rows]
    assert len(here) > 100 and "/variant/" in here[0]
    assert there == here
