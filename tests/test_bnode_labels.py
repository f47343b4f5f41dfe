"""Blank-node labels of the build: by content and place for trees, rdflib's canonical labelling otherwise."""

from __future__ import annotations

from rdflib import Graph
from rdflib.compare import isomorphic

from mfkg.project import DEFAULT_ONTOLOGY
from mfkg.rdf.serialise import canonical_bnode_lines, split_bnodes, tree_labels
from mfkg.rdf.triples import ontology_graph

TWO_SAME = """
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <http://example.org/> .
ex:A rdfs:subClassOf [ a owl:Restriction ; owl:onProperty ex:p ; owl:someValuesFrom ex:B ] ,
                     [ a owl:Restriction ; owl:onProperty ex:p ; owl:someValuesFrom ex:B ] ,
                     [ a owl:Restriction ; owl:onProperty ex:q ; owl:someValuesFrom [ owl:unionOf ( ex:B ex:C ) ] ] .
ex:D owl:disjointUnionOf ( ex:B ex:C ) .
"""


def _lines(graph: Graph) -> list[bytes]:
    return sorted(canonical_bnode_lines(split_bnodes(graph)[1]))


def _parsed(text: str, fmt: str = "turtle") -> Graph:
    return Graph().parse(data=text, format=fmt)


def test_tree_labels_keep_the_graph_and_do_not_depend_on_the_parse() -> None:
    g = _parsed(TWO_SAME)
    lines = _lines(g)
    assert isomorphic(_parsed(b"\n".join(lines).decode(), "nt"), g)
    assert len(lines) == len(g)          # the two equal restrictions stay two blank nodes
    again = _parsed(g.serialize(format="nt"), "nt")   # new blank-node labels
    assert _lines(again) == lines


def test_the_ontologys_blank_nodes_are_trees_and_keep_their_axioms() -> None:
    onto = ontology_graph(DEFAULT_ONTOLOGY)
    with_bnodes = split_bnodes(onto)[1]
    assert tree_labels(with_bnodes) is not None
    lines = canonical_bnode_lines(with_bnodes)
    assert isomorphic(_parsed(b"\n".join(lines).decode(), "nt"), with_bnodes)


def test_shared_or_cyclic_blank_nodes_fall_back_to_canonical_labelling() -> None:
    shared = _parsed("""@prefix ex: <http://example.org/> .
        ex:a ex:p _:x . ex:b ex:p _:x . _:x ex:q ex:c .""")
    cyclic = _parsed("""@prefix ex: <http://example.org/> .
        _:x ex:p _:y . _:y ex:p _:x . ex:a ex:q _:x .""")
    for g in (shared, cyclic):
        assert tree_labels(g) is None
        lines = _lines(g)
        assert isomorphic(_parsed(b"\n".join(lines).decode(), "nt"), g)
        assert _lines(_parsed(g.serialize(format="nt"), "nt")) == lines
