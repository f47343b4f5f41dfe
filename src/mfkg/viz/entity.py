"""One HTML page per entity, from its description (`mfkg.query.describe`): label, kinds,
description, every statement grouped by relation with links, claims with their quote and source,
what was looked for and not found, statements that point here, a small neighbourhood graph (static
SVG), schema.org JSON-LD for search engines, and a link that opens a ready query in the workbench.

The same function renders the static site's pages and the server's; only the links differ. Every
text is escaped (html.escape for markup, \\u-escapes inside the JSON-LD script element).
"""

from __future__ import annotations

import html
import json
import math
import urllib.parse
from collections.abc import Callable
from typing import Any

from mfkg.query.describe import LABEL, RDF_TYPE, VOCAB, Description

DESCRIPTION = VOCAB + "description"
SHOWN_ELSEWHERE = {RDF_TYPE, LABEL, DESCRIPTION, VOCAB + "hasClaim", VOCAB + "hasNotFoundStatement"}
SCHEMA_TYPES = {"Model": "SoftwareApplication", "ModelVariant": "SoftwareApplication", "Publication": "ScholarlyArticle",
                "Dataset": "Dataset", "Benchmark": "Dataset"}
CSS = """body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:0 auto;padding:12px 18px;color:#0f172a}
a{color:#1d4ed8}h1{margin:.2em 0}.kinds{color:#475569}.iri{font:12px monospace;color:#64748b}
dl.st{display:grid;grid-template-columns:220px 1fr;gap:4px 14px}dt{font-weight:600;color:#334155}dd{margin:0}
dd ul{margin:0;padding-left:1.1em}.claim{border-left:3px solid #cbd5e1;padding:2px 10px;margin:8px 0}
blockquote{margin:4px 0;color:#334155;font-style:italic}.muted{color:#64748b;font-size:13px}
svg text{font:11px system-ui,sans-serif;fill:#0f172a}nav a{margin-right:12px}"""


