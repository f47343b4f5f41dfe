"""Canonical, deterministic serialisation and atomic writes: every file mfkg writes goes through here."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from mfkg.files import atomic_write
from mfkg.gcpolicy import fewer_collections

__all__ = ["GraphText", "atomic_write", "canonical", "new_graph", "serialize_turtle", "turtle_from_lines"]


def new_graph() -> Graph:
    """An empty graph with mfkg's prefixes bound (so every serialisation uses the same ones)."""
    from mfkg.namespaces import PREFIXES

    g = Graph(store="SimpleMemory")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True, replace=True)
    return g


def canonical(graph: Graph) -> Graph:
    """The same graph with blank nodes renamed by content, so serialisations are stable.
    Only the triples that touch a blank node go through the (costly) canonical labelling."""
    out = new_graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True, replace=True)
    plain, with_bnodes = split_bnodes(graph)
    for t in plain:
        out.add(t)
    for t in _relabelled(with_bnodes):
        out.add(t)
    return out


def split_bnodes(triples: Iterable[tuple[Any, Any, Any]]) -> tuple[list, Graph]:
    """The triples without a blank node (as they are) and the ones with one (as a graph)."""
    plain, with_bnodes = [], Graph()
    for t in triples:
        if isinstance(t[0], BNode) or isinstance(t[2], BNode):
            with_bnodes.add(t)
        else:
            plain.append(t)
    return plain, with_bnodes


def canonical_bnode_lines(with_bnodes: Graph) -> list[bytes]:
    """N-Triples lines of the triples that touch a blank node, blank nodes renamed by content.

    The blank nodes mfkg writes (OWL class expressions, lists) form trees; those are labelled by
    `tree_labels`, in linear time. Anything else goes through rdflib's canonical labelling
    (exact for every graph, but 1-2 s for the ontology's 376 triples here)."""
    from mfkg.rdf.oxio import nt_lines

    return nt_lines(_relabelled(with_bnodes))


def _relabelled(with_bnodes: Graph) -> Iterable[tuple[Any, Any, Any]]:
    """The triples with their blank nodes labelled canonically: by `tree_labels` when they form trees,
    else by rdflib's canonical labelling."""
    if not len(with_bnodes):
        return []
    labels = tree_labels(with_bnodes)
    if labels is None:
        return list(to_canonical_graph(with_bnodes))
    return [(labels.get(s, s), p, labels.get(o, o)) for s, p, o in with_bnodes]


