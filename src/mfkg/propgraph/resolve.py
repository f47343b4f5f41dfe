"""Find a node of the property graph by id, kind/id, name or alias; draw a query's result as a subgraph."""

from __future__ import annotations

from typing import Any

import networkx as nx

from mfkg.propgraph.projection import HIDDEN_LABELS, PropertyGraph, node_id, rel_type
from mfkg.query.resolve import EntityIndex


def resolve_node(pg: PropertyGraph, text: str) -> str:
    """The node id for `text` (an id such as 'model/esm2', a bare id, a name, an alias or a variant
    name), through the one resolver of `mfkg.query.resolve`."""
    if text in pg.graph and pg.graph.nodes[text].get("label") not in HIDDEN_LABELS:
        return text
    index = pg.__dict__.get("_entity_index")
    if index is None:
        index = EntityIndex.from_nodes((n, d) for n, d in pg.graph.nodes(data=True) if d.get("label") not in HIDDEN_LABELS)
        pg.__dict__["_entity_index"] = index
    return node_id(index.resolve(text))


def query_subgraph(store: Any, pg: PropertyGraph, q: Any, values: dict[str, str]) -> nx.MultiDiGraph:
    """The entities a saved query returns (SELECT) or builds (CONSTRUCT), with the edges between them."""
    from mfkg.query.saved import run_saved, run_saved_graph

    sub = nx.MultiDiGraph()
    if q.form == "CONSTRUCT":
        for s, p, o in run_saved_graph(store, q, values):
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
