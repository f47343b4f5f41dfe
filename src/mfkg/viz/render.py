"""Build a view's nodes, edges, layout and panel data, and render it as one offline HTML page.

pyvis assembles the vis-network data model and options; the page itself comes from our own
template, because pyvis's templates load CSS from a CDN and insert node titles as raw HTML.
Every text from the data reaches the page as JSON inside a non-executed script element, and the
page's script puts it into the DOM with textContent only.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from mfkg.propgraph.projection import HIDDEN_LABELS, PropertyGraph, snake
from mfkg.viz.style import DEFAULT_EDGE_COLOUR, EDGE_COLOURS, KINDS

FACT_PROPERTIES = ("identifier", "release_year", "in_family", "publication_type", "publication_year", "venue",
                   "first_author", "doi_iri", "arxiv_id", "preprint_doi_iri", "landing_page", "code_repository",
                   "hugging_face_id", "commercial_use", "species", "parameter_count", "pretraining_cells", "pretraining_spatial_cells",
                   "pretraining_tokens", "context_length", "requires_paired_data", "seed_column", "seed_number",
                   "seed_row", "fusion_stage", "missing_modality_handling", "handles_missing_modality", "period",
                   "category", "verdict", "dataset_kind", "classes", "seed_section", "latex", "exact_match",
                   "close_match", "broad_match", "narrow_match", "related_match")
SPRING_LIMIT = 1500   # above this many nodes, a linear-time layout replaces the force-directed one


def _fmt(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_fmt(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) and abs(value) >= 10000:
        return f"{value:,}"
    return str(value)


def _pub_url(attrs: dict[str, Any]) -> str | None:
    return attrs.get("doi_iri") or (f"https://arxiv.org/abs/{attrs['arxiv_id']}" if attrs.get("arxiv_id") else None) \
        or attrs.get("landing_page")


def layout(g: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions computed once (deterministic), so the page needs no physics to settle."""
    n = g.number_of_nodes()
    if n == 0:
        return {}
    undirected = nx.Graph(g)
    if n <= SPRING_LIMIT:
        pos = nx.spring_layout(undirected, seed=seed, iterations=80, k=1.6 / math.sqrt(n))
    else:   # rings per kind: O(n), readable, and stable for a 10,000-node graph
        by_kind: dict[str, list[str]] = {}
        for node, d in g.nodes(data=True):
            by_kind.setdefault(d.get("label", ""), []).append(node)
        pos = {}
        for ring, (_kind, members) in enumerate(sorted(by_kind.items(), key=lambda kv: -len(kv[1]))):
            radius = 1.0 + ring * 0.6
            members.sort()
            for i, node in enumerate(members):
                a = 2 * math.pi * i / len(members)
                pos[node] = (radius * math.cos(a), radius * math.sin(a))
    scale = 120 * math.sqrt(n)
    return {k: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for k, (x, y) in pos.items()}


def _out(g: nx.MultiDiGraph, node: str, rel: str) -> list[str]:
    return sorted(t for _, t, d in g.out_edges(node, data=True) if d["type"] == rel)


def _term(attrs: dict[str, Any]) -> str:
    return str(attrs.get("spdx_id") or attrs.get("name") or "")


