"""Leaderboard pages of the explorer: an index of benchmarks by task, and one page per benchmark with
its ranked results (sortable, filterable, each with who reported it and where) and a bar chart of the
best value per model for each metric. The chart is SVG written here, so the page needs no library."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mfkg.propgraph.projection import node_id
from mfkg.query.saved import SavedQueries, run_saved
from mfkg.query.terms import ResultTable
from mfkg.rdf.serialise import atomic_write
from mfkg.viz.tables import page_shell, table_html

CHART_CSS = """
figure { margin: 14px 0 22px; } figcaption { font-weight: 600; margin-bottom: 4px; }
svg.bars text { font: 12px system-ui, sans-serif; fill: #0f172a; } svg.bars rect.bar { fill: #2563eb; }
svg.bars rect.baseline { fill: #94a3b8; } svg.bars a:hover rect { fill: #1e3a8a; }
"""
MAX_BARS = 30


def page_name(benchmark_iri: str) -> str:
    """The file of a benchmark's page.

    >>> page_name("https://w3id.org/mfkg/benchmark/norman2019-combo")
    'benchmark-norman2019-combo.html'
    """
    return f"benchmark-{benchmark_iri.rsplit('/', 1)[-1]}.html"


def _best_per_model(table: ResultTable, metric: str) -> list[tuple[str, str, float, bool]]:
    """(model IRI, label, best value, is a baseline) in rank order; rows come best first per metric."""
    i_metric, i_model, i_value = (table.variables.index(v) for v in ("metric", "model", "value"))
    seen: dict[str, tuple[str, str, float, bool]] = {}
    for row in table.rows:
        if row[i_metric] is None or row[i_metric].value != metric or row[i_model] is None or row[i_value] is None:
            continue
        iri = row[i_model].value
        if iri not in seen:
            seen[iri] = (iri, table.display(row[i_model]), float(row[i_value].value), "/baseline/" in iri)
    return list(seen.values())


def bar_chart(title: str, bars: list[tuple[str, str, float, bool]], lower_is_better: bool) -> str:
    """Horizontal bars, best at the top, one per model (baselines grey), each linking to the model."""
    bars = bars[:MAX_BARS]
    if not bars:
        return ""
    width, label_w, row_h = 760, 240, 20
    values = [b[2] for b in bars]
    lo, hi = min(0.0, min(values)), max(values)
    span = (hi - lo) or 1.0
    parts = []
    for k, (iri, label, value, baseline) in enumerate(bars):
        y = k * row_h
        x0 = label_w + (0 - lo) / span * (width - label_w - 70)
        x1 = label_w + (value - lo) / span * (width - label_w - 70)
        left, w = min(x0, x1), max(abs(x1 - x0), 1.0)
        href = html.escape(f"graph.html#focus={node_id(iri)}", quote=True)
        parts.append(f'<a href="{href}"><text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{html.escape(label[:38])}</text>'
                     f'<rect class="{"baseline" if baseline else "bar"}" x="{left:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}">'
                     f'<title>{html.escape(label)}: {value:g}</title></rect>'
                     f'<text x="{left + w + 4:.1f}" y="{y + 14}">{value:g}</text></a>')
    note = "lower is better" if lower_is_better else "higher is better"
    height = len(bars) * row_h + 4
    return (f'<figure><figcaption>{html.escape(title)} <small>({note}; best value per model; baselines in grey)</small></figcaption>'
            f'<svg class="bars" role="img" aria-label="{html.escape(title, quote=True)}" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">{"".join(parts)}</svg></figure>')


def _directions(store: Any, benchmark_iri: str) -> dict[str, bool]:
    q = ("SELECT ?label ?dir ?b WHERE { ?b <https://w3id.org/mfkg/vocab/hasMetric> ?m . "
         "?m <http://www.w3.org/2000/01/rdf-schema#label> ?label ; <https://w3id.org/mfkg/vocab/direction> ?dir }")
    from mfkg.query.terms import Term

    table = store.select(q, {"b": Term.uri(benchmark_iri)}, inferred=False)
    return {row[0].value: row[1].value.endswith("/lower") for row in table.rows}


def write_benchmark_pages(store: Any, out: Path) -> list[Path]:
    saved = SavedQueries.load()
    index = run_saved(store, saved.get("benchmarks"))
    i_bench, i_task = index.variables.index("benchmark"), index.variables.index("task")
    written = []
    for row in index.rows:
        iri = row[i_bench].value
        name = index.display(row[i_bench])
        table = run_saved(store, saved.get("leaderboard"), {"benchmark": iri.rsplit("/", 1)[-1], "only_metric": "*",
                                                             "only_setting": "*"})
        directions = _directions(store, iri)
        metrics = list(dict.fromkeys(table.display(r[0]) for r in table.rows))
        charts = "".join(bar_chart(m, _best_per_model(table, m), directions.get(m, False)) for m in metrics)
        body = (f'<p><a href="index.html">mfkg</a> › <a href="benchmarks.html">benchmarks</a></p>'
                f"<h1>{html.escape(name)}</h1><p>Task: {html.escape(index.display(row[i_task]))}. "
                f"{len(table)} results. Every value links to its source; <em>reported by</em> says whether the model's "
                f"authors or an independent study reported it.</p>{charts}"
                + table_html(table, "graph", ("metric", "setting", "reported_by"), "results"))
        path = out / page_name(iri)
        atomic_write(path, page_shell(f"{name} — mfkg leaderboard", body, extra_css=CHART_CSS).encode("utf-8"))
        written.append(path)
    links = ResultTable(index.variables, index.rows, index.labels)
    body = ("<p><a href=\"index.html\">mfkg</a></p><h1>Benchmarks and leaderboards</h1>"
            "<p>Every benchmark in the graph, by task, with its metrics and how many results it holds; "
            "open one for its ranked results.</p>" + _index_table(links))
    path = out / "benchmarks.html"
    atomic_write(path, page_shell("Benchmarks — mfkg", body).encode("utf-8"))
    return [path, *written]


def _index_table(table: ResultTable) -> str:
    i_bench = table.variables.index("benchmark")
    head = "".join(f"<th>{html.escape(v.replace('_', ' '))}</th>" for v in table.variables)
    rows = []
    for row in table.rows:
        cells = []
        for i, term in enumerate(row):
            text = html.escape(table.display(term))
            if i == i_bench and term is not None:
                text = f'<a href="{html.escape(page_name(term.value), quote=True)}">{text}</a>'
            cells.append(f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="filters"><input type="search" placeholder="filter rows…" aria-label="filter benchmarks">'
            f'<span class="count"></span></div><table class="data" id="table-benchmarks"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")
