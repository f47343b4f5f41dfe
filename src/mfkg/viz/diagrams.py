"""Architecture diagrams drawn from a pattern's components in the graph, as inline SVG.

Rows top to bottom: the modalities, their encoders, the fusion point, the latent, the decoders;
the losses and how a missing modality is handled sit beside them. A component written "one …
per modality" is drawn once per modality; "none" is drawn dashed. The input lanes name real
modalities, the example pair most models of the pattern read (`pattern_inputs`), with a note that
says so. Every text is escaped; the drawing needs no program at run time.
"""

from __future__ import annotations

import html
import re
import textwrap
from typing import Any

from mfkg.viz.pattern_inputs import PatternInputs, single_modality

WIDTH = 760
MAIN_W = 470          # the flow column; notes go to its right
NOTE_X = MAIN_W + 30
LINE_H = 15
PAD = 8
GAP = 26
TITLE_CHAR_W = 7.4   # width of one upper-case heading character at 11px, as drawn
COLOURS = {"input": ("#ecfdf5", "#16a34a"), "encoders": ("#eff6ff", "#2563eb"), "fusion_point": ("#fef2f2", "#dc2626"),
           "latent": ("#faf5ff", "#9333ea"), "decoders": ("#fffbeb", "#ca8a04"), "note": ("#f8fafc", "#64748b")}
TITLES = {"input": "modality", "inputs": "inputs drawn", "encoders": "encoders", "fusion_point": "fusion point", "latent": "latent",
          "decoders": "decoders", "losses": "losses", "missing": "missing modality"}
_PER_MODALITY = re.compile(r"\b(per[- ]modality|one [^,;]*\bper modality|each modality|per modality)\b", re.I)


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value or "")


def _none(text: str) -> bool:
    return text.strip().lower().startswith(("none", "not applicable"))


def _lines(text: str, width_px: float) -> list[str]:
    return textwrap.wrap(text, max(12, int(width_px / 6.6))) or [""]


def _box(x: float, y: float, w: float, kind: str, text: str, *, dashed: bool = False, title: str | None = None,
         extra: str = "") -> tuple[str, float]:
    fill, stroke = COLOURS.get(kind, COLOURS["note"])
    lines = _lines(text, w - 2 * PAD)
    h = PAD * 2 + LINE_H * (len(lines) + 1)
    dash = ' stroke-dasharray="5 4"' if dashed else ""
    heading = title or TITLES[kind]
    room = w - 2 * PAD   # a long heading (a modality's name) is squeezed to the box rather than cut
    fit = f' textLength="{room:.0f}" lengthAdjust="spacingAndGlyphs"' if len(heading) * TITLE_CHAR_W > room else ""
    spans = "".join(f'<tspan x="{x + PAD:.0f}" dy="{LINE_H}">{html.escape(line)}</tspan>' for line in lines)
    svg = (f'<g class="component" data-component="{html.escape(kind, quote=True)}"{extra}>'
           f'<rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" rx="8" fill="{fill}" stroke="{stroke}"{dash}/>'
           f'<text x="{x + PAD:.0f}" y="{y + PAD + 11:.0f}" class="ctitle" fill="{stroke}"{fit}>{html.escape(heading)}</text>'
           f'<text x="{x + PAD:.0f}" y="{y + PAD + 13:.0f}">{spans}</text></g>')
    return svg, h


def _row(y: float, kind: str, text: str | list[str], lanes: int, labels: list[str] | None = None,
         extras: list[str] | None = None) -> tuple[str, float, list[float]]:
    """One row of `lanes` boxes across the flow column; returns its SVG, height and box centres."""
    gap = 16
    w = (MAIN_W - gap * (lanes - 1)) / lanes
    parts, height, centres = [], 0.0, []
    for i in range(lanes):
        x = i * (w + gap)
        title = (labels[i] if kind == "input" else f"{TITLES[kind]} {labels[i]}") if labels else None
        lane_text = text[i] if isinstance(text, list) else text
        svg, h = _box(x, y, w, kind, lane_text, dashed=_none(lane_text), title=title, extra=extras[i] if extras else "")
        parts.append(svg)
        height = max(height, h)
        centres.append(x + w / 2)
    return "".join(parts), height, centres


def _arrows(y0: float, y1: float, xs_from: list[float], xs_to: list[float], head: str) -> str:
    out = []
    for xa in xs_from:
        for xb in xs_to:
            if len(xs_from) > 1 and len(xs_to) > 1 and xa != xb:
                continue   # parallel lanes stay parallel
            out.append(f'<line x1="{xa:.0f}" y1="{y0:.0f}" x2="{xb:.0f}" y2="{y1 - 2:.0f}" class="arrow" marker-end="url(#{head})"/>')
    return "".join(out)


