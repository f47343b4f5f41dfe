"""The seed's sections drawn from the graph: §01 layer math (MathML), §03 the two-column task split,
§04 the pattern chooser with diagrams, §05 trends, §08 limits. §02 is `tokens_page`, §07 `matrix`;
§06 and §09 are saved-query tables (`seedpage`)."""

from __future__ import annotations

import html

from mfkg.validation.latex import LatexError, latex_to_mathml
from mfkg.viz.diagrams import pattern_svg
from mfkg.viz.pattern_inputs import pattern_inputs
from mfkg.viz.seed_data import SeedGraph

SECTIONS_CSS = """
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 12px; }
.card { border: 1px solid #e2e8f0; border-radius: 10px; padding: 8px 14px; }
.card h3 { margin: 4px 0; font-size: 15px; }
.cards.layers { grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); }
figure.equation { margin: 8px 0; } .mathwrap { overflow-x: auto; padding: 4px 0; } .mathwrap math { font-size: 16px; }
figure.equation figcaption { font-size: 12px; color: #475569; } details.latex code { font-size: 12px; overflow-wrap: anywhere; }
.twocol { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; } .twocol ul { padding-left: 18px; }
.chooser { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0; }
.chooser button { border: 1px solid #dc2626; background: #fff; color: #991b1b; border-radius: 16px; padding: 4px 10px; cursor: pointer; font: inherit; }
.chooser button[aria-pressed=true] { background: #dc2626; color: #fff; }
.patternpanel { display: grid; grid-template-columns: minmax(0, 740px) minmax(260px, 1fr); gap: 16px; }
.patternpanel[hidden] { display: none; } svg.pattern-diagram { max-width: 100%; height: auto; }
.verdict { color: #fff; border-radius: 8px; padding: 0 6px; font-size: 11px; } details.claims { margin: 8px 0; font-size: 13px; } details.note { display: inline; } details.note summary { display: inline; cursor: pointer; color: #64748b; font-size: 11px; }
"""

CHOOSER_JS = r"""
(function () {
  "use strict";
  document.querySelectorAll(".chooser").forEach(function (bar) {
    var buttons = bar.querySelectorAll("button[data-show]");
    function show(id) {
      buttons.forEach(function (b) {
        var on = b.getAttribute("data-show") === id;
        b.setAttribute("aria-pressed", on ? "true" : "false");
        var panel = document.getElementById(b.getAttribute("data-show"));
        if (panel) panel.hidden = !on;
      });
    }
    buttons.forEach(function (b) { b.addEventListener("click", function () { show(b.getAttribute("data-show")); }); });
    var want = location.hash.replace(/^#/, "").split("&")[0];
    var first = buttons.length ? buttons[0].getAttribute("data-show") : null;
    show(document.getElementById(want) && bar.querySelector("[data-show='" + want.replace(/'/g, "") + "']") ? want : first);
  });
})();
"""


def equation_html(name: str, latex: str) -> str:
    """Typeset MathML with the LaTeX source one click away (a literal that does not render shows its source)."""
    try:
        math = latex_to_mathml(latex)
    except LatexError as exc:
        math = f'<code class="latex-error">{html.escape(latex)}</code> <small>({html.escape(str(exc))})</small>'
    return (f'<figure class="equation"><div class="mathwrap">{math}</div><figcaption>{html.escape(name)} '
            f'<details class="latex"><summary>LaTeX</summary><code>{html.escape(latex)}</code></details></figcaption></figure>')


def layer_math_section(sg: SeedGraph, *, everything: bool = True) -> str:
    layers = sg.by_name(sg.nodes("LayerType"))
    seed = [n for n in layers if sg.attrs(n).get("seed_section") == 1]
    rest = [n for n in layers if n not in seed]

    def card(n: str) -> str:
        eqs = sorted(sg.out(n, "HAS_EQUATION"))
        models = sg.into(n, "HAS_LAYER_TYPE")
        return (f'<article class="card layer" id="layer-{html.escape(n.split("/", 1)[1], quote=True)}">'
                f"<h3>{sg.link(n)}</h3>{sg.description(n)}"
                + "".join(equation_html(str(sg.attrs(e).get("name", "")), str(sg.attrs(e).get("latex", ""))) for e in eqs)
                + f'<p class="usedby">{len(models)} model(s): {sg.links(models, limit=12)}</p></article>')

    techniques = [t for t in sg.nodes("Technique") if sg.attrs(t).get("seed_section") == 1]
    tech = "".join(f'<article class="card"><h3>{sg.link(t)}</h3>{sg.description(t)}'
                   f"<p>Used by: {sg.links(sg.into(t, 'USES_TECHNIQUE'))}</p></article>" for t in sg.by_name(techniques))
    out = f'<div class="cards layers">{"".join(card(n) for n in seed)}</div><h3>Techniques the seed names</h3><div class="cards">{tech}</div>'
    if everything and rest:
        out += f'<h3>More layer math in the graph</h3><div class="cards layers">{"".join(card(n) for n in rest)}</div>'
    return out


