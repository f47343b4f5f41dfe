"""Canonical, deterministic serialisation and atomic writes: every file mfkg writes goes through here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from mfkg.files import atomic_write

__all__ = ["atomic_write", "canonical", "new_graph", "serialize_turtle", "turtle_from_lines"]


def new_graph() -> Graph:
    """An empty graph with mfkg's prefixes bound (so every serialisation uses the same ones)."""
    from mfkg.namespaces import PREFIXES

    g = Graph()
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
    if len(with_bnodes):
        out += to_canonical_graph(with_bnodes)
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
    """N-Triples lines of the triples that touch a blank node, blank nodes renamed by content."""
    from mfkg.rdf.oxio import nt_lines

    return nt_lines(to_canonical_graph(with_bnodes)) if len(with_bnodes) else []


def turtle_from_lines(lines: Iterable[bytes], prefixes: dict[str, str]) -> tuple[bytes, int]:
    """Deterministic Turtle from N-Triples lines: duplicates dropped, lines sorted (so a subject's
    statements stay together), only the prefixes whose namespace is in use. Returns the Turtle and
    the number of triples. Both `mfkg build` paths (whole and incremental) end here."""
    from mfkg.rdf.oxio import turtle_from_nt

    unique = sorted(set(lines))
    blob = b"\n".join(unique) + b"\n"
    used = {prefix: ns for prefix, ns in prefixes.items() if b"<" + ns.encode() in blob}
    return turtle_from_nt(blob, used), len(unique)


def serialize_turtle(graph: Graph) -> bytes:
    """Deterministic Turtle for an rdflib graph: canonical blank nodes, sorted, prefixes in use."""
    from mfkg.rdf.oxio import nt_lines

    plain, with_bnodes = split_bnodes(graph)
    prefixes = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
    return turtle_from_lines(nt_lines(plain) + canonical_bnode_lines(with_bnodes), prefixes)[0]


def content_digest(graph: Graph) -> str:
    """A digest of what a graph states, the same for every parse of the same triples (blank nodes
    are written as digests of what they say, see `bnode_content_lines`): a key for caches."""
    import hashlib

    from mfkg.rdf.oxio import nt_lines

    plain, with_bnodes = split_bnodes(graph)
    h = hashlib.sha256()
    for line in sorted(nt_lines(plain) + bnode_content_lines(with_bnodes)):
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
