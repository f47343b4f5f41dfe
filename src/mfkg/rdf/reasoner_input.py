"""What the reasoner sees, taken from the compiled graph (`reasoner_input`): the whole ontology, the object-level assertions about models, modalities,
tokenizers, layer types, patterns, tasks, techniques, trends, limits and seed claims, and the
boolean flags that defined classes test (handlesMissingModality, requiresPairedData). Claims,
publications, datasets and other records no defined class depends on are left out. Other literals
(labels, descriptions, quotes, counts) are left out: HermiT's datatype reasoning over ~5,000
literals takes ~35 s here against ~3 s without them, and their datatypes and ranges are checked
by the SHACL shapes instead (see `validate.py`). Statements by a property that can entail nothing
beyond its domain (no range, characteristic or class expression on it or above it; the official code
repositories) are left out when their subject is stated to be in that domain (`inert_properties`):
HermiT has 304 fewer individuals to realise and gives the same answers. Memberships of a defined class
with a qualified minimum cardinality (MultimodalModel) that the input entails directly are stated
beforehand (`cardinality_hints`), so HermiT does not search for them: 40% less work, the same answers.
So are memberships of classes defined by a value or a class of values (PairedDataTask, each pattern's
class, MissingModalityTolerantModel; `definition_hints`): HermiT tested each candidate over the whole
input, and on the curated input now takes 3.5 s of CPU instead of 5.5 s, with the same answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from mfkg.namespaces import MFKG
from mfkg.rdf.hints import cardinality_hints, definition_hints

REASONED_LITERAL_PROPERTIES = {MFKG.handlesMissingModality, MFKG.requiresPairedData}
_TBOX_LITERAL_PROPERTIES = {OWL.hasValue, OWL.minQualifiedCardinality, OWL.maxQualifiedCardinality,
                            OWL.qualifiedCardinality, OWL.cardinality, OWL.minCardinality,
                            OWL.maxCardinality}
_KEEP_LITERALS = REASONED_LITERAL_PROPERTIES | _TBOX_LITERAL_PROPERTIES


# Records below these paths take no part in any defined class; leaving them out halves HermiT's
# time. Their types and links are still checked by SHACL and the disjointness/functional checks.
_NOT_REASONED = ("/claim/", "/publication/", "/equation/", "/mitigation/", "/data/", "/dataset/", "/recommendation/",
                 # the catalogue's statements and evaluation records: no defined class reads them
                 "/licence", "/variant/", "/lineage/", "/capability/", "/not-found/", "/conflict/",
                 "/result/", "/benchmark/", "/baseline/", "/assay/", "/seed-section/")


def _reasoned(term: object) -> bool:
    text = str(term)
    if not text.startswith("https://w3id.org/mfkg/") or text.startswith("https://w3id.org/mfkg/vocab/"):
        return True
    return not any(part in text for part in _NOT_REASONED) or text.startswith("https://w3id.org/mfkg/seed-claim/") \
        and "/evidence/" not in text


def reasoner_input(graph: Graph, triples: Iterable[tuple[Any, Any, Any]] | None = None) -> Graph:
    """The part of the graph handed to the reasoner (see module docstring); `triples`: the graph's
    triples as a list, when the caller has them (quicker to go through than the graph)."""
    out = Graph()
    # terms are compared as plain strings: rdflib's own comparison runs in Python, once per triple and term
    label, literal_properties = str(RDFS.label), {str(p) for p in _KEEP_LITERALS}
    reasoned: dict[str, bool] = {}   # a graph names each term many times: decide once per term

    def keep(term: object) -> bool:
        text = str(term)
        known = reasoned.get(text)
        if known is None:
            known = reasoned[text] = _reasoned(text)
        return known

    kept = []
    for t in graph if triples is None else triples:
        if isinstance(t[2], Literal):
            if str(t[1]) not in literal_properties:
                continue
        elif str(t[1]) == label:
            continue
        if keep(t[0]) and keep(t[2]):
            kept.append(t)
    triples = kept
    inert = inert_properties(triples)
    if inert:
        typed = {(s, o) for s, p, o in triples if p == RDF.type}
        triples = [t for t in triples if t[1] not in inert or not typed >= {(t[0], d) for d in inert[t[1]]}]
    triples += cardinality_hints(triples)
    triples += definition_hints(triples)
    out.addN((s, p, o, out) for s, p, o in triples)
    return out


# what a property's statements can entail beyond its domain: any of these makes it not inert
_ENTAILING = {RDFS.range, OWL.inverseOf, OWL.equivalentProperty, OWL.propertyDisjointWith, OWL.propertyChainAxiom,
              OWL.onProperty, OWL.assertionProperty, OWL.onProperties}
_HARMLESS_TYPES = {OWL.ObjectProperty, OWL.AnnotationProperty, RDF.Property}


def inert_properties(triples: list[tuple[Any, Any, Any]]) -> dict[Any, set[Any]]:
    """Object properties whose statements entail nothing the input does not already say, with the
    domains (their own and their super-properties') a subject must be stated to have.

    A property is inert when it and every property above it have no range, no characteristic (functional,
    transitive …), no inverse, equivalent, disjoint or chained property and appear in no class expression:
    then a statement `s p o` entails only `s a D` for their domains D, and nothing about `o`. Such a statement
    is left out of the reasoner's input when `s a D` is stated for each D, so HermiT has fewer individuals to
    realise (the official code repositories, 304 here) and the same answers."""
    about: dict[Any, list[tuple[Any, Any]]] = {}
    mentioned: set[Any] = set()
    for s, p, o in triples:
        about.setdefault(s, []).append((p, o))
        if p in _ENTAILING or (p == RDF.first and not isinstance(o, Literal)):
            mentioned.add(o)                 # the object of onProperty, of a chain or a property list …
            if p in _ENTAILING:
                mentioned.add(s)
    used = {p for _, p, _ in triples}
    verdict: dict[Any, set[Any] | None] = {}

    def domains(prop: Any, seen: frozenset[Any] = frozenset()) -> set[Any] | None:
        if prop in verdict:
            return verdict[prop]
        if prop in seen or prop in mentioned or prop == RDF.type:
            return None
        out: set[Any] | None = set()
        for p, o in about.get(prop, ()):
            if p == RDF.type and o in _HARMLESS_TYPES:
                continue
            if p == RDFS.domain and not isinstance(o, BNode):
                out.add(o)
            elif p == RDFS.subPropertyOf:
                above = domains(o, seen | {prop})
                if above is None:
                    out = None
                    break
                out |= above
            else:                            # any other axiom about the property: not inert
                out = None
                break
        verdict[prop] = out
        return out

    found: dict[Any, set[Any]] = {}
    for prop in used:
        if isinstance(prop, URIRef) and prop in about and (RDF.type, OWL.ObjectProperty) in about[prop]:
            got = domains(prop)
            if got is not None:
                found[prop] = got
    return found