def local_name(iri: str) -> str:
    return iri.rstrip("/#").replace("#", "/").rsplit("/", 1)[-1]


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def json_for_script(data: Any) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' survive as themselves."""
    return (json.dumps(data, ensure_ascii=False, sort_keys=True)
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class Links:
    """Where links point: `page(iri)` for an entity page (or None), `workbench(query)` for a ready query."""

    def __init__(self, page: Callable[[str], str | None], workbench: Callable[[str], str], home: str):
        self.page, self.workbench, self.home = page, workbench, home


def _term_html(term: Any, d: Description, links: Links) -> str:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        label = d.labels.get(term.value) or local_name(term.value)
        href = links.page(term.value)
        if href is None and term.value.startswith(("http://", "https://")) and not term.value.startswith(VOCAB[:-6]):
            href = term.value
        return f'<a href="{_esc(href)}">{_esc(label)}</a>' if href else _esc(label)
    if isinstance(term, ox.Literal):
        lang = f' <span class="muted">@{_esc(term.language)}</span>' if term.language and term.language != "en" else ""
        return _esc(term.value) + lang
    if isinstance(term, ox.BlankNode):   # a class expression or list: in words, never its store identifier
        from mfkg.viz.expressions import render

        return render(term, d, lambda x: _term_html(x, d, links))
    return _esc(str(term))


def _relation(predicate: str, d: Description) -> str:
    return d.labels.get(predicate) or local_name(predicate)


def _statements(triples: list[Any], d: Description, links: Links, skip: set[str]) -> str:
    groups: dict[str, list[Any]] = {}
    for t in triples:
        if t.predicate.value not in skip:
            groups.setdefault(t.predicate.value, []).append(t.object)
    rows = []
    for pred in sorted(groups, key=lambda p: (_relation(p, d).lower(), p)):   # ties: by IRI, whatever the input order
        objs = sorted(groups[pred], key=lambda o: (d.labels.get(getattr(o, "value", "")) or str(getattr(o, "value", o)),
                                                   str(o)))
        items = [_term_html(o, d, links) + _part_summary(o, d, links) for o in objs]
        body = items[0] if len(items) == 1 else "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
        rows.append(f"<dt>{_esc(_relation(pred, d))}</dt><dd>{body}</dd>")
    return f'<dl class="st">{"".join(rows)}</dl>' if rows else '<p class="muted">none</p>'


def _part_summary(term: Any, d: Description, links: Links) -> str:
    """A part minted below the entity (usage, licence, variant, lineage…): its own statements inline."""
    value = getattr(term, "value", None)
    if value not in d.parts:
        return ""
    bits = []
    for t in d.parts[value]:
        if t.predicate.value in (RDF_TYPE, LABEL, VOCAB + "identifier", VOCAB + "sourceFile"):
            continue
        bits.append(f"{_esc(_relation(t.predicate.value, d))}: {_term_html(t.object, d, links)}")
    return f' <span class="muted">({"; ".join(bits)})</span>' if bits else ""


def _source_href(iri: str, d: Description, links: Links) -> str | None:
    for t in d.sources.get(iri, []):
        if t.predicate.value in (VOCAB + "doiIri", VOCAB + "landingPage"):
            return str(t.object.value)
        if t.predicate.value == VOCAB + "arxivId":
            return f"https://arxiv.org/abs/{t.object.value}"
    return links.page(iri)


def _claims(d: Description, links: Links) -> str:
    out = []
    for t in d.triples:
        if t.predicate.value != VOCAB + "hasClaim" or t.object.value not in d.parts:
            continue
        part = {x.predicate.value: x.object for x in d.parts[t.object.value]}
        prop = part.get(VOCAB + "claimProperty")
        value = part.get(VOCAB + "claimValue")
        head = " = ".join(_term_html(x, d, links) for x in (prop, value) if x is not None) or _esc(local_name(t.object.value))
        quote = part.get(VOCAB + "quote")
        src = part.get(VOCAB + "claimSource")
        src_html = ""
        if src is not None:
            href = _source_href(src.value, d, links)
            label = _esc(d.labels.get(src.value) or local_name(src.value))
            src_html = f'source: <a href="{_esc(href)}">{label}</a>' if href else f"source: {label}"
        loc = part.get(VOCAB + "locator")
        out.append(f'<div class="claim"><div>{head}</div>'
                   + (f"<blockquote>“{_esc(quote.value)}”</blockquote>" if quote is not None else "")
                   + f'<div class="muted">{src_html}{" · " + _esc(loc.value) if loc is not None else ""}</div></div>')
    return "".join(out) or '<p class="muted">none</p>'


def _not_found(d: Description, links: Links) -> str:
    rows = []
    for t in d.triples:
        if t.predicate.value == VOCAB + "hasNotFoundStatement" and t.object.value in d.parts:
            part = {x.predicate.value: x.object for x in d.parts[t.object.value]}
            what = part.get(VOCAB + "soughtProperty")
            where = part.get(VOCAB + "searched")
            note = part.get("http://www.w3.org/2004/02/skos/core#note")
            rows.append(f"<li><strong>{_esc(what.value if what is not None else '?')}</strong>"
                        + (f" — looked in: {_esc(where.value)}" if where is not None else "")
                        + (f'<div class="muted">{_esc(note.value)}</div>' if note is not None else "") + "</li>")
    return f"<ul>{''.join(rows)}</ul>" if rows else '<p class="muted">none</p>'


def neighbourhood_svg(d: Description, links: Links, limit: int = 24) -> str:
    """The entity in the middle, its linked entities on a circle; labels placed outward so they do not overlap."""
    import pyoxigraph as ox

    seen: dict[str, str] = {}
    for t in d.triples:
        if isinstance(t.object, ox.NamedNode) and t.predicate.value != RDF_TYPE and links.page(t.object.value):
            seen.setdefault(t.object.value, _relation(t.predicate.value, d))
    for t in d.inbound:
        if links.page(t.subject.value):
            seen.setdefault(t.subject.value, "← " + _relation(t.predicate.value, d))
    nodes = sorted(seen.items())[:limit]
    if not nodes:
        return ""
    w, h, r = 760, 420, 160
    cx, cy = w / 2, h / 2
    parts = [f'<svg viewBox="0 0 {w} {h}" width="100%" role="img" aria-label="neighbourhood">']
    for i, (iri, rel) in enumerate(nodes):
        a = 2 * math.pi * i / len(nodes) - math.pi / 2
        x, y = cx + r * math.cos(a), cy + r * 0.85 * math.sin(a)
        anchor = "start" if math.cos(a) > 0.2 else "end" if math.cos(a) < -0.2 else "middle"
        tx, ty = x + 8 * math.cos(a), y + 8 * math.sin(a) + (4 if anchor != "middle" else (12 if math.sin(a) > 0 else -6))
        label = d.labels.get(iri) or local_name(iri)
        label = label if len(label) <= 28 else label[:27] + "…"
        parts.append(f'<line x1="{cx:.0f}" y1="{cy:.0f}" x2="{x:.0f}" y2="{y:.0f}" stroke="#cbd5e1"><title>{_esc(rel)}</title></line>'
                     f'<a href="{_esc(links.page(iri))}"><circle cx="{x:.0f}" cy="{y:.0f}" r="5" fill="#2563eb"/>'
                     f'<text x="{tx:.0f}" y="{ty:.0f}" text-anchor="{anchor}">{_esc(label)}</text></a>')
    name = d.labels.get(d.iri) or local_name(d.iri)
    parts.append(f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="9" fill="#dc2626"/>'
                 f'<text x="{cx:.0f}" y="{cy + 24:.0f}" text-anchor="middle" font-weight="bold">{_esc(name[:40])}</text></svg>')
    more = f'<p class="muted">{len(seen) - limit} more not drawn.</p>' if len(seen) > limit else ""
    return "".join(parts) + more


def schema_org(d: Description) -> dict[str, Any]:
    kinds = [local_name(t.object.value) for t in d.triples if t.predicate.value == RDF_TYPE]
    stype = next((SCHEMA_TYPES[k] for k in kinds if k in SCHEMA_TYPES), "Thing")
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": stype, "@id": d.iri,
                            "name": d.labels.get(d.iri) or local_name(d.iri), "url": d.iri}
    if d.text(DESCRIPTION):
        data["description"] = d.text(DESCRIPTION)
    return data