def _statements(g: nx.MultiDiGraph, node: str) -> list[tuple[str, str]]:
    """Licence, variants, conflicts and looked-for-not-found statements of a model or dataset, as facts."""
    out: list[tuple[str, str]] = []
    for ls in _out(g, node, "HAS_LICENCE_STATEMENT"):
        for rel, what in (("CODE_LICENCE", "code licence"), ("WEIGHTS_LICENCE", "weights licence")):
            for t in _out(g, ls, rel):
                out.append((what, _term(g.nodes[t])))
        if g.nodes[ls].get("access"):
            out.append(("weights access", _fmt(g.nodes[ls]["access"])))
        for cu in _out(g, ls, "COMMERCIAL_USE_STATEMENT"):
            a = g.nodes[cu]
            note = f" — {a['note']}" if a.get("note") else ""
            out.append(("commercial use (stated)", f"{_fmt(a.get('commercial_use', ''))}{note}"))
    variants = []
    for v in _out(g, node, "HAS_VARIANT"):
        a = g.nodes[v]
        size = f" ({_fmt(max(a['parameter_count']))} parameters)" if a.get("parameter_count") else ""
        variants.append(f"{a.get('name', v)}{size}")
    if variants:
        out.append(("released variants", "; ".join(variants)))
    for c in _out(g, node, "HAS_VALUE_CONFLICT"):
        out.append(("sources disagree", str(g.nodes[c].get("note", ""))))
    for nf in _out(g, node, "HAS_NOT_FOUND_STATEMENT"):
        a = g.nodes[nf]
        out.append(("looked for, not found", f"{a.get('sought_property', '')} — searched: {a.get('searched', '')}"))
    return out


def _panel(pg: PropertyGraph, node: str) -> dict[str, Any]:
    """What a node's side panel shows; computed once per node (a node shows in several views)."""
    panels = pg.derived.setdefault("panels", {})
    if node not in panels:
        panels[node] = _make_panel(pg, node)
    return panels[node]


def _make_panel(pg: PropertyGraph, node: str) -> dict[str, Any]:
    g = pg.graph
    attrs = g.nodes[node]
    facts = [(name.replace("_", " "), _fmt(attrs[name])) for name in FACT_PROPERTIES if name in attrs and attrs[name] not in ([], "")]
    facts += _statements(g, node)
    claims, sources, neighbours = [], [], []
    for _, target, d in sorted(g.out_edges(node, data=True), key=lambda e: (e[2]["type"], e[1])):
        t = g.nodes[target]
        if d["type"] == "HAS_CLAIM" and t.get("label") == "Claim":
            src = next((g.nodes[s] for _, s, e in g.out_edges(target, data=True) if e["type"] == "CLAIM_SOURCE"), {})
            what = snake(str(t.get("claim_property", "claim")).rsplit("/", 1)[-1]).replace("_", " ")
            value = _fmt(t["claim_value"]) if "claim_value" in t else t.get("statement", "")
            for v in _out(g, target, "ABOUT_VARIANT"):
                value += f" ({g.nodes[v].get('name', v)})"
            claims.append({"what": what, "value": value, "quote": t.get("quote", ""),
                           "locator": t.get("locator", ""), "source": src.get("name", ""), "url": _pub_url(src)})
        elif d["type"] in ("DESCRIBED_IN", "PRIMARY_PUBLICATION", "CLAIM_SOURCE"):
            entry = {"title": t.get("name", target), "url": _pub_url(t)}
            if entry not in sources:
                sources.append(entry)
        if t.get("label") not in HIDDEN_LABELS:
            neighbours.append({"rel": d["type"].lower().replace("_", " "), "id": target, "name": t.get("name", target)})
    for source, _, d in sorted(g.in_edges(node, data=True), key=lambda e: (e[2]["type"], e[0])):
        s = g.nodes[source]
        if s.get("label") in HIDDEN_LABELS:
            continue
        neighbours.append({"rel": "← " + d["type"].lower().replace("_", " "), "id": source, "name": s.get("name", source)})
    if attrs.get("label") == "Publication" and _pub_url(attrs):
        sources.insert(0, {"title": attrs.get("name", node), "url": _pub_url(attrs)})
    equations = [_equation(g.nodes[e]) for e in _out(g, node, "HAS_EQUATION")]
    return {"facts": facts, "claims": claims, "sources": sources, "neighbours": neighbours[:200], "equations": equations}


def _equation(attrs: dict[str, Any]) -> dict[str, Any]:
    """An equation for the panel: its LaTeX source and its MathML as a tree the page builds element by element."""
    from mfkg.validation.latex import LatexError, latex_to_mathml, mathml_tree

    latex = str(attrs.get("latex", ""))
    try:
        tree = mathml_tree(latex_to_mathml(latex))
    except LatexError:
        tree = None
    return {"name": str(attrs.get("name", "")), "latex": latex, "math": tree}


