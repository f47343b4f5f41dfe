"""The seed's page regenerated from the graph: `seed.html` in the seed's order (sections 01–09), and
one page per tool (layer math, tokenization, architectures, the matrix). Korean headings and
keywords are the seed's own words; every entity links to its panel in the explorer and every
figure of the seed to its checked claim."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mfkg.propgraph.projection import PropertyGraph
from mfkg.query.saved import SavedQueries, run_saved
from mfkg.rdf.serialise import atomic_write
from mfkg.viz.lang import LANG_CSS, LANG_JS, LANG_SWITCH, bi
from mfkg.viz.matrix import MATRIX_CSS, MATRIX_JS, matrix_section
from mfkg.viz.seed_data import SeedGraph
from mfkg.viz.seed_sections import (
    CHOOSER_JS,
    SECTIONS_CSS,
    layer_math_section,
    limits_section,
    patterns_section,
    task_split_section,
    trends_section,
)
from mfkg.viz.tables import page_shell, table_html
from mfkg.viz.tokens_page import TOKENS_CSS, tokenization_section

# the seed's sections, in its order, and the tool page each has of its own; headings come from the graph
SECTION_NUMBERS = tuple(range(1, 10))
SECTION_TOOLS = {1: "layer-math", 2: "tokenization", 4: "architectures", 7: "matrix"}
SECTIONS_QUERY = """
PREFIX mfkg: <https://w3id.org/mfkg/vocab/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?number ?label ?label_ko ?keywords WHERE {
  ?s a mfkg:SeedSection ; mfkg:seedSection ?number ; rdfs:label ?label . FILTER(LANG(?label) = "en")
  OPTIONAL { ?s rdfs:label ?label_ko . FILTER(LANG(?label_ko) = "ko") }
  OPTIONAL { ?s skos:note ?keywords }
}"""
TITLE = ("Multimodal Foundation Model Methodology", "여러 modality를 한 모델로 묶으면 무엇이 가능해지는가")
PAGE_CSS = LANG_CSS + SECTIONS_CSS + TOKENS_CSS + MATRIX_CSS + """
header.seedhead { padding-right: 160px; } section.seed { scroll-margin-top: 10px; }
section.seed > h2 small { display: block; font-size: 13px; color: #64748b; font-weight: normal; }
.toolpage { font-size: 13px; } .usedby { font-size: 12px; color: #334155; }
"""
PAGE_JS = LANG_JS + CHOOSER_JS + MATRIX_JS
# tool pages: (file stem, seed section, title)
TOOL_PAGES = (("layer-math", 1, "Layer math, typeset"), ("tokenization", 2, "Tokenization, shown"),
              ("architectures", 4, "Architecture patterns and their diagrams"), ("matrix", 7, "The matrix as a tool"))


def _saved_table(store: Any, name: str, filters: tuple[str, ...]) -> str:
    q = SavedQueries.load().get(name)
    return (f"<p>{html.escape(q.description)} <small>(saved query <code>{html.escape(name)}</code>)</small></p>"
            + table_html(run_saved(store, q), "graph", filters, f"seed-{name}"))


def section_bodies(sg: SeedGraph, store: Any, *, full: bool) -> dict[int, Callable[[], str]]:
    return {
        1: lambda: layer_math_section(sg, everything=full),
        2: lambda: tokenization_section(sg, everything=full),
        3: lambda: task_split_section(sg),
        4: lambda: patterns_section(sg, everything=full),
        5: lambda: trends_section(sg),
        6: lambda: _saved_table(store, "catalog", ("family", "anchor", "modalities", "patterns")),
        7: lambda: matrix_section(sg),
        8: lambda: limits_section(sg),
        9: lambda: _saved_table(store, "paper-catalog", ("type", "year")),
    }


def section_headings(store: Any) -> dict[int, tuple[str, str | None, str]]:
    """Section number -> (English heading, the seed's heading, the seed's keywords), from the graph."""
    out: dict[int, tuple[str, str | None, str]] = {}
    for number, label, label_ko, keywords in store.select(SECTIONS_QUERY).rows:
        out[int(number.value)] = (label.value, label_ko.value if label_ko else None, keywords.value if keywords else "")
    return out


def _heading(headings: dict[int, tuple[str, str | None, str]], number: int) -> tuple[str, str | None, str]:
    return headings.get(number, (f"Section {number:02d}", None, ""))


def _section(sg: SeedGraph, number: int, body: str, *, tool_link: bool, headings: dict[int, tuple[str, str | None, str]]) -> str:
    en, ko, keywords = _heading(headings, number)
    tool = SECTION_TOOLS.get(number, "")
    # figures already shown inline (or given to the matrix's script) are those whose id is in the body
    rest = [c for c in sg.claims_for(number) if f'{c}"' not in body]
    more = f' <a class="toolpage" href="{tool}.html">open as its own page →</a>' if tool and tool_link else ""
    return (f'<section class="seed" id="section-{number:02d}" data-section="{number:02d}">'
            f"<h2>section {number:02d} · {bi(en, ko)}<small>{html.escape(keywords)}</small></h2>{more}{body}"
            + sg.claims_html(rest, "The seed's figures in this section, checked") + "</section>")


def _shell(title: str, heading: str, body: str) -> str:
    nav = ('<p><a href="index.html">mfkg index</a> · <a href="seed.html">the seed page</a> · '
           + " · ".join(f'<a href="{stem}.html">{html.escape(t)}</a>' for stem, _, t in TOOL_PAGES) + "</p>")
    return page_shell(title, f'{LANG_SWITCH}<header class="seedhead">{nav}{heading}</header>{body}',
                      extra_css=PAGE_CSS, extra_js=PAGE_JS)


def seed_page(sg: SeedGraph, store: Any) -> str:
    bodies = section_bodies(sg, store, full=False)
    headings = section_headings(store)
    nav = "<nav>" + "".join(f'<a href="#section-{n:02d}">{n:02d} {bi(*_heading(headings, n)[:2])}</a>' for n in SECTION_NUMBERS) + "</nav>"
    heading = (f"<h1>{bi(*TITLE)}</h1><p>{bi('Regenerated from the knowledge graph: every entry links to its entity, every figure of the seed to its checked claim.', None)}</p>"
               + nav)
    return _shell("mfkg — the seed's page, from the graph", heading,
                  "".join(_section(sg, n, bodies[n](), tool_link=True, headings=headings) for n in SECTION_NUMBERS))


def tool_page(sg: SeedGraph, store: Any, number: int, title: str) -> str:
    body = section_bodies(sg, store, full=True)[number]()
    return _shell(f"mfkg — {title}", f"<h1>{html.escape(title)}</h1>",
                  _section(sg, number, body, tool_link=False, headings=section_headings(store)))


def write_seed_pages(pg: PropertyGraph, store: Any, out: Path) -> list[Path]:
    sg = SeedGraph(pg)
    written = []
    for stem, number, title in TOOL_PAGES:
        path = out / f"{stem}.html"
        atomic_write(path, tool_page(sg, store, number, title).encode("utf-8"))
        written.append(path)
    path = out / "seed.html"
    atomic_write(path, seed_page(sg, store).encode("utf-8"))
    return [path, *written]
