"""Individuals that only inert statements name are reasoned through one stand-in per class
(`rdf.stand_ins`): the same answers, with fewer individuals for HermiT."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from mfkg.namespaces import MFKG

PREFIXES = """
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix v: <https://w3id.org/mfkg/vocab/> .
@prefix m: <https://w3id.org/mfkg/model/> .
v:Model a owl:Class . v:Use a owl:Class . v:Thing a owl:Class . v:Other a owl:Class .
v:hasUse a owl:ObjectProperty ; rdfs:domain v:Model ; rdfs:range v:Use .
v:of a owl:ObjectProperty , owl:FunctionalProperty ; rdfs:domain v:Use ; rdfs:range v:Thing .
v:counted a owl:ObjectProperty .
v:Counted owl:equivalentClass [ a owl:Restriction ; owl:onProperty v:counted ; owl:someValuesFrom v:Use ] .
m:t1 a v:Thing . m:t2 a v:Thing .
m:a a v:Model ; v:hasUse m:a-u1 , m:a-u2 , m:a-u3 , m:a-u4 , m:a-u5 , m:a-u7 ; v:counted m:a-u6 .
m:a-u1 a v:Use ; v:of m:t1 .
m:a-u2 a v:Use ; v:of m:t2 .
m:a-u3 a v:Use .
m:a-u4 a v:Use ; v:of m:t1 , m:t2 .
m:a-u5 a v:Use , v:Other .
m:a-u6 a v:Use .
m:a-u7 a v:Use ; v:of m:loose .
m:b v:hasUse m:b-u1 .
m:b-u1 a v:Use .
"""


def _stand_ins(text: str) -> dict[str, str]:
    from mfkg.rdf.reasoner_input import reasoner_input_with_stand_ins

    graph = Graph().parse(data=text, format="turtle")
    return {k.rsplit("/", 1)[-1]: v.rsplit("/", 1)[-1] for k, v in reasoner_input_with_stand_ins(graph)[1].items()}


def test_one_individual_stands_in_for_those_only_inert_statements_name() -> None:
    """u1 stands in for u2 and u3 (one class, inert statements with their ends' classes stated, one value
    of a functional property). Not for: u4 (two values of a functional property), u5 (two classes), u6
    (named by a property a class expression reads), u7 (its value's class is not stated), b-u1 (its
    model's class is not stated). Each of the classes of the individuals kept stays in the input."""
    assert _stand_ins(PREFIXES) == {"a-u2": "a-u1", "a-u3": "a-u1",
                                    # the things and models: one class, named only by inert statements
                                    "t2": "t1"}


@pytest.mark.parametrize("axiom", [
    "v:Use rdfs:subClassOf [ a owl:Restriction ; owl:onProperty v:counted ; owl:allValuesFrom v:Thing ] .",
    "v:Use rdfs:subClassOf [ a owl:Restriction ; owl:onProperty v:counted ; owl:maxCardinality 1 ] .",
    "v:counted a owl:InverseFunctionalProperty .",
    "m:t1 owl:sameAs m:t2 .",
    "v:Listed owl:oneOf ( m:t1 m:t2 ) .",
])
def test_no_individual_stands_in_where_an_axiom_pins_individuals_down(axiom: str) -> None:
    assert _stand_ins(PREFIXES + axiom) == {}


def test_an_individual_named_by_a_nominal_or_in_a_list_is_kept() -> None:
    got = _stand_ins(PREFIXES + "v:Pinned owl:equivalentClass [ a owl:Restriction ; owl:onProperty v:counted ; "
                                "owl:hasValue m:a-u2 ] . v:listed v:members ( m:a-u3 ) .")
    assert got == {"t2": "t1"}


def test_an_unsatisfiable_class_of_stood_in_for_individuals_still_makes_the_input_inconsistent() -> None:
    from mfkg.rdf.reason import reason

    broken = PREFIXES + "v:Use rdfs:subClassOf v:Thing . v:Use owl:disjointWith v:Thing ."
    assert _stand_ins(broken)
    assert not reason(Graph().parse(data=broken, format="turtle"), cached=False).consistent
    assert reason(Graph().parse(data=PREFIXES, format="turtle"), cached=False).consistent


def test_stood_in_for_individuals_take_their_stand_ins_classes() -> None:
    from mfkg.rdf.reason import reason

    text = PREFIXES + "v:Use rdfs:subClassOf v:Used ."
    inferred = reason(Graph().parse(data=text, format="turtle"), cached=False).inferred
    used = {str(s).rsplit("/", 1)[-1] for s in inferred.subjects(RDF.type, MFKG.Used)}
    assert used == {"a-u1", "a-u2", "a-u3", "a-u4", "a-u5", "a-u6", "a-u7", "b-u1"}


def test_the_reasoners_answer_on_the_curated_catalogue_is_the_same_with_stand_ins(
        real_build: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """HermiT run on the whole curated input and on the input with stand-ins: the same consistency,
    unsatisfiable classes and inferred graph, and many individuals were left out (the modality usages)."""
    import mfkg.rdf.reasoner_input as taking
    from mfkg.rdf.oxio import read_rdf
    from mfkg.rdf.reason import reason

    graph = read_rdf(real_build / "mfkg.ttl")
    standing_in = taking.reasoner_input_with_stand_ins(graph)[1]
    assert sum("/usage/" in k for k in standing_in) > 500
    with_stand_ins = reason(graph, cached=False)
    monkeypatch.setattr(taking, "stand_ins", lambda *args: {})
    assert taking.reasoner_input_with_stand_ins(graph)[1] == {}
    whole = reason(graph, cached=False)
    assert with_stand_ins.consistent and whole.consistent
    assert with_stand_ins.unsatisfiable == whole.unsatisfiable
    assert set(with_stand_ins.inferred) == set(whole.inferred)
    # the tokenizers, layer types, limits … stood in for have classes above their own: taken from the stand-in
    assert sum(str(s) in standing_in for s in with_stand_ins.inferred.subjects(RDF.type, None)) > 50
    usage = URIRef(next(k for k in standing_in if "/usage/" in k))
    assert (usage, RDF.type, MFKG.ModalityUsage) in graph