def tree_labels(triples: Iterable[tuple[Any, Any, Any]]) -> dict[Any, BNode] | None:
    """Canonical labels for blank nodes that form trees (each one the object of at most one triple, no
    cycle), or None when they do not.

    A blank node is named by a digest of its content (its outgoing statements, recursively) and of its
    place (the name of the node pointing at it, and the property). Two blank nodes with the same content
    in the same place are interchangeable (swapping them and their subtrees gives the same graph), so
    numbering them in any order gives the same triples: the labels depend only on what the graph states."""
    import hashlib

    triples = list(triples)
    out_edges: dict[Any, list[tuple[Any, Any]]] = {}
    parent: dict[Any, tuple[Any, Any]] = {}
    for s, p, o in triples:
        if isinstance(s, BNode):
            out_edges.setdefault(s, []).append((p, o))
        if isinstance(o, BNode):
            if o in parent:
                return None        # shared: not a tree
            parent[o] = (s, p)
    nodes = set(out_edges) | set(parent)

    def digest(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    content: dict[Any, str] = {}
    visiting: set[Any] = set()

    def content_of(node: Any) -> str | None:   # iterative depth would suit deeper trees; OWL nests a few levels
        if node in content:
            return content[node]
        if node in visiting or len(visiting) > 500:
            return None            # a cycle (or nesting no axiom has)
        visiting.add(node)
        parts = []
        for p, o in out_edges.get(node, ()):
            if isinstance(o, BNode):
                inner = content_of(o)
                if inner is None:
                    return None
                parts.append(f"{p.n3()} [{inner}]")
            else:
                parts.append(f"{p.n3()} {o.n3()}")
        visiting.discard(node)
        content[node] = digest("\n".join(sorted(parts)))
        return content[node]

    for node in sorted(nodes, key=str):
        if content_of(node) is None:
            return None
    labels: dict[Any, BNode] = {}
    taken: dict[str, int] = {}

    def label_of(node: Any, depth: int = 0) -> BNode | None:
        if node in labels:
            return labels[node]
        if depth > 500:
            return None
        above = parent.get(node)
        if above is None:
            place = ""
        else:
            s, p = above
            outer = label_of(s, depth + 1) if isinstance(s, BNode) else s
            if outer is None:
                return None
            place = f"{outer.n3()} {p.n3()}"
        key = digest(place + "\n" + content[node])
        n = taken[key] = taken.get(key, -1) + 1
        labels[node] = BNode("t" + (digest(f"{key} {n}") if n else key)[:32])
        return labels[node]

    for node in sorted(nodes, key=lambda b: content[b]):
        if label_of(node) is None:
            return None
    return labels


def turtle_from_lines(lines: Iterable[bytes], prefixes: dict[str, str], *, all_in_use: bool = False,
                      blocks: Path | None = None) -> tuple[bytes, int]:
    """Deterministic Turtle from N-Triples lines: duplicates dropped, lines sorted (so a subject's
    statements stay together), only the prefixes whose namespace is in use (`all_in_use`: the caller
    gives only those). Returns the Turtle and the number of triples. Both `mfkg build` paths (whole
    and incremental) end here. `blocks`: a folder where each subject's Turtle is kept between builds
    (see `turtle_blocks`); the bytes are the same with or without it."""
    from mfkg.rdf.oxio import turtle_from_nt

    unique = sorted(set(lines))
    blob = b"\n".join(unique) + b"\n"
    used = prefixes if all_in_use else {prefix: ns for prefix, ns in prefixes.items() if b"<" + ns.encode() in blob}
    if blocks is not None:
        from mfkg.rdf.turtle_blocks import turtle

        return turtle(unique, used, blocks), len(unique)
    return turtle_from_nt(blob, used), len(unique)


class GraphText:
    """A graph's triples split once into those without a blank node and those with one, and written
    as N-Triples lines once, on first use: writing the graph, its digest, the checks' store and the
    reasoner's input all start from them (each used to go over the whole graph again). The graph must
    not change while this is in use."""

    def __init__(self, graph: Graph):
        self.graph = graph
        with fewer_collections():   # a list as long as the graph, of objects that live on
            self.plain, self.with_bnodes = split_bnodes(graph)

    @cached_property
    def plain_lines(self) -> list[bytes]:
        from mfkg.rdf.oxio import nt_lines

        with fewer_collections():
            return nt_lines(self.plain)

    @cached_property
    def bnode_triples(self) -> list[tuple[Any, Any, Any]]:
        return list(self.with_bnodes)

    @cached_property
    def content_bnode_lines(self) -> list[bytes]:
        return bnode_content_lines(self.bnode_triples)

    def __len__(self) -> int:
        """The number of triples in the graph (rdflib's in-memory store counts them one by one)."""
        return len(self.plain) + len(self.with_bnodes)

    def triples(self) -> list[tuple[Any, Any, Any]]:
        """Every triple of the graph: those without a blank node, then the others."""
        return self.plain + self.bnode_triples

    def ntriples(self) -> bytes:
        """The graph as an N-Triples document (blank nodes under the graph's own labels)."""
        from mfkg.rdf.oxio import nt_lines

        return b"\n".join(self.plain_lines + nt_lines(self.bnode_triples)) + b"\n"


def serialize_turtle(graph: Graph, text: GraphText | None = None) -> bytes:
    """Deterministic Turtle for an rdflib graph: canonical blank nodes, sorted, prefixes in use.
    `text`: the graph's `GraphText`, when the caller has it."""
    text = text if text is not None else GraphText(graph)
    prefixes = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
    return turtle_from_lines(text.plain_lines + canonical_bnode_lines(text.with_bnodes), prefixes)[0]


def content_digest(graph: Graph) -> str:
    """A digest of what a graph states, the same for every parse of the same triples (blank nodes
    are written as digests of what they say, see `bnode_content_lines`): a key for caches."""
    plain, bnode_lines, _ = graph_lines(graph)
    return lines_digest(plain, bnode_lines)


def graph_lines(graph: Graph, text: GraphText | None = None) -> tuple[list[bytes], list[bytes], list[tuple[Any, Any, Any]]]:
    """A graph's triples without a blank node as N-Triples lines; those with one as
    `bnode_content_lines`, and as they are. `text`: the graph's `GraphText`, when the caller has it."""
    text = text if text is not None else GraphText(graph)
    return text.plain_lines, text.content_bnode_lines, text.bnode_triples


def lines_digest(plain: list[bytes], bnode_lines: list[bytes]) -> str:
    """`content_digest` of the graph whose `graph_lines` these are."""
    import hashlib

    h = hashlib.sha256()
    for line in sorted(plain + bnode_lines):
        h.update(line)
        h.update(b"\n")
    return h.hexdigest()


def bnode_content_lines(with_bnodes: Iterable[tuple[Any, Any, Any]]) -> list[bytes]:
    """The triples with blank nodes, each blank node written as a digest of what it says (its outgoing
    statements, recursively). The ontology's blank nodes are class expressions and lists — trees —, so
    two inputs get the same lines only when they state the same axioms; much cheaper than canonical
    labelling, which a cache key does not need."""
    import hashlib

    from rdflib import BNode

    with_bnodes = list(with_bnodes)
    out_edges: dict[BNode, list[tuple[str, object]]] = {}
    for s, p, o in with_bnodes:
        if isinstance(s, BNode):
            out_edges.setdefault(s, []).append((str(p), o))
    memo: dict[BNode, str] = {}

    def name(node: object, depth: int = 0) -> str:
        if not isinstance(node, BNode):
            return node.n3()   # type: ignore[attr-defined]
        if node not in memo:
            if depth > 200:   # not a tree: give up on content and keep the label (a miss, never a wrong hit)
                return f"_:{node}"
            parts = sorted(f"{p} {name(o, depth + 1)}" for p, o in out_edges.get(node, ()))
            memo[node] = "_:h" + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
        return memo[node]

    return [f"{name(s)} <{p}> {name(o)} .".encode() for s, p, o in with_bnodes]
