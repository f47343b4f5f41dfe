"""Statements that entail nothing the reasoner's input does not already say (`inert_properties`), and the
classes stated for each individual (`Stated`), by which `rdf.reasoner_input` and `rdf.stand_ins` decide
what HermiT need not read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

# what a property's statements can entail beyond its domain and range: any of these makes it not inert
_ENTAILING = {OWL.inverseOf, OWL.equivalentProperty, OWL.propertyDisjointWith, OWL.propertyChainAxiom,
              OWL.onProperty, OWL.assertionProperty, OWL.onProperties}
_HARMLESS_TYPES = {OWL.ObjectProperty, OWL.AnnotationProperty, RDF.Property}
# rdflib's namespace look-ups (`RDF.first`) cost microseconds each, and its terms compare in Python: the
# loops over every statement look each predicate up in a table instead (a hash, compared only on a match)
_TYPE, _SUBCLASS = RDF.type, RDFS.subClassOf
_ROLE = {RDF.first: "first", RDF.rest: "rest", RDFS.subPropertyOf: "below"} | {p: "entailing" for p in _ENTAILING}


@dataclass(frozen=True)
class Inert:
    """What an inert property's statement `s p o` entails: `s` is in each of `domains` and `o` in each of
    `ranges` (a class, or a union: a statement of any one member's type says it); `functional`: `s` has
    one value (then its statements can be left out only with their subject, see `rdf.stand_ins`)."""

    domains: frozenset[frozenset[Any]]
    ranges: frozenset[frozenset[Any]]
    functional: bool = False


def inert_properties(triples: list[tuple[Any, Any, Any]]) -> dict[Any, Inert]:
    """Object properties whose statements entail nothing beyond their domains and ranges (their own and
    their super-properties'), with those.

    A property is inert when it and every property above it have no characteristic (transitive, symmetric …;
    functional only on a property with no property above or below it), no inverse, equivalent, disjoint
    or chained property, appear in no class expression, and have named classes or unions of named classes
    as domains and ranges. Then a statement `s p o` entails only that `s` is in the domains and `o` in the
    ranges, so it is left out of the reasoner's input when both are stated (`stated`): HermiT has fewer
    statements to read and individuals to realise (the official code repositories, 304 here) and gives the
    same answers. A functional property's statement also says that `s` has no other value: it is left
    out only with its subject (`rdf.stand_ins`)."""
    about: dict[Any, list[tuple[Any, Any]]] = {}
    mentioned: set[Any] = set()
    first: dict[Any, Any] = {}
    rest: dict[Any, Any] = {}
    below: set[Any] = set()
    for s, p, o in triples:
        about.setdefault(s, []).append((p, o))
        role = _ROLE.get(p)
        if role is None:
            continue
        if role == "first":
            first[s] = o
            if not isinstance(o, Literal):
                mentioned.add(o)             # a member of a list: of a chain or a property list …
        elif role == "rest":
            rest[s] = o
        elif role == "below":
            below.add(o)
        else:
            mentioned.update((s, o))         # the object of onProperty, the properties of an inverse …

    def classes(node: Any) -> frozenset[Any] | None:
        """A named class, or a union of named classes, as its members; None for any other expression."""
        if isinstance(node, URIRef):
            return frozenset({node})
        said = about.get(node, [])
        union = [o for p, o in said if p == OWL.unionOf]
        if len(union) != 1 or any(p not in (RDF.type, OWL.unionOf) for p, _ in said):
            return None
        members, item = [], union[0]
        while item in first and len(members) < 1_000:
            members.append(first[item])
            item = rest.get(item, RDF.nil)
        return frozenset(members) if members and all(isinstance(m, URIRef) for m in members) else None

    verdict: dict[Any, Inert | None] = {}

    def inert(prop: Any, seen: frozenset[Any] = frozenset()) -> Inert | None:
        if prop in verdict:
            return verdict[prop]
        if prop in seen or prop in mentioned or prop == RDF.type:
            return None
        domains: set[frozenset[Any]] = set()
        ranges: set[frozenset[Any]] = set()
        functional = has_above = False
        out: Inert | None = None
        for p, o in about.get(prop, ()):
            if p == RDF.type and o in _HARMLESS_TYPES:
                continue
            if p == RDF.type and o == OWL.FunctionalProperty:
                functional = True
            elif p in (RDFS.domain, RDFS.range) and (named := classes(o)) is not None:
                (domains if p == RDFS.domain else ranges).add(named)
            elif p == RDFS.subPropertyOf:
                above = inert(o, seen | {prop})
                if above is None or above.functional:
                    break
                domains |= above.domains
                ranges |= above.ranges
                has_above = True
            else:                            # any other axiom about the property: not inert
                break
        else:   # a functional property with a property above or below it: its values are counted with theirs
            if not (functional and (has_above or prop in below)):
                out = Inert(frozenset(domains), frozenset(ranges), functional)
        verdict[prop] = out
        return out

    found: dict[Any, Inert] = {}
    for prop in {p for _, p, _ in triples}:
        if isinstance(prop, URIRef) and prop in about and (RDF.type, OWL.ObjectProperty) in about[prop]:
            got = inert(prop)
            if got is not None:
                found[prop] = got
    return found


class Stated:
    """Each individual's stated classes with their named superclasses (told `rdfs:subClassOf`)."""

    def __init__(self, triples: list[tuple[Any, Any, Any]]):
        self.types: dict[Any, set[Any]] = {}
        self._up: dict[Any, set[Any]] = {}
        for s, p, o in triples:
            if p == _TYPE:
                self.types.setdefault(s, set()).add(o)
            elif p == _SUBCLASS and isinstance(o, URIRef):
                self._up.setdefault(s, set()).add(o)
        self._closed: dict[Any, set[Any]] = {}

    def classes(self, individual: Any, types: set[Any] | None = None) -> set[Any]:
        if types is None and individual in self._closed:
            return self._closed[individual]
        seen = set(self.types.get(individual, ()) if types is None else types)
        stack = list(seen)
        while stack:
            for up in self._up.get(stack.pop(), ()):
                if up not in seen:
                    seen.add(up)
                    stack.append(up)
        if types is None:
            self._closed[individual] = seen
        return seen

    @staticmethod
    def says(classes: set[Any], expected: frozenset[frozenset[Any]]) -> bool:
        """Whether being in `classes` says being in each of `expected` (a union: in any of its members)."""
        return all(not classes.isdisjoint(union) for union in expected)
