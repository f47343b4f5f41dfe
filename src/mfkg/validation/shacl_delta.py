"""SHACL again only where a change can change a result: a curator's edit re-checks a few focus nodes.

After each full or partial run, the graph's triples (as N-Triples lines) and SHACL's results are kept
in the user's cache, per data folder. The next run compares its graph with the kept one and asks the
engine only about the focus nodes a changed triple can reach; every other node keeps its results.

What a result can depend on is read off the shapes, and this holds only for the kinds of constraint
in `_SUPPORTED` (ontology/shapes.ttl uses no others): targets by class, by subject of or by object of a
property; property shapes on a property or on alternatives of properties; counts, datatypes, patterns,
ranges, lists of values and classes of values. A focus node's result then depends on its own types and
outgoing triples, on whether something points at it through a `sh:targetObjectsOf` property, and on
the types of the nodes it points at. So the nodes re-checked are the subjects of the changed triples,
the objects of changed `sh:targetObjectsOf` triples, and every node that points at a node whose types
changed. Anything else is a full run: shapes outside that subset, a changed `rdfs:subClassOf`, a
changed triple with a blank node, more than `MAX_RECHECKED` nodes to re-check, or nothing kept.
A test compares the partial runs with full runs over many kinds of edit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Graph

    from mfkg.curation.filecache import FileCache

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SUPPORTED = {RDF + "type", RDF + "first", RDF + "rest", RDFS + "comment", RDFS + "label",
              *(SH + p for p in ("targetClass", "targetSubjectsOf", "targetObjectsOf", "property", "path",
                                 "alternativePath", "minCount", "maxCount", "datatype", "pattern", "flags", "in",
                                 "class", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive",
                                 "message", "severity", "name", "description", "order", "group"))}
MAX_RECHECKED = 300   # the engine looks each target up in a list of the nodes given: keep it short

Results = list[tuple[str, str, str | None, str]]   # (focus, severity, path, message), as validate sorts them


@dataclass(frozen=True)
class Plan:
    """What the shapes let a partial run rely on: the properties whose objects are targets."""

    objects_of: frozenset[str]


def plan(shapes: Graph) -> Plan | None:
    """The plan for these shapes, or None when one uses a constraint outside the supported subset."""
    from rdflib import BNode, URIRef

    for _, p, _ in shapes:
        if str(p) not in _SUPPORTED:
            return None
    for path in shapes.objects(None, URIRef(SH + "path")):
        if isinstance(path, BNode):
            if {str(p) for p, _ in shapes.predicate_objects(path)} != {SH + "alternativePath"}:
                return None
            items = list(shapes.items(shapes.value(path, URIRef(SH + "alternativePath"))))
            if not items or not all(isinstance(i, URIRef) for i in items):
                return None
        elif not isinstance(path, URIRef):
            return None
    return Plan(frozenset(str(o) for o in shapes.objects(None, URIRef(SH + "targetObjectsOf"))))


@dataclass
class Kept:
    """A graph's plain triples (N-Triples lines, kept as one text: a tenth of the time to read back as
    a set of lines), a digest of its triples with blank nodes, and SHACL's results on it."""

    text: bytes
    bnodes: str
    results: Results

    @property
    def lines(self) -> frozenset[bytes]:
        return frozenset(self.text.split(b"\n")) if self.text else frozenset()


def affected(graph: Graph, kept: Kept, lines: frozenset[bytes], bnodes: str, shape_plan: Plan) -> set[Any] | None:
    """The focus nodes whose results a change from `kept` to `graph` can change, or None for a full run."""
    from rdflib import BNode, URIRef

    from mfkg.rdf.oxio import graph_of

    if bnodes != kept.bnodes:
        return None
    changed = graph_of(b"\n".join(sorted(lines.symmetric_difference(kept.lines))))
    nodes: set[Any] = set()
    retyped: set[Any] = set()
    for s, p, o in changed:
        if isinstance(s, BNode) or isinstance(o, BNode) or str(p) == RDFS + "subClassOf":
            return None
        nodes.add(s)
        if str(p) in shape_plan.objects_of:
            if not isinstance(o, URIRef):   # a literal target: the engine takes only IRIs as focus nodes
                return None
            nodes.add(o)
        if str(p) == RDF + "type":
            retyped.add(s)
    for node in retyped:   # a value's class changed: whoever points at it may now pass or fail sh:class
        nodes.update(graph.subjects(None, node))
    if any(not isinstance(n, URIRef) for n in nodes) or len(nodes) > MAX_RECHECKED:
        return None
    return nodes


def shacl_results(graph: Graph, plain_lines: list[bytes], bnodes: str, *, shapes: Path, cache: FileCache | None,
                  place: str, full: Callable[[list[Any] | None], Results], fingerprint: str) -> tuple[Results, int | None]:
    """SHACL's results for `graph`, and how many focus nodes were re-checked (None: a full run).

    `full(focus)` runs the engine, on the given focus nodes only when `focus` is not None; `place`
    names the data folder (one kept graph per folder); `fingerprint` covers the code and libraries."""
    from rdflib import Graph as RdfGraph

    lines = frozenset(plain_lines)
    key = cache.key("shacl-delta", fingerprint, Path(shapes).read_bytes(), place) if cache is not None else ""
    kept = cache.get(key) if cache is not None else None
    shape_plan = plan(RdfGraph().parse(shapes, format="turtle")) if isinstance(kept, Kept) else None
    nodes = affected(graph, kept, lines, bnodes, shape_plan) if shape_plan is not None and isinstance(kept, Kept) else None
    if nodes is None:
        results, rechecked = full(None), None
    else:
        names = {str(n) for n in nodes}
        fresh = full(sorted(nodes)) if nodes else []
        results = sorted([r for r in kept.results if r[0] not in names] + fresh,   # type: ignore[union-attr]
                         key=lambda r: (r[0], r[2] or "", r[3], r[1]))
        rechecked = len(nodes)
    if cache is not None:
        cache.put(key, Kept(b"\n".join(plain_lines), bnodes, results))
    return results, rechecked
