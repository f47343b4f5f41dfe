"""Reading the property graph for the seed's pages: entities of a kind, their links, their Korean
names, the seed's checked figures, and links into the explorer. HTML helpers escape every text."""

from __future__ import annotations

import html
from typing import Any

from mfkg.propgraph.projection import PropertyGraph
from mfkg.viz.lang import bi

VERDICT_STYLE = {"agrees": "#15803d", "partially agrees": "#a16207", "differs": "#b91c1c", "unverified": "#64748b"}


class SeedGraph:
    """The property graph, with the look-ups the seed's sections need."""

    def __init__(self, pg: PropertyGraph):
        self.g = pg.graph
        self._by_label: dict[Any, list[str]] | None = None

    def nodes(self, label: str) -> list[str]:
        if self._by_label is None:   # one pass over the nodes: the sections ask per label thousands of times
            by_label: dict[Any, list[str]] = {}
            for n, d in self.g.nodes(data=True):
                by_label.setdefault(d.get("label"), []).append(n)
            self._by_label = {k: sorted(v) for k, v in by_label.items()}
        return list(self._by_label.get(label, ()))

    def attrs(self, node: str) -> dict[str, Any]:
        return self.g.nodes[node]

    def out(self, node: str, rel: str) -> list[str]:
        return sorted({t for _, t, d in self.g.out_edges(node, data=True) if d["type"] == rel})

    def into(self, node: str, rel: str) -> list[str]:
        return sorted({s for s, _, d in self.g.in_edges(node, data=True) if d["type"] == rel})

    def name(self, node: str) -> str:
        return str(self.g.nodes[node].get("name", node))

    def by_name(self, nodes: list[str]) -> list[str]:
        return sorted(nodes, key=lambda n: self.name(n).lower())

    def seed_claims(self) -> list[str]:
        return self.nodes("SeedClaim")

    def claims_for(self, section: int, about: set[str] | None = None) -> list[str]:
        """The seed's figures of one section, optionally only those about some entities."""
        out = []
        for c in self.seed_claims():
            a = self.g.nodes[c]
            if a.get("seed_section") != section:
                continue
            if about is not None and not (set(self.out(c, "CLAIM_ABOUT")) & about):
                continue
            out.append(c)
        return out

    def claims_quoting(self, section: int, node: str) -> list[str]:
        """The seed's figures of a section about `node`, or whose Korean words and the node's seed words
        contain one another (the seed's task items carry their figures in their own sentence)."""
        a = self.g.nodes[node]
        words = [str(a[k]) for k in ("name_ko", "description_ko") if a.get(k)]
        out = []
        for c in self.claims_for(section):
            text = str(self.g.nodes[c].get("seed_text_ko", ""))
            if node in self.out(c, "CLAIM_ABOUT") or (text and any(w in text or text in w for w in words)):
                out.append(c)
        return out

    # ------------------------------------------------------------------ HTML
    def label(self, node: str) -> str:
        a = self.g.nodes[node]
        return bi(str(a.get("name", node)), a.get("name_ko"))

    def description(self, node: str, tag: str = "p") -> str:
        a = self.g.nodes[node]
        return bi(str(a.get("description", "")), a.get("description_ko"), tag=tag) if a.get("description") else ""

    def link(self, node: str, view: str = "graph") -> str:
        """A link to the entity in the explorer (its panel opens on arrival)."""
        href = html.escape(f"{view}.html#focus={node}", quote=True)
        return f'<a href="{href}" data-entity="{html.escape(node, quote=True)}">{self.label(node)}</a>'

    def links(self, nodes: list[str], view: str = "graph", limit: int = 0) -> str:
        ordered = self.by_name(nodes)
        shown = ordered[:limit] if limit else ordered
        more = f" … (+{len(ordered) - len(shown)})" if len(shown) < len(ordered) else ""
        return ", ".join(self.link(n, view) for n in shown) + more

    def claim_html(self, claim: str) -> str:
        """One checked figure: the seed's words, the verdict, what it was checked against, a link to it."""
        a = self.g.nodes[claim]
        verdict = str(a.get("verdict", "unverified"))
        colour = VERDICT_STYLE.get(verdict, "#64748b")
        href = html.escape(f"graph.html#focus={claim}", quote=True)
        seed_text = a.get("seed_text_ko")
        quote = f'<q lang="ko">{html.escape(str(seed_text))}</q> ' if seed_text else ""
        note = (f' <details class="note"><summary>what was checked</summary><small>{html.escape(str(a["note"]))}</small></details>'
                if a.get("note") else "")
        return (f'<li class="seedclaim" data-verdict="{html.escape(verdict, quote=True)}">{quote}'
                f'<span class="verdict" style="background:{colour}">{html.escape(verdict)}</span> '
                f'<a href="{href}">{html.escape(str(a.get("statement") or a.get("name", claim)))}</a>{note}</li>')

    def claims_html(self, claims: list[str], heading: str = "The seed's figures here, checked") -> str:
        if not claims:
            return ""
        return (f'<details class="claims" open><summary>{html.escape(heading)} ({len(claims)})</summary><ul>'
                + "".join(self.claim_html(c) for c in claims) + "</ul></details>")
