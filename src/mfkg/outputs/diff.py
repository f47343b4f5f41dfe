"""Read any RDF file (or a release folder) and compare two graphs triple by triple, grouped by entity."""

from __future__ import annotations

from rdflib import BNode, Graph

from mfkg.rdf.read import load_any

__all__ = ["diff", "load_any"]
from mfkg.namespaces import BASE


def diff(old: Graph, new: Graph) -> dict[str, dict[str, list[str]]]:
    """Triples added and removed, grouped by the entity they belong to (blank nodes canonicalised)."""
    from rdflib.compare import graph_diff, to_isomorphic

    _, removed, added = graph_diff(to_isomorphic(old), to_isomorphic(new))
    out: dict[str, dict[str, list[str]]] = {}

    def entity(s: object) -> str:
        text = str(s)
        if text.startswith(BASE):
            parts = text[len(BASE):].split("/")
            return "/".join(parts[:2]) if len(parts) >= 2 else parts[0]
        return "(ontology and other)" if not isinstance(s, BNode) else "(blank nodes)"

    def line(t: tuple) -> str:
        s, p, o = t
        short = lambda x: x.n3(new.namespace_manager) if hasattr(x, "n3") else str(x)
        return f"{short(s)} {short(p)} {short(o)}"

    for sign, triples in (("added", added), ("removed", removed)):
        for t in triples:
            out.setdefault(entity(t[0]), {"added": [], "removed": []})[sign].append(line(t))
    for v in out.values():
        v["added"].sort()
        v["removed"].sort()
    return dict(sorted(out.items()))