def split_layout(pg: PropertyGraph, g: nx.MultiDiGraph, prop: str) -> dict[str, tuple[float, float]]:
    """Two columns by a boolean property (False left, True right); other nodes between them,
    placed at the mean height of their neighbours and leaning to the side they connect to."""
    sides: dict[bool, list[str]] = {False: [], True: []}
    for n in sorted(g.nodes, key=lambda n: str(pg.graph.nodes[n].get("name", n)).lower()):
        value = pg.graph.nodes[n].get(prop)
        if isinstance(value, bool):
            sides[value].append(n)
    pos: dict[str, tuple[float, float]] = {}
    width, step = 900.0, 70.0
    for value, members in sides.items():
        for i, n in enumerate(members):
            pos[n] = (width if value else -width, i * step)
    und = nx.Graph(g)
    others = sorted(n for n in g.nodes if n not in pos)
    for i, n in enumerate(others):
        nbrs = [pos[m] for m in und.neighbors(n) if m in pos]
        x = sum(p[0] for p in nbrs) / len(nbrs) * 0.45 if nbrs else 0.0
        y = sum(p[1] for p in nbrs) / len(nbrs) if nbrs else i * step
        pos[n] = (round(x + (i % 7 - 3) * 22.0, 1), round(y + (i % 5) * 9.0, 1))
    return pos


def page_data(pg: PropertyGraph, view: nx.MultiDiGraph, title: str, description: str, *, site: bool,
              split_by: str | None = None, arrange: str = "spring", hub_kinds: tuple[str, ...] = ()) -> dict[str, Any]:
    from pyvis.network import Network

    from mfkg.viz import layouts

    kind_of = {n: pg.graph.nodes[n].get("label", "") for n in view.nodes}
    name_of = {n: str(pg.graph.nodes[n].get("name", n)) for n in view.nodes}
    if split_by:
        pos = split_layout(pg, view, split_by)
    elif arrange == "kinds":
        pos = layouts.kind_clusters(view, kind_of)
    elif arrange == "columns":
        pos = layouts.columns(view, kind_of, hub_kinds, name_of)
    elif arrange == "layers":
        pos = layouts.layers(view, name_of)
    else:
        pos = layout(view)
    shown = layouts.hubs(view, kind_of) if arrange == "kinds" else set(view.nodes)
    und = nx.Graph(view)
    rank = {n: i for i, n in enumerate(sorted(view.nodes, key=lambda n: (-und.degree(n), n)))}
    net = Network(directed=True)
    counts: dict[str, int] = {}
    extra: dict[str, dict[str, Any]] = {}
    for node in sorted(view.nodes):
        attrs = pg.graph.nodes[node]
        kind = attrs.get("label", "")
        name, colour, shape = KINDS.get(kind, (kind.lower(), "#64748b", "dot"))
        counts[kind] = counts.get(kind, 0) + 1
        x, y = pos[node]
        full = str(attrs.get("name", node))
        short = full if len(full) <= 32 else full[:31].rstrip() + "…"
        net.add_node(node, label=short, title=f"{full} ({name})",
                     color=colour, shape=shape, x=x, y=y)
        extra[node] = {"fullName": full, "kind": kind, "kindName": name, "hub": node in shown, "rank": rank[node], "description": attrs.get("description", "") or attrs.get("statement", ""),
                       "nameKo": attrs.get("name_ko", ""),
                       "descriptionKo": attrs.get("description_ko") or attrs.get("rationale_ko") or attrs.get("seed_text_ko", ""),
                       **_panel(pg, node)}
    edge_counts: dict[str, int] = {}
    for u, v, d in sorted(view.edges(data=True), key=lambda e: (e[0], e[1], e[2]["type"])):
        net.add_edge(u, v, title=d["type"], color=EDGE_COLOURS.get(d["type"], DEFAULT_EDGE_COLOUR))
        edge_counts[d["type"]] = edge_counts.get(d["type"], 0) + 1
    net.set_options(json.dumps({
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": view.number_of_edges() > 3000},
        "edges": {"smooth": False, "width": 1},
        "nodes": {"size": 12, "font": {"size": 13}},
        "layout": {"improvedLayout": False},
    }))
    nodes, edges, _, _, _, options = net.get_network_data()
    return {
        "title": title, "description": description, "site": site, "options": json.loads(options) if isinstance(options, str) else options,
        "nodes": [{"id": n["id"], "name": n["label"], "x": n["x"], "y": n["y"], "color": n["color"],
                   "shape": n["shape"], **extra[n["id"]]} for n in nodes],
        "edges": [{"from": e["from"], "to": e["to"], "type": e["title"], "color": e["color"]} for e in edges],
        "kinds": [{"label": k, "name": KINDS.get(k, (k,))[0], "color": KINDS.get(k, ("", "#64748b"))[1], "count": c}
                  for k, c in sorted(counts.items(), key=lambda kv: -kv[1])],
        "edgeKinds": [{"type": t, "count": c, "color": EDGE_COLOURS.get(t, DEFAULT_EDGE_COLOUR)}
                      for t, c in sorted(edge_counts.items(), key=lambda kv: -kv[1])],
    }


