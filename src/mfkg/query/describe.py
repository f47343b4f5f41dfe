"""What the graph says about one entity: its own triples, the parts minted below its IRI (claims,
modality usages, licence and not-found statements, variants), the blank nodes its statements lead
to (class expressions, lists), the statements that point at it (those of blank nodes stand for the
entities whose class expressions they are part of), and the labels of everything it links to. The
server answers a dereferenced IRI with it; the static site writes one page per entity from it.

Two ways to look triples up, one description: `StoreIndex` asks the persisted store per entity (the
server), `MemoryIndex` reads the store once and answers from dictionaries (the static site, which
describes every entity in one pass).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from mfkg.namespaces import BASE

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
NOT_PAGES = ("graph/", "dataset/20", "ontology")   # named graphs and version IRIs are not entities
PART_DEPTH = 3
VOCAB = BASE + "vocab/"
CLAIM_SOURCE = VOCAB + "claimSource"
SOURCE_LINKS = (VOCAB + "doiIri", VOCAB + "landingPage", VOCAB + "arxivId")


MAX_ANONYMOUS = 500   # blank nodes followed from one entity (its class expressions and lists)


class Index(Protocol):
    def out(self, iri: str) -> list[Any]: ...      # pyoxigraph Triples with this subject
    def inbound(self, iri: str) -> list[Any]: ...  # pyoxigraph Triples with this object
    def label(self, iri: str) -> str | None: ...   # its label (English first), or None
    def blank_out(self, node: Any) -> list[Any]: ...   # Triples with this blank node as subject
    def blank_in(self, node: Any) -> list[Any]: ...    # Triples with this blank node as object


def _dedupe(quads: Iterable[Any]) -> list[Any]:
    import pyoxigraph as ox

    seen: dict[Any, None] = {}
    for q in quads:
        seen.setdefault(ox.Triple(q.subject, q.predicate, q.object), None)
    return list(seen)


class StoreIndex:
    """Lookups on the store, per entity (all graphs: asserted, inferred, merged)."""

    def __init__(self, store: Any):
        self.store = store

    def out(self, iri: str) -> list[Any]:
        import pyoxigraph as ox

        return _dedupe(self.store.quads_for_pattern(ox.NamedNode(iri), None, None))

    def inbound(self, iri: str) -> list[Any]:
        import pyoxigraph as ox

        return _dedupe(self.store.quads_for_pattern(None, None, ox.NamedNode(iri)))

    def blank_out(self, node: Any) -> list[Any]:
        return _dedupe(self.store.quads_for_pattern(node, None, None))

    def blank_in(self, node: Any) -> list[Any]:
        return _dedupe(self.store.quads_for_pattern(None, None, node))

    def label(self, iri: str) -> str | None:
        return _label_of(self, iri)


class MemoryIndex:
    """Every triple read once, indexed by subject and by IRI object."""

    def __init__(self, store: Any):
        import pyoxigraph as ox

        self.by_subject: dict[str, list[Any]] = defaultdict(list)
        self.by_object: dict[str, list[Any]] = defaultdict(list)
        self.by_blank_subject: dict[Any, list[Any]] = defaultdict(list)
        self.by_blank_object: dict[Any, list[Any]] = defaultdict(list)
        self.triples = _dedupe(store.quads_for_pattern(None, None, None))   # every triple once, for other readers
        for t in self.triples:
            if isinstance(t.subject, ox.NamedNode):
                self.by_subject[t.subject.value].append(t)
            else:
                self.by_blank_subject[t.subject].append(t)
            if isinstance(t.object, ox.NamedNode):
                self.by_object[t.object.value].append(t)
            elif isinstance(t.object, ox.BlankNode):
                self.by_blank_object[t.object].append(t)

        self._labels: dict[str, str | None] = {}

    def entity_iris(self) -> list[str]:
        """`entity_iris` of the store this index read."""
        import pyoxigraph as ox

        return sorted({t.subject.value for t in self.triples if t.predicate.value == RDF_TYPE
                       and isinstance(t.subject, ox.NamedNode) and page_path(t.subject.value) is not None})

    def out(self, iri: str) -> list[Any]:
        return self.by_subject.get(iri, [])

    def inbound(self, iri: str) -> list[Any]:
        return self.by_object.get(iri, [])

    def blank_out(self, node: Any) -> list[Any]:
        return self.by_blank_subject.get(node, [])

    def blank_in(self, node: Any) -> list[Any]:
        return self.by_blank_object.get(node, [])

    def label(self, iri: str) -> str | None:
        """`_label_of`, once per IRI (the site asks for the same labels on many pages)."""
        try:
            return self._labels[iri]
        except KeyError:
            found = self._labels[iri] = _label_of(self, iri)
            return found


@dataclass
class Description:
    iri: str
    triples: list[Any]                                 # own triples
    parts: dict[str, list[Any]] = field(default_factory=dict)    # part IRI -> its triples
    inbound: list[Any] = field(default_factory=list)   # statements of other entities that point here
    labels: dict[str, str] = field(default_factory=dict)
    sources: dict[str, list[Any]] = field(default_factory=dict)   # claim source IRI -> its triples
    # the blank nodes its own triples lead to (class expressions, lists), each with its triples
    anonymous: dict[Any, list[Any]] = field(default_factory=dict)
    # the entities whose class expressions (blank nodes) mention it, in place of those blank nodes
    defined_in: list[str] = field(default_factory=list)

    @property
    def exists(self) -> bool:
        return bool(self.triples or self.inbound)

    def all_triples(self) -> list[Any]:
        """What a dereferenced IRI returns: own triples, its parts', and the labels of what they link to."""
        import pyoxigraph as ox

        out = list(self.triples)
        for triples in self.parts.values():
            out.extend(triples)
        lab = ox.NamedNode(LABEL)
        for iri, text in sorted(self.labels.items()):
            if iri != self.iri:
                out.append(ox.Triple(ox.NamedNode(iri), lab, ox.Literal(text)))
        for triples in self.sources.values():
            out.extend(t for t in triples if t.predicate.value in SOURCE_LINKS)
        for triples in self.anonymous.values():   # what its blank nodes say, as a bounded description does
            out.extend(triples)
        return out

    def values(self, predicate: str, iri: str | None = None) -> list[Any]:
        source = self.triples if iri is None else self.parts.get(iri, [])
        return [t.object for t in source if t.predicate.value == predicate]

    def text(self, predicate: str) -> str:
        vals = self.values(predicate)
        if not vals:
            return ""
        english = [v for v in vals if getattr(v, "language", None) in (None, "en")]
        return str((english or vals)[0].value)


