"""Blank nodes on entity pages: class expressions and lists read in words, and no page shows the
store's identifier of a blank node, which changes whenever the store is rebuilt."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from mfkg.query.describe import MemoryIndex, StoreIndex, describe
from mfkg.viz.pages import EntityPages

VOCAB = "https://w3id.org/mfkg/vocab/"
OWL = "http://www.w3.org/2002/07/owl#"


def _store(turtle: bytes) -> ox.Store:
    store = ox.Store()   # a new store: new blank node identifiers
    store.load(turtle, format=ox.RdfFormat.TURTLE)
    return store


def _text(page: str, relation: str) -> str:
    m = re.search(rf"<dt>{re.escape(relation)}</dt><dd>(.*?)</dd>", page)
    assert m, f"no row {relation!r}"
    return re.sub(r"<[^>]+>", "", m.group(1))


def _page(store: ox.Store, out: Path, iri: str) -> str:
    pages = EntityPages(store, out)
    pages.write(iri)
    return pages.targets[iri].read_text(encoding="utf-8")


ONTOLOGY = b"""
@prefix : <https://w3id.org/mfkg/vocab/> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
:Model a owl:Class ; rdfs:label "model" . :Modality a owl:Class ; rdfs:label "modality" .
:Pattern a owl:Class ; rdfs:label "pattern" .
:usesModality a owl:ObjectProperty ; rdfs:label "uses modality" ;
    rdfs:domain [ a owl:Class ; owl:unionOf ( :Model :Pattern ) ] .
:MultimodalModel a owl:Class ; rdfs:label "multimodal model" ;
    owl:equivalentClass [ a owl:Class ; owl:intersectionOf ( :Model
        [ a owl:Restriction ; owl:onProperty :usesModality ; owl:minQualifiedCardinality "2"^^xsd:nonNegativeInteger ;
          owl:onClass :Modality ] ) ] .
"""


def test_class_expressions_read_in_words(tmp_path: Path) -> None:
    store = _store(ONTOLOGY)
    page = _page(store, tmp_path, VOCAB + "MultimodalModel")
    assert _text(page, "equivalentClass") == "model and (uses modality min 2 modality)"
    assert _text(_page(store, tmp_path, VOCAB + "usesModality"), "domain") == "model or pattern"
    # the classes a blank node mentions say in whose definition they stand
    assert _text(_page(store, tmp_path, VOCAB + "Modality"), "in the definition of") == "multimodal model"
    assert _text(_page(store, tmp_path, VOCAB + "Pattern"), "in the definition of") == "uses modality"


def test_the_server_s_lookups_describe_blank_nodes_as_the_site_s_do() -> None:
    store = _store(ONTOLOGY)
    for iri in (VOCAB + "MultimodalModel", VOCAB + "Modality", VOCAB + "usesModality"):
        a, b = describe(MemoryIndex(store), iri), describe(StoreIndex(store), iri)
        assert a.anonymous or a.defined_in, iri
        assert a.defined_in == b.defined_in and a.anonymous == b.anonymous, iri
        assert sorted(map(str, a.all_triples())) == sorted(map(str, b.all_triples()))


def test_pages_are_the_same_whatever_the_blank_node_identifiers(real_build: Path, tmp_path: Path) -> None:
    turtle = (real_build / "mfkg.ttl").read_bytes()
    first, second = _store(turtle), _store(turtle)
    ids = {q.subject.value for q in first.quads_for_pattern(None, None, None) if isinstance(q.subject, ox.BlankNode)}
    assert ids, "the curated graph has no blank node to test with"
    a, b = EntityPages(first, tmp_path / "a"), EntityPages(second, tmp_path / "b")
    with_blank_nodes = [iri for iri in a.iris if iri.startswith(VOCAB) or "/modality/" in iri]
    for iri in with_blank_nodes:
        a.write(iri)
        b.write(iri)
        page = a.targets[iri].read_text(encoding="utf-8")
        assert page == b.targets[iri].read_text(encoding="utf-8"), iri
        assert not any(i in page for i in ids), f"{iri}: a blank node's identifier is shown"
        assert "_:" not in page, iri



def test_a_list_reads_as_its_items_in_order(tmp_path: Path) -> None:
    store = _store(ONTOLOGY + b"""
        :different a owl:AllDifferent ; rdfs:label "different" ; owl:distinctMembers ( :Pattern :Modality :Model ) .
        """)
    assert _text(_page(store, tmp_path, VOCAB + "different"), "distinctMembers") == "pattern, modality, model"
