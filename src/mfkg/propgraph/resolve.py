"""Find a node of the property graph by id, kind/id, name or alias; draw a query's result as a subgraph."""

from __future__ import annotations

import difflib
from typing import Any

import networkx as nx

from mfkg.errors import MfkgError
from mfkg.propgraph.projection import HIDDEN_LABELS, PropertyGraph, node_id, rel_type


def resolve_node(pg: PropertyGraph, text: str) -> str:
    """The node id for `text` (an id such as 'model/esm2', a bare id, a name or an alias)."""
    if text in pg.graph:
        return text
    wanted = text.strip().lower()
    names: dict[str, str] = {}
    for n, d in pg.graph.nodes(data=True):
        if d.get("label") in HIDDEN_LABELS:
            continue
        aliases = d.get("aliases") or []
        for cand in (n, n.split("/", 1)[-1], str(d.get("name", "")), *(aliases if isinstance(aliases, list) else [aliases])):
            names.setdefault(str(cand).lower(), n)
    if wanted in names:
        return names[wanted]
    close = difflib.get_close_matches(wanted, sorted(names), n=1)
    raise MfkgError(f"no entity named '{text}'" + (f"; did you mean '{close[0]}'?" if close else ""))


def query_subgraph(store: Any, pg: PropertyGraph, q: Any, values: dict[str, str]) -> nx.MultiDiGraph:
    """The entities a saved query returns (SELECT) or builds (CONSTRUCT), with the edges between them."""
    from mfkg.query.saved import make_resolver, run_saved

    sub = nx.MultiDiGraph()
    if q.form == "CONSTRUCT":
        for s, p, o in store.construct(q.text, q.bindings(values, make_resolver(store))):
            for t in (s, o):
                if t.kind == "uri" and node_id(t.value) in pg.graph:
                    sub.add_node(node_id(t.value), label=pg.labels[node_id(t.value)])
            if s.kind == o.kind == "uri" and node_id(s.value) in sub and node_id(o.value) in sub:
                sub.add_edge(node_id(s.value), node_id(o.value), key=rel_type(p.value), type=rel_type(p.value))
        return sub
    for row in run_saved(store, q, values).rows:
        for t in row:
            if t is not None and t.kind == "uri" and node_id(t.value) in pg.graph:
                sub.add_node(node_id(t.value), label=pg.labels[node_id(t.value)])
    for u, v, k, d in pg.graph.subgraph(list(sub.nodes)).edges(keys=True, data=True):
        sub.add_edge(u, v, key=k, type=d["type"])
    return sub
