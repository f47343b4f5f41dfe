"""Canonical, deterministic serialisation and atomic writes: every file mfkg writes goes through here."""

from __future__ import annotations

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph

from mfkg.files import atomic_write

__all__ = ["atomic_write", "canonical", "new_graph", "serialize_turtle"]


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
    with_bnodes = Graph()
    for t in graph:
        if isinstance(t[0], BNode) or isinstance(t[2], BNode):
            with_bnodes.add(t)
        else:
            out.add(t)
    if len(with_bnodes):
        out += to_canonical_graph(with_bnodes)
    return out


def serialize_turtle(graph: Graph) -> bytes:
    return canonical(graph).serialize(format="turtle", encoding="utf-8")
