"""The explorer site: an index page that mirrors the seed's sections, built from saved queries,
and one HTML file per view. Nothing here is hand-written content: every row comes from a query."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mfkg.propgraph.projection import PropertyGraph, node_id, project, store_triples
from mfkg.query.saved import SavedQueries, run_saved
from mfkg.query.terms import ResultTable
from mfkg.rdf.serialise import atomic_write
from mfkg.viz.render import focus_subgraph, page_data, view_subgraph, write_page
from mfkg.viz.views import VIEWS

# index sections: (seed section, heading, saved query, view page that rows link into, filter columns)
SECTIONS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("§06", "Model catalogue", "catalog", "graph", ("family", "anchor", "modalities", "patterns", "layer_types", "year")),
    ("§07", "Goal → pattern → why", "recommendation-matrix", "patterns", ()),
    ("§04", "Architecture patterns", "patterns-overview", "patterns", ()),
    ("§03", "Tasks: one modality or paired data", "task-split", "tasks", ("seed_column",)),
    ("§08", "Limits and mitigations", "limits-mitigations", "limits", ()),
    ("§02", "Tokenization strategies", "tokenizer-usage", "tokenizers", ()),
    ("§01", "Layer math", "layer-equations", "graph", ()),
    ("§05", "Trends 2024–2026", "trends", "graph", ("trend",)),
    ("§09", "Paper catalogue", "paper-catalog", "graph", ("type", "year")),
    ("check", "The seed's figures, checked", "seed-claims", "graph", ("verdict",)),
)

INDEX_CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1400px; padding: 0 18px 40px; color: #0f172a; }
nav a { margin-right: 12px; } h1 { margin: 18px 0 4px; } h2 { margin-top: 34px; border-bottom: 1px solid #e2e8f0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; } th, td { border-bottom: 1px solid #e2e8f0; padding: 4px 6px; text-align: left; vertical-align: top; }
th { cursor: pointer; background: #f8fafc; position: sticky; top: 0; } th.sorted-asc::after { content: " ▲"; } th.sorted-desc::after { content: " ▼"; }
.filters { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; } .filters select, .filters input { padding: 3px 6px; }
.count { color: #475569; font-size: 12px; } .views a { display: inline-block; margin: 4px 10px 4px 0; }
"""

INDEX_JS = r"""
(function () {
  "use strict";
  document.querySelectorAll("table.data").forEach(function (table) {
    var tbody = table.tBodies[0], rows = Array.prototype.slice.call(tbody.rows);
    var box = table.previousElementSibling, count = box.querySelector(".count");
    var text = box.querySelector("input[type=search]"), selects = box.querySelectorAll("select");
    function apply() {
      var q = text.value.trim().toLowerCase(), shown = 0;
      rows.forEach(function (r) {
        var ok = !q || r.textContent.toLowerCase().indexOf(q) >= 0;
        selects.forEach(function (s) {
          if (!ok || !s.value) return;
          var cell = r.cells[+s.getAttribute("data-col")].textContent;
          ok = cell.split(", ").indexOf(s.value) >= 0 || cell === s.value;
        });
        r.hidden = !ok; if (ok) shown++;
      });
      count.textContent = shown + " of " + rows.length + " rows";
    }
    text.addEventListener("input", apply);
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
      th.addEventListener("click", function () {
        var asc = !th.classList.contains("sorted-asc");
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (o) { o.classList.remove("sorted-asc", "sorted-desc"); });
        th.classList.add(asc ? "sorted-asc" : "sorted-desc");
        rows.sort(function (a, b) {
          var x = a.cells[i].getAttribute("data-sort") || a.cells[i].textContent;
          var y = b.cells[i].getAttribute("data-sort") || b.cells[i].textContent;
          var nx = parseFloat(x), ny = parseFloat(y);
          var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
          return asc ? c : -c;
        });
        rows.forEach(function (r) { tbody.appendChild(r); });
      });
    });
    apply();
  });
})();
"""

BASE = "https://w3id.org/mfkg/"