def _label_of(index: Index, iri: str) -> str | None:
    best = None
    for t in index.out(iri):
        if t.predicate.value == LABEL:
            lang = getattr(t.object, "language", None)
            if lang in (None, "en"):
                return str(t.object.value)
            best = best or str(t.object.value)
    return best


def describe(index: Index, iri: str) -> Description:
    import pyoxigraph as ox

    own = index.out(iri)
    d = Description(iri, own)
    frontier, prefix = [iri], iri + "/"
    for _ in range(PART_DEPTH):
        nxt = []
        for node in frontier:
            for t in (own if node == iri else d.parts.get(node, [])):
                o = t.object
                if isinstance(o, ox.NamedNode) and o.value.startswith(prefix) and o.value not in d.parts:
                    d.parts[o.value] = index.out(o.value)
                    nxt.append(o.value)
        frontier = nxt
    for triples in d.parts.values():
        for t in triples:
            if t.predicate.value == CLAIM_SOURCE and t.object.value not in d.sources:
                d.sources[t.object.value] = index.out(t.object.value)
    inbound = [t for t in index.inbound(iri) if not t.subject.value.startswith(prefix)]
    d.inbound = [t for t in inbound if isinstance(t.subject, ox.NamedNode)]
    d.defined_in = _owners(index, [t.subject for t in inbound if not isinstance(t.subject, ox.NamedNode)], iri)
    stack = [t.object for t in own if isinstance(t.object, ox.BlankNode)]
    while stack and len(d.anonymous) < MAX_ANONYMOUS:
        node = stack.pop()
        if node not in d.anonymous:
            d.anonymous[node] = index.blank_out(node)
            stack.extend(t.object for t in d.anonymous[node] if isinstance(t.object, ox.BlankNode))
    linked: set[str] = {iri, *d.defined_in}
    for triples in (own, *d.parts.values(), d.inbound, *d.anonymous.values()):
        linked.update(t.object.value for t in triples if isinstance(t.object, ox.NamedNode))
        linked.update(t.predicate.value for t in triples)
    linked.update(t.subject.value for t in d.inbound if isinstance(t.subject, ox.NamedNode))
    for other in sorted(linked):
        label = index.label(other)
        if label is not None:
            d.labels[other] = label
    return d


def page_path(iri: str) -> str | None:
    """The path below the site root for an entity IRI that gets a page, or None.

    >>> page_path("https://w3id.org/mfkg/model/scgpt"), page_path("https://w3id.org/mfkg/model/scgpt/claim/x")
    ('model/scgpt', None)
    """
    if not iri.startswith(BASE):
        return None
    rest = iri[len(BASE):]
    if not rest or rest.startswith(NOT_PAGES) or any(c in rest for c in "?#<>\"' "):
        return None
    parts = rest.split("/")
    if len(parts) == 2 and all(parts):
        return rest
    if len(parts) == 4 and parts[0] == "model" and parts[2] == "variant" and all(parts):
        return rest
    return None


def _owners(index: Index, nodes: list[Any], iri: str) -> list[str]:
    """The named subjects that lead, through blank nodes only, to any of `nodes`: the entities in
    whose class expressions (restrictions, lists) they stand. Sorted; `iri` itself is left out."""
    import pyoxigraph as ox

    found: set[str] = set()
    seen: set[Any] = set()
    stack = list(nodes)
    while stack and len(seen) < MAX_ANONYMOUS:
        node = stack.pop()
        if node in seen:
            continue
        seen.add(node)
        for t in index.blank_in(node):
            if isinstance(t.subject, ox.NamedNode):
                found.add(t.subject.value)
            else:
                stack.append(t.subject)
    found.discard(iri)
    return sorted(found)


def entity_iris(store: Any) -> list[str]:
    """Every typed IRI in the namespace that gets a page, sorted."""
    import pyoxigraph as ox

    out = {q.subject.value for q in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), None)
           if isinstance(q.subject, ox.NamedNode) and page_path(q.subject.value) is not None}
    return sorted(out)


def suggest(path: str, known: Iterable[str], n: int = 3) -> list[str]:
    """The known entity paths closest to a misspelled one ("did you mean").

    >>> suggest("model/scgtp", ["model/scgpt", "model/geneformer"])
    ['model/scgpt']
    """
    known = list(known)
    path = path.strip("/")
    kind = path.split("/")[0]
    same_kind = [k for k in known if k.split("/")[0] == kind] or known
    return difflib.get_close_matches(path, same_kind, n=n, cutoff=0.6)
