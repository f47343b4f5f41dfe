"""The reasoner derives what nobody typed, and names an inconsistency."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from conftest import FIXTURE_DATA
from mfkg.namespaces import MFKG, entity_iri
from mfkg.project import DEFAULT_ONTOLOGY
from mfkg.rdf.compile import compile_graph
from mfkg.rdf.reason import reason
from mfkg.validation.validate import run_reasoner_stage

ONTOLOGY = Graph().parse(DEFAULT_ONTOLOGY)
DEFINED = sorted({s for s in ONTOLOGY.subjects(OWL.equivalentClass, None) if isinstance(s, URIRef)})


def test_there_are_defined_classes() -> None:
    names = {str(c).rsplit("/", 1)[-1] for c in DEFINED}
    assert {"MultimodalModel", "ProteinAnchoredModel", "CellAnchoredModel", "DNAAnchoredModel", "SpatialModel",
            "CLIPStyleModel", "GenerativeModel", "MissingModalityTolerantModel", "PairedDataTask"} <= names
    patterns = [c for c in names if c.endswith("Model") and c not in {"MultimodalModel", "GenerativeModel"}]
    assert len(patterns) >= 9


@pytest.fixture(scope="module")
def real_graphs(real_build: Path) -> tuple[Graph, Graph]:
    """The real build's asserted and inferred graphs, parsed once for the tests below."""
    from mfkg.rdf.oxio import read_rdf

    return read_rdf(real_build / "mfkg.ttl"), read_rdf(real_build / "mfkg-inferred.ttl")


@pytest.mark.parametrize("cls", DEFINED, ids=lambda c: str(c).rsplit("/", 1)[-1])
def test_every_defined_class_has_an_inferred_member(cls: URIRef, real_graphs: tuple[Graph, Graph]) -> None:
    asserted, inferred = real_graphs
    members = set(inferred.subjects(RDF.type, cls))
    assert members, f"no member inferred for {cls}"
    assert not set(asserted.subjects(RDF.type, cls)), "members of defined classes must not be asserted"


def test_lineage_is_transitive_and_inverses_are_materialised(real_build: Path) -> None:
    inferred = Graph().parse(real_build / "mfkg-inferred.ttl")
    assert (entity_iri("pattern", "clip-contrastive"), MFKG.patternOf, entity_iri("model", "proteinaligner")) in inferred
    assert (entity_iri("task", "cross-modal-translation"), MFKG.addressedBy, entity_iri("model", "scbutterfly")) in inferred


def test_fixture_is_consistent() -> None:
    _, g = compile_graph(FIXTURE_DATA)
    result = reason(g)
    assert result.consistent and not result.unsatisfiable
    assert (entity_iri("model", "protst"), RDF.type, MFKG.CLIPStyleModel) in result.inferred


def test_inconsistent_fixture_is_reported_by_name() -> None:
    _, g = compile_graph(FIXTURE_DATA)
    g.add((entity_iri("model", "scgpt"), RDF.type, MFKG.Publication))   # a model cannot be a publication
    findings, result = run_reasoner_stage(g)
    assert not result.consistent
    assert len(findings) == 1 and findings[0].severity == "violation"
    assert "model/scgpt is both a Model and a Publication" in findings[0].message


def test_unsatisfiable_class_is_named() -> None:
    _, g = compile_graph(FIXTURE_DATA)
    bad = URIRef(str(MFKG) + "ImpossibleThing")
    g.add((bad, RDF.type, OWL.Class))
    g.add((bad, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), MFKG.Model))
    g.add((bad, URIRef("http://www.w3.org/2000/01/rdf-schema#subClassOf"), MFKG.Publication))
    findings, result = run_reasoner_stage(g)
    assert result.consistent
    assert [f.focus for f in findings] == ["vocab/ImpossibleThing"]


def test_the_reasoners_answer_is_reused_for_the_same_input_and_only_for_it(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import mfkg.rdf.reason as reasoning

    monkeypatch.setenv("MFKG_CACHE_DIR", str(tmp_path / "cache"))
    _, graph = compile_graph(FIXTURE_DATA)
    fresh = reason(graph, cached=False)
    first = reason(graph)
    assert set(first.inferred) == set(fresh.inferred) and first.unsatisfiable == fresh.unsatisfiable
    assert list((tmp_path / "cache" / "reasoner").rglob("*")), "nothing was cached"

    calls: list[int] = []
    real = reasoning._start_hermit
    monkeypatch.setattr(reasoning, "_start_hermit", lambda *a: calls.append(1) or real(*a))
    _, again = compile_graph(FIXTURE_DATA)   # parsed anew: other blank-node labels, same axioms
    assert set(reason(again).inferred) == set(fresh.inferred)
    assert calls == [], "the same input ran HermiT again"
    again.add((entity_iri("model", "scgpt"), MFKG.followsPattern, entity_iri("pattern", "clip-contrastive")))
    changed = reason(again)
    assert calls == [1], "a changed input was answered from the cache"
    assert (entity_iri("model", "scgpt"), RDF.type, MFKG.CLIPStyleModel) in changed.inferred
