"""SHACL re-run on the focus nodes a change can reach gives exactly what a full run gives.

Every defect case of test_validate (and a few edits that reach further: a changed class of a node
others point at, a new target through sh:targetObjectsOf, a removed entity) is made on the fixture
graph; the partial run starts from the clean graph's kept results and must equal a full run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from mfkg.curation.filecache import FileCache
from mfkg.namespaces import MFKG, entity_iri
from mfkg.project import DEFAULT_SHAPES
from mfkg.rdf.serialise import graph_lines, lines_digest
from mfkg.validation import shacl_delta
from mfkg.validation.validate import _shacl_results
from test_validate import CASES, GRAPH, SCGPT

PUB = entity_iri("publication", "cui2024scgpt")


def _copy(g: Graph) -> Graph:
    out = Graph()
    out += g
    return out


def _delta(g: Graph, cache: FileCache) -> tuple[list, int | None]:
    plain, bnode_lines, _ = graph_lines(g)
    return shacl_delta.shacl_results(g, plain, lines_digest([], bnode_lines), shapes=DEFAULT_SHAPES, cache=cache,
                                     place="fixture", full=lambda focus: _shacl_results(g, DEFAULT_SHAPES, focus),
                                     fingerprint="test")


def _retype_publication(g: Graph) -> None:   # every model citing it now fails sh:class Publication
    g.remove((PUB, RDF.type, None))
    g.add((PUB, RDF.type, MFKG.Dataset))


def _new_evidence_target(g: Graph) -> None:   # an sh:targetObjectsOf target without its own triples
    claim = next(iter(g.subjects(MFKG.claimProperty, None)))
    g.add((claim, MFKG.checkedAgainst, URIRef("https://w3id.org/mfkg/model/nowhere/claim/x")))


def _literal_evidence_target(g: Graph) -> None:   # a literal focus node: only a full run reports it
    claim = next(iter(g.subjects(MFKG.claimProperty, None)))
    g.add((claim, MFKG.checkedAgainst, Literal("somewhere")))


def _remove_model(g: Graph) -> None:
    for t in list(g.triples((SCGPT, None, None))):
        g.remove(t)


EXTRA: dict[str, Callable[[Graph], None]] = {
    "retyped-publication": _retype_publication,
    "new-evidence-target": _new_evidence_target,
    "literal-evidence-target": _literal_evidence_target,
    "removed-model": _remove_model,
    "literal-edit": lambda g: (g.remove((SCGPT, RDFS.label, None)), g.add((SCGPT, RDFS.label, Literal("scGPT v2")))),
}
MUTATIONS: dict[str, Callable[[Graph], None]] = {**{k: v[0] for k, v in CASES.items()}, **EXTRA}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_a_partial_run_gives_what_a_full_run_gives(name: str, tmp_path: Path) -> None:
    cache = FileCache(tmp_path, "validation")
    base, rechecked = _delta(GRAPH, cache)   # nothing kept: a full run, whose results are kept
    assert rechecked is None and base == _shacl_results(GRAPH, DEFAULT_SHAPES)
    g = _copy(GRAPH)
    MUTATIONS[name](g)
    got, rechecked = _delta(g, cache)
    assert got == _shacl_results(g, DEFAULT_SHAPES), name
    if name in EXTRA and name != "literal-evidence-target" or name.startswith(("claim", "result", "year", "pattern", "label")):
        assert rechecked is not None and 0 < rechecked <= shacl_delta.MAX_RECHECKED, (name, rechecked)


def test_the_same_graph_again_rechecks_nothing(tmp_path: Path) -> None:
    cache = FileCache(tmp_path, "validation")
    first, _ = _delta(GRAPH, cache)
    again, rechecked = _delta(_copy(GRAPH), cache)
    assert again == first and rechecked == 0


def test_a_retyped_node_rechecks_whoever_points_at_it(tmp_path: Path) -> None:
    cache = FileCache(tmp_path, "validation")
    _delta(GRAPH, cache)
    g = _copy(GRAPH)
    _retype_publication(g)
    got, rechecked = _delta(g, cache)
    citing = set(g.subjects(None, PUB))
    assert citing and rechecked is not None and rechecked >= len(citing)
    assert any("publication" in r[3] for r in got if URIRef(r[0]) in citing)


@pytest.mark.parametrize("edit", ["subclass", "bnode"])
def test_edits_it_cannot_bound_run_in_full(edit: str, tmp_path: Path) -> None:
    cache = FileCache(tmp_path, "validation")
    _delta(GRAPH, cache)
    g = _copy(GRAPH)
    if edit == "subclass":
        g.add((MFKG.Dataset, RDFS.subClassOf, MFKG.Publication))
    else:
        g.add((BNode(), RDFS.comment, Literal("an axiom")))
    got, rechecked = _delta(g, cache)
    assert rechecked is None and got == _shacl_results(g, DEFAULT_SHAPES)


@pytest.mark.parametrize("shape", [
    "shape:X a sh:NodeShape ; sh:targetClass mfkg:Model ; sh:or ( [ sh:path mfkg:quote ; sh:minCount 1 ] ) .",
    "shape:X a sh:NodeShape ; sh:targetClass mfkg:Model ; sh:property [ sh:path [ sh:inversePath mfkg:variantOf ] ; sh:minCount 1 ] .",
    "shape:X a sh:NodeShape ; sh:targetClass mfkg:Model ; sh:property [ sh:path mfkg:hasVariant ; sh:node shape:Y ] .",
    "shape:X a sh:NodeShape ; sh:targetNode mfkg:x ; sh:property [ sh:path mfkg:p ; sh:minCount 1 ] .",
])
def test_shapes_outside_the_subset_have_no_plan(shape: str) -> None:
    prefixes = ("@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix mfkg: <https://w3id.org/mfkg/vocab/> . "
                "@prefix shape: <https://w3id.org/mfkg/shape/> . ")
    assert shacl_delta.plan(Graph().parse(data=prefixes + shape, format="turtle")) is None


def test_the_project_shapes_have_a_plan() -> None:
    plan = shacl_delta.plan(Graph().parse(DEFAULT_SHAPES, format="turtle"))
    assert plan is not None and str(MFKG.checkedAgainst) in plan.objects_of