def _cell(table: ResultTable, term: Any, view: str) -> str:
    text = html.escape(table.display(term))
    if term is None:
        return "<td></td>"
    if term.kind == "uri" and term.value.startswith(BASE):
        target = f"{view}.html#focus={html.escape(node_id(term.value), quote=True)}"
        return f'<td><a href="{target}">{text}</a></td>'
    if term.kind == "uri" and term.value.startswith(("https://", "http://")):
        return f'<td><a href="{html.escape(term.value, quote=True)}" rel="noopener noreferrer">{text}</a></td>'
    sort = f' data-sort="{html.escape(term.value, quote=True)}"' if term.datatype and term.datatype.endswith(("integer", "decimal")) else ""
    return f"<td{sort}>{text}</td>"


def _table_html(table: ResultTable, view: str, filter_cols: tuple[str, ...], anchor: str) -> str:
    selects = []
    for col in filter_cols:
        if col not in table.variables:
            continue
        i = table.variables.index(col)
        values = sorted({v for row in table.display_rows() for v in (row[i].split(", ") if row[i] else [])})
        options = "".join(f'<option value="{html.escape(v, quote=True)}">{html.escape(v)}</option>' for v in values)
        selects.append(f'<label>{html.escape(col.replace("_", " "))} <select data-col="{i}"><option value="">any</option>'
                       f'{options}</select></label>')
    head = "".join(f"<th>{html.escape(v.replace('_', ' '))}</th>" for v in table.variables)
    body = "".join("<tr>" + "".join(_cell(table, t, view) for t in row) + "</tr>" for row in table.rows)
    return (f'<div class="filters"><input type="search" placeholder="filter rows…" aria-label="filter {anchor}">'
            f'{"".join(selects)}<span class="count"></span></div>'
            f'<table class="data" id="table-{anchor}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')


def write_index(store: Any, out: Path, views: list[str]) -> Path:
    cat = SavedQueries.load()
    parts = []
    nav = []
    for section, heading, query_name, view, filters in SECTIONS:
        q = cat.get(query_name)
        table = run_saved(store, q)
        anchor = query_name
        nav.append(f'<a href="#{anchor}">{html.escape(heading)}</a>')
        parts.append(f'<section id="{anchor}"><h2>{html.escape(section)} · {html.escape(heading)}</h2>'
                     f'<p>{html.escape(q.description)} <small>(saved query <code>{html.escape(q.name)}</code>)</small></p>'
                     + _table_html(table, view, filters, anchor) + "</section>")
    view_links = "".join(f'<a href="{html.escape(v)}.html">{html.escape(VIEWS[v].title)}</a>' for v in views)
    page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'\">"
            f"<title>mfkg — multimodal foundation models</title><style>{INDEX_CSS}</style></head><body>"
            f"<h1>Multimodal foundation models: the knowledge graph</h1>"
            f"<p>Every table below is the answer of a saved SPARQL query over the graph; every row links into the graph views.</p>"
            f'<p class="views"><strong>Graph views:</strong> {view_links}</p><nav>{"".join(nav)}</nav>'
            + "".join(parts) + f"<script>{INDEX_JS}</script></body></html>")
    path = out / "index.html"
    atomic_write(path, page.encode("utf-8"))
    return path


def write_view(pg: PropertyGraph, name: str, out: Path, *, site: bool = True) -> Path:
    v = VIEWS[name]
    sub = view_subgraph(pg, v.labels, v.edges, keep_isolated=v.labels[:1])
    return write_page(out, page_data(pg, sub, v.title, v.description, site=site, split_by=v.split_by))


def write_focus(pg: PropertyGraph, node: str, depth: int, out: Path) -> Path:
    if node not in pg.graph:
        raise KeyError(node)
    name = pg.graph.nodes[node].get("name", node)
    sub = focus_subgraph(pg, node, depth)
    return write_page(out, page_data(pg, sub, f"Around {name}", f"Everything within {depth} step(s) of {name}.", site=False))


def write_site(store: Any, out: Path) -> Path:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    pg = project(store_triples(store))
    views = list(VIEWS)
    for name in views:
        write_view(pg, name, out / f"{name}.html")
    return write_index(store, out, views)
