"""Sortable, filterable HTML tables of query results, and the page shell they sit in (offline, escaped)."""

from __future__ import annotations

import html
from typing import Any

from mfkg.propgraph.projection import node_id
from mfkg.query.terms import ResultTable

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


def cell(table: ResultTable, term: Any, view: str) -> str:
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


def table_html(table: ResultTable, view: str, filter_cols: tuple[str, ...], anchor: str) -> str:
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
    body = "".join("<tr>" + "".join(cell(table, t, view) for t in row) + "</tr>" for row in table.rows)
    return (f'<div class="filters"><input type="search" placeholder="filter rows…" aria-label="filter {anchor}">'
            f'{"".join(selects)}<span class="count"></span></div>'
            f'<table class="data" id="table-{anchor}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')


CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"


def page_shell(title: str, body: str, *, extra_css: str = "", extra_js: str = "") -> str:
    """A whole page: no external resource can load (the CSP forbids it); `body` is already escaped HTML,
    `extra_js` is the page's own script (never data: data goes in a non-executed JSON script element)."""
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f"<title>{html.escape(title)}</title><style>{INDEX_CSS}{extra_css}</style></head><body>"
            f"{body}<script>{INDEX_JS}{extra_js}</script></body></html>")
