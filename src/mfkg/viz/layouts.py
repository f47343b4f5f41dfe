"""Readable layouts, computed once in Python so pages need no physics:

- `kind_clusters`: the whole graph grouped by kind, each kind a disc of its own (hubs at the
  centre, on a sunflower spiral), the discs on a ring — structure visible at the default zoom;
- `columns`: hubs (patterns, modalities, tokenizers) in one column, the rest in columns of rows one
  label apart, each hub level with the middle of what it links to — no two labels overlap;
- `layers`: lineage by generation, parents left of children, rows one label apart.

`label_boxes` estimates where vis-network draws each label (below its node, centred), for tests.
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

ROW = 36.0          # a dot (12 px) and its label (13 px font) below it, with a gap
CHAR = 7.6          # a conservative width per character at 13 px
LABEL_CHARS = 32    # labels are cut at 32 characters
COLUMN = LABEL_CHARS * CHAR + 40
PER_COLUMN = 60


def hubs(g: nx.MultiDiGraph, kind_of: dict[str, str], top: int = 40, per_kind: int = 3) -> set[str]:
    """The nodes whose labels show at the default zoom: the best connected overall and per kind."""
    und = nx.Graph(g)
    ranked = sorted(und.nodes, key=lambda n: (-und.degree(n), n))
    chosen = set(ranked[:top])
    seen: dict[str, int] = {}
    for n in ranked:
        k = kind_of.get(n, "")
        if seen.get(k, 0) < per_kind:
            chosen.add(n)
            seen[k] = seen.get(k, 0) + 1
    return chosen


def kind_clusters(g: nx.MultiDiGraph, kind_of: dict[str, str]) -> dict[str, tuple[float, float]]:
    und = nx.Graph(g)
    groups: dict[str, list[str]] = {}
    for n in g.nodes:
        groups.setdefault(kind_of.get(n, ""), []).append(n)
    order = sorted(groups, key=lambda k: (-len(groups[k]), k))
    spacing = 46.0
    radii = {k: spacing * math.sqrt(len(groups[k])) + 60 for k in order}
    ring = max(sum(2 * r for r in radii.values()) / (2 * math.pi), max(radii.values()) * 1.6)
    pos: dict[str, tuple[float, float]] = {}
    angle = 0.0
    total = sum(2 * r for r in radii.values())
    for k in order:
        share = 2 * math.pi * (2 * radii[k]) / total
        cx, cy = ring * math.cos(angle + share / 2), ring * math.sin(angle + share / 2)
        angle += share
        members = sorted(groups[k], key=lambda n: (-und.degree(n), n))
        golden = math.pi * (3 - math.sqrt(5))
        for i, n in enumerate(members):
            r = spacing * math.sqrt(i + 0.5)
            pos[n] = (round(cx + r * math.cos(i * golden), 1), round(cy + r * math.sin(i * golden), 1))
    return pos


def _spread(ys: list[tuple[float, str]], gap: float) -> dict[str, float]:
    """Wanted heights -> heights at least `gap` apart, in the same order, as close as possible."""
    out: dict[str, float] = {}
    last = -math.inf
    for y, n in sorted(ys):
        y = max(y, last + gap)
        out[n] = y
        last = y
    return out


def columns(g: nx.MultiDiGraph, kind_of: dict[str, str], hub_kinds: tuple[str, ...],
            name_of: dict[str, str]) -> dict[str, tuple[float, float]]:
    und = nx.Graph(g)
    hub_nodes = [n for n in g.nodes if kind_of.get(n) in hub_kinds]
    rest = [n for n in g.nodes if kind_of.get(n) not in hub_kinds]
    # the rest sorted by their first hub, so each hub's members sit together
    first_hub = {n: min((name_of.get(h, h) for h in und.neighbors(n) if h in set(hub_nodes)), default="~") for n in rest}
    rest.sort(key=lambda n: (first_hub[n], name_of.get(n, n).lower()))
    pos: dict[str, tuple[float, float]] = {}
    for i, n in enumerate(rest):
        col, row = divmod(i, PER_COLUMN)
        pos[n] = (COLUMN * (col + 1), ROW * row)
    wanted = []
    for h in hub_nodes:
        ys = [pos[m][1] for m in und.neighbors(h) if m in pos]
        wanted.append(((sum(ys) / len(ys)) if ys else 0.0, h))
    for h, y in _spread(wanted, ROW).items():
        pos[h] = (0.0, y)
    return pos


def layers(g: nx.MultiDiGraph, name_of: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Parents (edge targets: a model derives FROM its parent) left of their children."""
    depth: dict[str, int] = {}
    order = sorted(g.nodes, key=lambda n: name_of.get(n, n).lower())
    for _ in range(len(order)):             # longest path from a root, bounded (cycles stop growing)
        changed = False
        for u, v in g.edges():
            d = depth.get(v, 0) + 1
            if d > depth.get(u, 0) and d < len(order):
                depth[u] = d
                changed = True
        if not changed:
            break
    by_layer: dict[int, list[str]] = {}
    for n in order:
        by_layer.setdefault(depth.get(n, 0), []).append(n)
    pos: dict[str, tuple[float, float]] = {}
    for layer in sorted(by_layer):
        wanted = []
        for i, n in enumerate(by_layer[layer]):
            parents = [pos[v][1] for _, v in g.out_edges(n) if v in pos]
            wanted.append(((sum(parents) / len(parents)) if parents else i * ROW, n))
        for n, y in _spread(wanted, ROW).items():
            pos[n] = (COLUMN * layer, y)
    return pos


def label_boxes(nodes: list[dict[str, Any]]) -> list[tuple[float, float, float, float, str]]:
    """(left, top, right, bottom, id) of each drawn label, as vis-network places it under a dot."""
    out = []
    for n in nodes:
        text = n.get("label") if "label" in n else n.get("name", "")
        if not text:
            continue
        w = len(str(text)) * CHAR
        out.append((n["x"] - w / 2, n["y"] + 8, n["x"] + w / 2, n["y"] + 8 + 15, n["id"]))
    return out


def overlapping(boxes: list[tuple[float, float, float, float, str]]) -> list[tuple[str, str]]:
    boxes = sorted(boxes)
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b[0] >= a[2]:
                break
            if b[1] < a[3] and a[1] < b[3]:
                found.append((a[4], b[4]))
    return found
