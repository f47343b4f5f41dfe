"""Individuals the reasoner need not see one by one: of the individuals that only inert statements name
(see `rdf.inert.inert_properties`), one per class stands in for the rest (`stand_ins`).

Such an individual `u` has one stated class `C`; every statement naming it is by an inert property, with its
domains and ranges stated for both ends, and a functional property gives `u` one value. Nothing in a class
expression reads those statements, so all HermiT can say of `u` is what `C` says: `u` is in `C` and in the
classes above it, and is consistent with the rest exactly when `C` is satisfiable with the rest. That is
what it says of every other such individual of `C`, so one of them (the first IRI) stays in the input
with its statements (but those naming an individual stood in for) and the others take its classes from
HermiT's answer. On the curated catalogue these are the modality usages, tokenizers, layer types,
limits …: 715 fewer individuals to realise, the same answers (a test compares them on the whole curated
input).

The argument copies `u`'s stand-in; copying an individual keeps every class it is in unless an axiom
counts from above or pins an individual down: an input with a universal or maximum-cardinality
restriction, inverse-functional property, key, property chain or `sameAs` (`rdf.hermit.NOT_MODULAR_NAMES`
lists them), or a class of enumerated individuals (`owl:oneOf`: a copy of one of them would have to be one
of them), has no stand-ins, and neither has an individual named by a nominal or in a list (those are not
inert statements).
"""

from __future__ import annotations

from typing import Any

from rdflib import URIRef
from rdflib.namespace import OWL, RDF

from mfkg.namespaces import BASE, MFKG
from mfkg.rdf.hermit import NOT_MODULAR_NAMES
from mfkg.rdf.inert import Inert, Stated

_BASE, _VOCAB = str(BASE), str(MFKG)


def stand_ins(triples: list[tuple[Any, Any, Any]], inert: dict[Any, Inert],
              stated: Stated) -> dict[Any, Any]:
    """Each individual left out of the reasoner's input, with the one whose classes it takes (see above);
    empty when the input has an axiom that copying an individual does not survive."""
    pinning = {URIRef(name) for name in NOT_MODULAR_NAMES} | {OWL.oneOf}
    if any(t[1] in pinning or t[2] in pinning for t in triples):
        return {}
    # an individual is out of the running once any statement names it other than as stated
    out_of_running: set[Any] = set()
    values: dict[tuple[Any, Any], int] = {}
    rdf_type = RDF.type   # looked up once: rdflib's namespace look-ups are slow in a loop
    for s, p, o in triples:
        if p == rdf_type:
            out_of_running.add(o)    # a class, or an individual used as one
            continue
        said = inert.get(p)
        if said is None:
            out_of_running.add(s)
            out_of_running.add(o)
            continue
        if said.functional:
            values[s, p] = values.get((s, p), 0) + 1
        if not (stated.says(stated.classes(s), said.domains) and stated.says(stated.classes(o), said.ranges)):
            out_of_running.add(s)
            out_of_running.add(o)
    for (s, _), count in values.items():
        if count > 1:
            out_of_running.add(s)
    by_class: dict[Any, list[Any]] = {}
    for individual, types in stated.types.items():
        named = types - {OWL.NamedIndividual}
        if individual in out_of_running or len(named) != 1 or not isinstance(individual, URIRef):
            continue
        text = str(individual)
        (cls,) = named
        if text.startswith(_BASE) and not text.startswith(_VOCAB) and isinstance(cls, URIRef):
            by_class.setdefault(cls, []).append(individual)
    out: dict[Any, Any] = {}
    for members in by_class.values():
        members.sort()
        for member in members[1:]:
            out[member] = members[0]
    return out