def entity_query(iri: str) -> str:
    return (f"# everything about {iri}\nSELECT ?relation ?value ?value_label WHERE {{\n  <{iri}> ?relation ?value .\n"
            f"  OPTIONAL {{ ?value rdfs:label ?value_label }}\n}} ORDER BY ?relation")


def render_entity(d: Description, links: Links) -> str:
    name = d.labels.get(d.iri) or local_name(d.iri)
    kinds = sorted({d.labels.get(t.object.value) or local_name(t.object.value)
                    for t in d.triples if t.predicate.value == RDF_TYPE})
    desc = d.text(DESCRIPTION) or d.text("http://www.w3.org/2004/02/skos/core#definition") \
        or d.text("http://www.w3.org/2000/01/rdf-schema#comment")
    inbound = _statements_inbound(d, links)
    body = (f'<nav><a href="{_esc(links.home)}">mfkg</a><a href="{_esc(links.workbench(entity_query(d.iri)))}">'
            f"open in the query page</a></nav>"
            f"<h1>{_esc(name)}</h1><div class=\"kinds\">{_esc(', '.join(kinds))}</div>"
            f'<div class="iri">{_esc(d.iri)}</div>' + (f"<p>{_esc(desc)}</p>" if desc else "")
            + "<h2>Statements</h2>" + _statements(d.triples, d, links, SHOWN_ELSEWHERE)
            + "<h2>Claims and their sources</h2>" + _claims(d, links)
            + "<h2>Looked for and not found</h2>" + _not_found(d, links)
            + "<h2>Statements that point here</h2>" + inbound
            + "<h2>Neighbourhood</h2>" + (neighbourhood_svg(d, links) or '<p class="muted">no linked entities</p>'))
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "img-src 'self' data:\">"
            f"<title>{_esc(name)} — mfkg</title><style>{CSS}</style>"
            f'<script type="application/ld+json">{json_for_script(schema_org(d))}</script>'
            f"</head><body>{body}</body></html>")


def _statements_inbound(d: Description, links: Links) -> str:
    groups: dict[str, list[str]] = {}
    for t in d.inbound:
        groups.setdefault(t.predicate.value, []).append(t.subject.value)
    rows = []
    for pred in sorted(groups, key=lambda p: (_relation(p, d).lower(), p)):
        subs = sorted(set(groups[pred]), key=lambda s: ((d.labels.get(s) or s).lower(), s))
        items = []
        for s in subs[:200]:
            href, label = links.page(s), _esc(d.labels.get(s) or local_name(s))
            items.append(f'<a href="{_esc(href)}">{label}</a>' if href else label)
        more = f" … and {len(subs) - 200} more" if len(subs) > 200 else ""
        rows.append(f"<dt>{_esc(_relation(pred, d))} (from)</dt><dd>{', '.join(items)}{more}</dd>")
    if d.defined_in:   # blank nodes that point here stand for the class expressions of these entities
        items = []
        for s in sorted(d.defined_in, key=lambda s: ((d.labels.get(s) or s).lower(), s)):
            href, label = links.page(s), _esc(d.labels.get(s) or local_name(s))
            items.append(f'<a href="{_esc(href)}">{label}</a>' if href else label)
        rows.append(f"<dt>in the definition of</dt><dd>{', '.join(items)}</dd>")
    return f'<dl class="st">{"".join(rows)}</dl>' if rows else '<p class="muted">none</p>'


def workbench_fragment(query: str) -> str:
    return "#query=" + urllib.parse.quote(query, safe="")