def json_for_html(data: Any) -> str:
    """JSON that cannot end its <script> element or open markup: <, >, & and line separators escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _asset(name: str) -> str:
    root = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    return (root / name).read_text(encoding="utf-8")


def render_page(data: dict[str, Any]) -> str:
    template = (resources.files("mfkg.viz") / "template.html").read_text(encoding="utf-8")
    js = _asset("vis-network.min.js").replace("</script", "<\\/script")
    css = _asset("vis-network.css").replace("</style", "<\\/style")
    return (template.replace("__TITLE__", html.escape(data["title"]))
            .replace("__VIS_CSS__", f"<style>{css}</style>")
            .replace("__VIS_JS__", f"<script>{js}</script>")
            .replace("__DATA__", json_for_html(data)))


# ------------------------------------------------------------------------------ subgraphs
def view_subgraph(pg: PropertyGraph, labels: Iterable[str], edge_types: Iterable[str], *,
                  keep_isolated: Iterable[str] = ()) -> nx.MultiDiGraph:
    labels, edge_types, keep = set(labels), set(edge_types), set(keep_isolated)
    g = nx.MultiDiGraph()
    for n, d in pg.graph.nodes(data=True):
        if d.get("label") in labels:
            g.add_node(n, **{"label": d.get("label")})
    for u, v, k, d in pg.graph.edges(keys=True, data=True):
        if d["type"] in edge_types and u in g and v in g:
            g.add_edge(u, v, key=k, type=d["type"])
    for n in [n for n in g.nodes if g.degree(n) == 0 and g.nodes[n]["label"] not in keep]:
        g.remove_node(n)
    return g


def focus_subgraph(pg: PropertyGraph, node: str, depth: int) -> nx.MultiDiGraph:
    hidden = set(HIDDEN_LABELS)
    und = pg.graph.to_undirected(as_view=True)
    keep = {node}
    frontier = {node}
    for _ in range(max(depth, 0)):
        nxt = set()
        for n in frontier:
            nxt.update(m for m in und.neighbors(n) if pg.graph.nodes[m].get("label") not in hidden)
        frontier = nxt - keep
        keep |= nxt
    g = nx.MultiDiGraph()
    for n in keep:
        g.add_node(n, label=pg.graph.nodes[n].get("label"))
    for u, v, k, d in pg.graph.subgraph(keep).edges(keys=True, data=True):
        if d["type"] not in ("PATTERN_OF", "ADDRESSED_BY", "CLAIM_ABOUT"):   # inverses add nothing to a picture
            g.add_edge(u, v, key=k, type=d["type"])
    return g


def write_page(path: Path, data: dict[str, Any]) -> Path:
    from mfkg.rdf.serialise import atomic_write

    atomic_write(path, render_page(data).encode("utf-8"))
    return path