def _input_row(inputs: PatternInputs | None, lanes_in: int) -> tuple[list[str], list[str], list[str], list[str]]:
    """Lane names, titles, texts and extra attributes of the input row: real modalities when the graph has them."""
    if inputs is None or not inputs.from_data:
        names = ["one modality"] if lanes_in == 1 else ["A", "B"]
        return names, [f"modality {n}" for n in names], ["data of this modality"] * lanes_in, [""] * lanes_in
    titles = [f"input: {n}" for n in inputs.lanes]
    texts = [f"an example: read by {c} of the {inputs.total} models of this pattern" for c in inputs.lane_counts]
    extras = [f' data-modality="{html.escape(i, quote=True)}"' for i in inputs.lane_ids]
    return list(inputs.lanes), titles, texts, extras


def pattern_svg(pattern_id: str, attrs: dict[str, Any], inputs: PatternInputs | None = None) -> str:
    """The diagram of one pattern from its graph properties (encoders, fusion_point, latent, decoders,
    losses, missing_modality_handling, fusion_stage); `inputs` names the input lanes (placeholders without)."""
    head = "head-" + re.sub(r"[^a-z0-9-]", "", pattern_id.lower())
    fusion = _text(attrs.get("fusion_stage"))
    unimodal = single_modality(attrs)
    encoders, decoders = _text(attrs.get("encoders")), _text(attrs.get("decoders"))
    lanes_in = len(inputs.lanes) if inputs is not None and inputs.from_data else (1 if unimodal else 2)
    names, titles, texts, extras = _input_row(inputs, lanes_in)
    enc_lanes = lanes_in if _PER_MODALITY.search(encoders) else 1
    dec_lanes = lanes_in if (not unimodal and _PER_MODALITY.search(decoders) and not _none(decoders)) else 1
    parts: list[str] = []
    y = 0.0
    svg, h, xs = _row(y, "input", texts, lanes_in, titles, extras)
    parts.append(svg)
    rows = (("encoders", encoders, enc_lanes), ("fusion_point", f"{_text(attrs.get('fusion_point'))} [{fusion}]", 1),
            ("latent", _text(attrs.get("latent")), 1), ("decoders", decoders, dec_lanes))
    for kind, text, lanes in rows:
        top = y + h + GAP
        svg, h2, xs2 = _row(top, kind, text, lanes, names[:lanes] if lanes > 1 else None)
        parts.append(_arrows(y + h, top, xs, xs2, head))
        parts.append(svg)
        y, h, xs = top, h2, xs2
    flow_h = y + h
    note_w = WIDTH - NOTE_X
    loss_svg, lh = _box(NOTE_X, 0, note_w, "note", _text(attrs.get("losses")), title=TITLES["losses"])
    miss = _text(attrs.get("missing_modality_handling"))
    tolerant = attrs.get("handles_missing_modality")
    miss_title = TITLES["missing"] + (": handled" if tolerant is True else ": not handled" if tolerant is False else "")
    miss_svg, mh = _box(NOTE_X, lh + GAP, note_w, "note", miss, dashed=tolerant is False, title=miss_title)
    notes_h = lh + GAP + mh
    if inputs is not None:
        inputs_svg, ih = _box(NOTE_X, notes_h + GAP, note_w, "note", inputs.note(), title=TITLES["inputs"],
                              extra=' data-role="inputs-note"')
        miss_svg += inputs_svg
        notes_h += GAP + ih
    height = max(flow_h, notes_h) + 4
    label = html.escape(f"Architecture of pattern {attrs.get('name', pattern_id)}", quote=True)
    return (f'<svg class="pattern-diagram" data-pattern="{html.escape(pattern_id, quote=True)}" role="img" aria-label="{label}" '
            f'viewBox="-2 -2 {WIDTH + 4} {height + 4:.0f}" width="{WIDTH}" height="{height + 4:.0f}" font-size="12" '
            f'font-family="system-ui, sans-serif">'
            f'<defs><marker id="{head}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
            '<path d="M0,0 L10,5 L0,10 z" fill="#475569"/></marker></defs>'
            '<style>.arrow{stroke:#475569;stroke-width:1.5}.ctitle{font-weight:600;font-size:11px;text-transform:uppercase}</style>'
            + "".join(parts) + loss_svg + miss_svg + "</svg>")
