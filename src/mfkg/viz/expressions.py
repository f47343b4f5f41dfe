"""Blank nodes on entity pages, in words: OWL class expressions (restrictions, intersections, unions,
enumerations) in the style of the Manchester syntax, and RDF lists as their items. A blank node's
identifier is the store's own and changes whenever the store is rebuilt, so it is never shown: what
the node says is.

`render(node, d, term)` gives HTML; `term(x)` renders a named node or literal (links, labels)."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from mfkg.query.describe import Description

OWL = "http://www.w3.org/2002/07/owl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
MAX_DEPTH = 8
MAX_ITEMS = 100

# restriction property and its Manchester keyword (a cardinality's class, when qualified, is owl:onClass)
_RESTRICTIONS = (("someValuesFrom", "some"), ("allValuesFrom", "only"), ("hasValue", "value"),
                 ("minQualifiedCardinality", "min"), ("maxQualifiedCardinality", "max"),
                 ("qualifiedCardinality", "exactly"), ("minCardinality", "min"), ("maxCardinality", "max"),
                 ("cardinality", "exactly"), ("hasSelf", "Self"))
_JOINERS = (("intersectionOf", " and "), ("unionOf", " or "))


def render(node: Any, d: Description, term: Callable[[Any], str], depth: int = 0) -> str:
    """`node` (a blank node of `d.anonymous`) in words, as HTML."""
    import pyoxigraph as ox

    triples = d.anonymous.get(node)
    if triples is None or depth > MAX_DEPTH:
        return '<span class="muted">(an anonymous node)</span>'
    props: dict[str, list[Any]] = {}
    for t in triples:
        props.setdefault(t.predicate.value, []).append(t.object)

    def sub(x: Any) -> str:
        if isinstance(x, ox.BlankNode):
            inner = render(x, d, term, depth + 1)
            return f"({inner})" if _compound(x, d) else inner
        return term(x)

    def one(name: str) -> Any:
        values = props.get(OWL + name) or props.get(RDF + name)
        return values[0] if values else None

    if RDF + "first" in props:
        return ", ".join(sub(x) for x in items(node, d))
    for name, joiner in _JOINERS:
        if one(name) is not None:
            return joiner.join(sub(x) for x in items(one(name), d))
    if one("oneOf") is not None:
        return "{" + ", ".join(sub(x) for x in items(one("oneOf"), d)) + "}"
    if one("complementOf") is not None:
        return "not " + sub(one("complementOf"))
    on = one("onProperty")
    if on is not None:
        for name, keyword in _RESTRICTIONS:
            value = one(name)
            if value is None:
                continue
            if keyword == "Self":
                return f"{sub(on)} Self"
            if name.endswith("ardinality"):
                filler = one("onClass")
                return f"{sub(on)} {keyword} {html.escape(str(value.value))}" + (f" {sub(filler)}" if filler is not None else "")
            return f"{sub(on)} {keyword} {sub(value)}"
    # anything else: its statements, in brackets
    parts = [f"{term(ox.NamedNode(p))} {', '.join(sub(x) for x in xs)}" for p, xs in sorted(props.items())
             if p != RDF + "type"]
    return "[" + "; ".join(parts) + "]" if parts else '<span class="muted">(an anonymous node)</span>'


def items(node: Any, d: Description) -> list[Any]:
    """The members of the RDF list starting at `node`, in order (at most MAX_ITEMS)."""
    import pyoxigraph as ox

    out: list[Any] = []
    seen: set[Any] = set()
    while isinstance(node, ox.BlankNode) and node not in seen and len(out) < MAX_ITEMS:
        seen.add(node)
        cell = {t.predicate.value: t.object for t in d.anonymous.get(node, [])}
        if RDF + "first" not in cell:
            break
        out.append(cell[RDF + "first"])
        node = cell.get(RDF + "rest")
    return out


def _compound(node: Any, d: Description) -> bool:
    """Whether `node` reads as more than one word group (and so needs brackets inside another)."""
    preds = {t.predicate.value for t in d.anonymous.get(node, [])}
    return bool(preds & {OWL + "intersectionOf", OWL + "unionOf", OWL + "onProperty", OWL + "complementOf"})
