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

# (number, English heading, the seed's heading, the seed's keywords, tool page of the section or "")
SEED_SECTIONS: tuple[tuple[int, str, str, str, str], ...] = (
    (1, "Layer math — Transformer · VAE · Discrete Diffusion", "Layer math — Transformer · VAE · Discrete Diffusion",
     "attention · ELBO · absorbing kernel", "layer-math"),
    (2, "Tokenization strategies — the same cell, different vocabularies", "토큰화 전략 — 같은 셀, 다른 어휘",
     "rank · bin · projection · text · epigenome · perturbation", "tokenization"),
    (3, "Is a single modality enough, or is multimodal required?", "single-modal로 가능한가, multimodal이 필수인가",
     "cell type · translation · cis-regulation · zero-shot", ""),
    (4, "Architecture patterns — how to bind modalities", "아키텍처 패턴 — 어떻게 modality를 묶을 것인가",
     "fusion · alignment · diffusion · graph", "architectures"),
    (5, "Recent trends", "최신 트렌드", "scaling laws · token unification · perturbation atlases · geometric DL", ""),
    (6, "Model catalogue — multimodal foundation models", "모델 카탈로그 — 멀티모달 파운데이션 모델",
     "single-cell · protein · DNA · spatial · multimodal-anchor", ""),
    (7, "Patterns by goal — what to choose for what", "목적별 패턴 추천 — 무엇을 하려면 무엇을 골라야 하는가",
     "goal → pattern → why", "matrix"),
    (8, "Limits and the future — the road to the AIVC", "한계와 미래 — AIVC를 향한 길",
     "paired data · batch effects · scalability · interpretability", ""),
    (9, "Key papers — the sources gathered in the wiki", "핵심 논문 카탈로그 — wiki에 정리된 자료들",
     "overviews · single-cell FM · protein FM · genomic FM · spatial", ""),
)
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


def _section(sg: SeedGraph, number: int, body: str, *, tool_link: bool) -> str:
    _, en, ko, keywords, tool = next(s for s in SEED_SECTIONS if s[0] == number)
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
    nav = "<nav>" + "".join(f'<a href="#section-{n:02d}">{n:02d} {bi(en, ko)}</a>' for n, en, ko, _, _ in SEED_SECTIONS) + "</nav>"
    heading = (f"<h1>{bi(*TITLE)}</h1><p>{bi('Regenerated from the knowledge graph: every entry links to its entity, every figure of the seed to its checked claim.', None)}</p>"
               + nav)
    return _shell("mfkg — the seed's page, from the graph", heading,
                  "".join(_section(sg, n, bodies[n](), tool_link=True) for n, *_ in SEED_SECTIONS))


def tool_page(sg: SeedGraph, store: Any, number: int, title: str) -> str:
    body = section_bodies(sg, store, full=True)[number]()
    return _shell(f"mfkg — {title}", f"<h1>{html.escape(title)}</h1>", _section(sg, number, body, tool_link=False))


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