def task_split_section(sg: SeedGraph) -> str:
    cols = {"single-modal-sufficient": [], "multimodal-required": []}
    for t in sg.nodes("Task"):
        col = sg.attrs(t).get("seed_column")
        if col in cols:
            cols[col].append(t)

    def item(t: str) -> str:
        inline = sg.claims_quoting(3, t)
        return (f'<li data-task="{html.escape(t, quote=True)}"><strong>{sg.link(t, "tasks")}</strong> — {sg.description(t, "span")}'
                f'<br><small>{sg.links(sg.into(t, "ADDRESSES_TASK"), limit=8)}</small>{sg.claims_html(inline, "checked")}</li>')

    heads = {"single-modal-sufficient": ("Single modality is enough", "single-modal로 충분"),
             "multimodal-required": ("Multimodal is required — undefined without paired data", "multimodal이 필수")}
    from mfkg.viz.lang import bi

    return '<div class="twocol">' + "".join(
        f'<div class="column" data-column="{col}"><h3>{bi(*heads[col])}</h3><ul>'
        + "".join(item(t) for t in sg.by_name(ts)) + "</ul></div>" for col, ts in cols.items()) + "</div>"


def pattern_panel(sg: SeedGraph, p: str) -> str:
    a = sg.attrs(p)
    pid = p.split("/", 1)[1]
    comps = "".join(f"<dt>{html.escape(k.replace('_', ' '))}</dt><dd>{html.escape('; '.join(a[k]) if isinstance(a.get(k), list) else str(a.get(k, '')))}</dd>"
                    for k in ("encoders", "fusion_point", "latent", "decoders", "losses", "missing_modality_handling") if a.get(k))
    limits = sg.into(p, "AFFECTS_PATTERN")
    claims = sg.claims_for(4, {p}) + sg.claims_for(8, {p})
    return (f'<section class="patternpanel" id="pattern-{html.escape(pid, quote=True)}" data-pattern="{html.escape(pid, quote=True)}">'
            f"<div>{pattern_svg(pid, a, pattern_inputs(sg, p))}</div><div><h3>{sg.link(p, 'patterns')}</h3>"
            f"<p><small>{html.escape(str(a.get('fusion_stage', '')))}</small></p>{sg.description(p)}<dl>{comps}</dl>"
            f"<p><strong>Exemplars:</strong> {sg.links(sg.into(p, 'FOLLOWS_PATTERN'), limit=16) or '—'}</p>"
            f"<p><strong>Limits:</strong> {sg.links(limits, 'limits') or '—'}</p>{sg.claims_html(claims)}</div></section>")


def patterns_section(sg: SeedGraph, *, everything: bool = False) -> str:
    pats = sg.nodes("ArchitecturePattern")
    seed = sorted((p for p in pats if sg.attrs(p).get("seed_number")), key=lambda p: sg.attrs(p)["seed_number"])
    shown = seed + (sg.by_name([p for p in pats if p not in seed]) if everything else [])
    buttons = "".join(
        f'<button type="button" data-show="pattern-{html.escape(p.split("/", 1)[1], quote=True)}">'
        f'{("pattern " + format(sg.attrs(p)["seed_number"], "02") + " · ") if sg.attrs(p).get("seed_number") else ""}{sg.label(p)}</button>'
        for p in shown)
    return (f'<div class="chooser" role="toolbar" aria-label="patterns">{buttons}</div>'
            + "".join(pattern_panel(sg, p) for p in shown))


def trends_section(sg: SeedGraph) -> str:
    return '<div class="cards">' + "".join(
        f'<article class="card"><h3>{sg.link(t)}</h3><p><small>{html.escape(str(sg.attrs(t).get("period", "")))}</small></p>'
        f"{sg.description(t)}<p>Exemplified by: {sg.links(sg.out(t, 'EXEMPLIFIED_BY'))}</p></article>"
        for t in sg.by_name(sg.nodes("Trend"))) + "</div>"


def limits_section(sg: SeedGraph) -> str:
    items = sg.nodes("Limitation") + sg.nodes("OpenDirection")
    items.sort(key=lambda n: (sg.attrs(n).get("label") == "OpenDirection", sg.attrs(n).get("seed_number") or 99, sg.name(n)))
    cards = []
    for n in items:
        num = sg.attrs(n).get("seed_number")
        tag = f"limit {num:02d}" if num else ("open direction" if sg.attrs(n).get("label") == "OpenDirection" else "limit")
        mitigations = "".join(f"<li>{html.escape(str(sg.attrs(m).get('technique', '')))}: {sg.links(sg.out(m, 'VIA_ENTITY'))}</li>"
                              for m in sg.out(n, "HAS_MITIGATION"))
        pats = ", ".join(f'<a href="architectures.html#pattern-{html.escape(p.split("/", 1)[1], quote=True)}">{sg.label(p)}</a>'
                         for p in sg.by_name(sg.out(n, "AFFECTS_PATTERN")))
        cards.append(f'<article class="card limit" id="{html.escape(n.replace("/", "-"), quote=True)}"><p><small>{tag}</small></p>'
                     f"<h3>{sg.link(n, 'limits')}</h3>{sg.description(n)}"
                     + (f"<p><strong>Patterns affected:</strong> {pats}</p>" if pats else "")
                     + (f"<strong>Mitigations</strong><ul>{mitigations}</ul>" if mitigations else "")
                     + sg.claims_html(sg.claims_for(8, {n})) + "</article>")
    return f'<div class="cards">{"".join(cards)}</div>'
