"""Ontology quality: every term labelled, defined and typed; loads in rdflib and owlready2 cleanly."""

from __future__ import annotations

import warnings

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from mfkg.namespaces import MFKG
from mfkg.project import DEFAULT_ONTOLOGY

ONTO = Graph().parse(DEFAULT_ONTOLOGY)
TERMS = sorted({s for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty) for s in ONTO.subjects(RDF.type, t)
                if isinstance(s, URIRef) and str(s).startswith(str(MFKG))})


def test_header_has_version_iri_and_info() -> None:
    onto = URIRef("https://w3id.org/mfkg/ontology")
    assert (onto, RDF.type, OWL.Ontology) in ONTO
    assert str(ONTO.value(onto, OWL.versionIRI)).startswith("https://w3id.org/mfkg/ontology/")
    assert ONTO.value(onto, OWL.versionInfo) is not None


def test_required_classes() -> None:
    names = {str(t).rsplit("/", 1)[-1] for t in TERMS}
    assert {"FoundationModel", "Modality", "TokenizationStrategy", "LayerType", "ArchitecturePattern", "Task",
            "Limitation", "Trend", "Dataset", "Publication", "Recommendation", "Claim"} <= names


def test_every_term_is_labelled_and_defined() -> None:
    for t in TERMS:
        assert ONTO.value(t, RDFS.label) is not None, t
        assert ONTO.value(t, SKOS.definition) is not None, t


def test_properties_have_domain_or_range() -> None:
    for t in TERMS:
        if (t, RDF.type, OWL.Class) in ONTO:
            continue
        assert ONTO.value(t, RDFS.domain) is not None or ONTO.value(t, RDFS.range) is not None, t


def test_no_term_is_both_object_and_datatype_property() -> None:
    both = set(ONTO.subjects(RDF.type, OWL.ObjectProperty)) & set(ONTO.subjects(RDF.type, OWL.DatatypeProperty))
    assert not both


def test_loads_in_owlready2_without_warnings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import owlready2

    nt = tmp_path / "mfkg.nt"
    ONTO.serialize(nt, format="nt", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        world = owlready2.World()
        onto = world.get_ontology(nt.as_uri()).load(format="ntriples")
    assert world["https://w3id.org/mfkg/vocab/CLIPStyleModel"] is not None
    assert len(list(onto.classes())) >= 40


def test_loads_in_rdflib_without_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = Graph().parse(DEFAULT_ONTOLOGY)
    assert len(g) > 500
