"""The field -> predicate table covers every schema field, and every predicate it uses is declared."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import OWL, RDF

from mfkg.curation.load import KINDS
from mfkg.namespaces import MFKG
from mfkg.project import DEFAULT_ONTOLOGY
from mfkg.rdf.fields import HANDLED_ELSEWHERE, MAPS, NodeMap


def _mapped(nmap: NodeMap) -> set[str]:
    return {f.field for f in nmap.fields}


def test_every_schema_field_is_mapped_or_explained() -> None:
    for kind in KINDS:
        if kind.name not in MAPS:
            continue
        missing = set(kind.record.model_fields) - _mapped(MAPS[kind.name]) - set(HANDLED_ELSEWHERE.get(kind.name, {}))
        assert not missing, f"{kind.name}: fields without a predicate: {sorted(missing)}"


def test_every_mfkg_predicate_in_the_table_is_declared() -> None:
    onto = Graph().parse(DEFAULT_ONTOLOGY)
    declared = {s for t in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
                for s in onto.subjects(RDF.type, t)}

    def walk(nmap: NodeMap) -> None:
        for f in nmap.fields:
            if str(f.predicate).startswith(str(MFKG)):
                assert f.predicate in declared, f.predicate
            if f.node is not None:
                walk(f.node)

    for nmap in MAPS.values():
        walk(nmap)
