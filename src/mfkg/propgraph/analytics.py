"""Graph analytics on the networkx projection: paths, neighbourhoods, centrality, components.

They run on the *entity graph*: models, modalities, tokenizers, patterns, tasks, publications …
and the links between them, without the bookkeeping nodes (claims, modality usages, equations,
mitigations, data requirements) and without the inverse and shortcut edges that repeat another edge, so a path reads
like a sentence: ESM-2 --has layer type--> Transformer <--has layer type-- scGPT.
"""

from __future__ import annotations

import networkx as nx

from mfkg.errors import MfkgError
from mfkg.propgraph.projection import PART_LABELS, PropertyGraph
from mfkg.query.terms import ResultTable, Term

HIDDEN = set(PART_LABELS)
# inverse edges (added by the reasoner) and shortcuts that duplicate another edge
REDUNDANT = {"PATTERN_OF", "ADDRESSED_BY", "CLAIM_ABOUT", "USES_MODALITY", "PRIMARY_PUBLICATION"}


def entity_graph(pg: PropertyGraph) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n, d in pg.graph.nodes(data=True):
        if d.get("label") not in HIDDEN:
            g.add_node(n, label=d.get("label"))
    for u, v, k, d in pg.graph.edges(keys=True, data=True):
        if u in g and v in g and d["type"] not in REDUNDANT:
            g.add_edge(u, v, key=k, type=d["type"])
    return g


def shortest_path(pg: PropertyGraph, g: nx.MultiDiGraph, a: str, b: str) -> list[tuple[str, str]] | None:
    """[(node, relation to the next node)], following edges in either direction; publications are
    avoided as stepping stones when another path of the same length exists."""
    und = nx.Graph()
    for u, v, d in g.edges(data=True):
        w = 1.0 + (0.001 if "Publication" in (g.nodes[u]["label"], g.nodes[v]["label"]) else 0.0)
        if not und.has_edge(u, v) or und[u][v]["weight"] > w:
            und.add_edge(u, v, weight=w, type=d["type"], forward=(u, v))
    if a not in und or b not in und:
        return None
    try:
        nodes = nx.shortest_path(und, a, b, weight="weight")
    except nx.NetworkXNoPath:
        return None
    steps = []
    for i, n in enumerate(nodes):
        if i + 1 < len(nodes):
            e = und[n][nodes[i + 1]]
            arrow = e["type"].lower().replace("_", " ")
            rel = arrow if e["forward"] == (n, nodes[i + 1]) else f"(inverse) {arrow}"
            steps.append((n, rel))
        else:
            steps.append((n, ""))
    return steps


def neighbourhood(pg: PropertyGraph, g: nx.MultiDiGraph, node: str, depth: int) -> ResultTable:
    if node not in g:
        raise MfkgError(f"{node} is a {pg.labels.get(node, 'node')}, which the entity graph leaves out (a part of the seed's "
                        f"page or of another entity); see its links with mfkg cypher \"MATCH (n)-[r]-(m) WHERE n.id = "
                        f"'{node}' RETURN label(r) AS link, m.id AS other\"")
    dist = nx.single_source_shortest_path_length(g.to_undirected(as_view=True), node, cutoff=depth)
    rows = []
    for n, d in sorted(dist.items(), key=lambda kv: (kv[1], g.nodes[kv[0]]["label"], kv[0])):
        if n == node:
            continue
        rows.append((Term.literal(pg.graph.nodes[n].get("name", n)), Term.literal(g.nodes[n]["label"]),
                     Term.literal(d), Term.literal(n)))
    return ResultTable(["entity", "kind", "distance", "id"], rows)


def centrality(pg: PropertyGraph, g: nx.MultiDiGraph, kind: str, measure: str, top: int) -> ResultTable:
    und = nx.Graph(g)
    if measure == "degree":
        scores = {n: float(und.degree(n)) for n in und}
    elif measure == "betweenness":
        scores = nx.betweenness_centrality(und, normalized=True, seed=7, k=min(500, len(und)) if len(und) > 2000 else None)
    else:
        scores = nx.pagerank(und)
    chosen = [n for n in und if kind == "all" or g.nodes[n]["label"] == kind]
    ranked = sorted(chosen, key=lambda n: (-scores[n], n))[:top]
    rows = [(Term.literal(pg.graph.nodes[n].get("name", n)), Term.literal(g.nodes[n]["label"]),
             Term.literal(round(scores[n], 6) if measure != "degree" else int(scores[n]))) for n in ranked]
    return ResultTable(["entity", "kind", measure], rows)


def components(pg: PropertyGraph, g: nx.MultiDiGraph) -> ResultTable:
    comps = sorted(nx.connected_components(g.to_undirected(as_view=True)), key=lambda c: (-len(c), sorted(c)[0]))
    rows = []
    for i, c in enumerate(comps, 1):
        kinds: dict[str, int] = {}
        for n in c:
            kinds[g.nodes[n]["label"]] = kinds.get(g.nodes[n]["label"], 0) + 1
        sample = ", ".join(sorted(str(pg.graph.nodes[n].get("name", n)) for n in c)[:5])
        rows.append((Term.literal(i), Term.literal(len(c)),
                     Term.literal(", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))), Term.literal(sample)))
    return ResultTable(["component", "size", "kinds", "examples"], rows)
