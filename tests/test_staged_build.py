"""`mfkg run` builds the graph in two stages and starts HermiT on the first (`rdf.triples.StagedBuild`):
the graph is `build_graph`'s, the reasoner's input is the whole graph's, and when the second stage adds a
statement the reasoner reads, HermiT starts again on the whole graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, REAL_DATA
from mfkg.curation.load import check_data
from mfkg.namespaces import MFKG, entity_iri
from mfkg.project import DEFAULT_ONTOLOGY, BuildFolder
from mfkg.rdf.reasoner_input import Reads, reads_kind, reasoner_input_with_stand_ins
from mfkg.rdf.serialise import GraphText, serialize_turtle
from mfkg.rdf.triples import StagedBuild, build_graph


@pytest.fixture(scope="module")
def catalog():  # type: ignore[no-untyped-def]
    return check_data(REAL_DATA, None)[0]


def test_the_two_stages_give_build_graphs_graph(catalog) -> None:  # type: ignore[no-untyped-def]
    staged = StagedBuild(catalog, DEFAULT_ONTOLOGY, reads_kind)
    assert not staged.rest()
    assert serialize_turtle(staged.graph) == serialize_turtle(build_graph(catalog, DEFAULT_ONTOLOGY))


def test_on_the_curated_catalogue_the_second_stage_adds_nothing_the_reasoner_reads(catalog) -> None:  # type: ignore[no-untyped-def]
    staged = StagedBuild(catalog, DEFAULT_ONTOLOGY, reads_kind)
    first = {str(t) for t in reasoner_input_with_stand_ins(staged.graph)[0]}
    before = len(staged.graph)
    assert not staged.rest(Reads())
    assert len(staged.graph) > before + 30_000, "the second stage holds most of the records"
    whole = {str(t) for t in reasoner_input_with_stand_ins(staged.graph, GraphText(staged.graph).triples())[0]}
    assert first == whole


def test_a_statement_the_reasoner_reads_in_the_second_stage_starts_it_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the models moved to the second stage (as if a kind the reasoner reads were missed), the
    pipeline sees it, starts HermiT again on the whole graph and writes the same inferred graph."""
    import mfkg.rdf.reason as reason
    import mfkg.rdf.reasoner_input as taking
    from mfkg.pipeline import run_pipeline

    started: list[int] = []
    real = reason.Reasoning

    class Counted(real):  # type: ignore[misc,valid-type]
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            started.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(reason, "Reasoning", Counted)
    run_pipeline(BuildFolder(tmp_path / "plain"), data_dir=FIXTURE_DATA, validate=False)
    assert len(started) == 1
    monkeypatch.setattr(taking, "reads_kind", lambda kind: kind != "model")
    run_pipeline(BuildFolder(tmp_path / "late"), data_dir=FIXTURE_DATA, validate=False)
    assert len(started) == 3
    plain, late = BuildFolder(tmp_path / "plain"), BuildFolder(tmp_path / "late")
    assert late.inferred.read_bytes() == plain.inferred.read_bytes()
    assert late.graph.read_bytes() == plain.graph.read_bytes()


def test_mfkg_validate_starts_the_reasoner_again_too(monkeypatch: pytest.MonkeyPatch) -> None:
    import mfkg.rdf.reasoner_input as taking
    from mfkg.project import DEFAULT_QUERIES, DEFAULT_SHAPES
    from mfkg.validation.validate import _validate

    def report() -> tuple[list[str], set[tuple[str, str]]]:
        got = _validate(FIXTURE_DATA, ontology=DEFAULT_ONTOLOGY, shapes=DEFAULT_SHAPES, queries_dir=DEFAULT_QUERIES,
                        reasoner=True)
        assert got.inferred is not None
        return sorted(f.message for f in got.findings), {(str(s), str(o)) for s, _, o in got.inferred}

    plain = report()
    monkeypatch.setattr(taking, "reads_kind", lambda kind: kind != "model")
    assert report() == plain
    assert (str(entity_iri("model", "protst")), str(MFKG.CLIPStyleModel)) in plain[1]
