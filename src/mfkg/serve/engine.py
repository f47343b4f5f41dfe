"""Running one checked query on the read-only store: the engine serialises the answer itself (the
same code `oxigraph serve` uses), so Python only passes bytes along.

The row cap is enforced engine-side: the query's outer LIMIT is bounded at cap + 1 (`guard`), the
rows of the answer are counted, and only when there are more than `cap` does the query run again
with LIMIT cap and the answer say it was truncated.
"""

from __future__ import annotations

import csv
import io
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from mfkg.namespaces import PREFIXES
from mfkg.query.store import _mask_strings_and_comments
from mfkg.query.terms import Term
from mfkg.serve.guard import Checked, Limits, Refused, bound_limit

RESULT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "ntriples", "text/plain": "ntriples",
               "application/ld+json": "jsonld", "application/rdf+xml": "rdfxml"}
RESULT_MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8"}
GRAPH_MEDIA = {"turtle": "text/turtle; charset=utf-8", "ntriples": "application/n-triples",
               "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml"}


def negotiate(accept: str, choices: dict[str, str], default: str) -> str | None:
    """The format key for the best media type in an Accept header, or None when none is acceptable.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+json", {"text/csv": "csv",
    ...           "application/sparql-results+json": "json"}, "json")
    'json'
    """
    if not accept or accept.strip() in ("*/*", ""):
        return default
    best: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        media, q = bits[0].lower(), 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if media in choices:
            best.append((-q, i, choices[media]))
        elif media in ("*/*", "application/*", "text/*"):
            best.append((-q, i, default))
    best = [b for b in best if b[0] < 0]
    return sorted(best)[0][2] if best else None


def _ox_result_format(fmt: str) -> Any:
    import pyoxigraph as ox

    return {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}[fmt]


def _ox_graph_format(fmt: str) -> Any:
    import pyoxigraph as ox

    return {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
            "rdfxml": ox.RdfFormat.RDF_XML}[fmt]


def count_rows(body: bytes, fmt: str, cap: int) -> int:
    """The number of rows in a serialised answer, exact whenever it matters (near or above `cap`).

    JSON: every boundary between two rows is `},{`, and the sequence may also occur inside a string,
    so `count + 1` is an upper bound; only when that bound passes the cap are the rows parsed.
    """
    import pyoxigraph as ox

    if fmt == "csv":
        return max(0, sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8")))) - 1)
    if fmt == "tsv":
        return max(0, body.count(b"\n") - 1)
    if fmt == "xml":
        return body.count(b"<result>")
    if body.count(b"},{") + 1 <= cap:
        return min(body.count(b"},{") + 1, cap)
    parsed = ox.parse_query_results(body, format=_ox_result_format(fmt))
    return sum(1 for _ in parsed) if isinstance(parsed, ox.QuerySolutions) else 0


@dataclass(frozen=True)
class Answer:
    media_type: str
    body: bytes
    truncated: bool = False


class AnswerCache:
    """Answers by (query text, format), least recently used out first, bounded in bytes; 0 turns it off."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self.items: OrderedDict[tuple[str, str], Answer] = OrderedDict()

    def get(self, key: tuple[str, str]) -> Answer | None:
        hit = self.items.get(key)
        if hit is not None:
            self.items.move_to_end(key)
        return hit

    def put(self, key: tuple[str, str], value: Answer) -> None:
        if len(value.body) > self.max_bytes // 8 or key in self.items:
            return
        self.items[key] = value
        self.size += len(value.body)
        while self.size > self.max_bytes:
            _, old = self.items.popitem(last=False)
            self.size -= len(old.body)


def _execute(store: Any, text: str, form: str, fmt: str, substitutions: dict[Any, Any] | None = None) -> bytes:
    import pyoxigraph as ox

    try:
        res = store.query(text, use_default_graph_as_union=True, prefixes=PREFIXES, substitutions=substitutions or {})
    except SyntaxError as exc:
        from mfkg.query.sparql_errors import readable

        raise Refused(400, readable(str(exc), text)) from None
    except OSError as exc:
        raise Refused(503, f"the store could not be read ({exc}); restart the server") from None
    try:
        if isinstance(res, ox.QueryTriples):
            return res.serialize(format=_ox_graph_format(fmt))
        if isinstance(res, ox.QueryBoolean):
            import json

            return json.dumps({"head": {}, "boolean": bool(res)}).encode()
        return res.serialize(format=_ox_result_format(fmt))
    except (RuntimeError, ValueError, OSError) as exc:   # an evaluation error, e.g. a failing SERVICE
        raise Refused(400, f"the query failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None


def _substitutions(bindings: dict[str, Term] | None) -> dict[Any, Any]:
    import pyoxigraph as ox

    from mfkg.query.store import _to_ox

    return {ox.Variable(k): _to_ox(v) for k, v in (bindings or {}).items()}


def _as_sent(checked: Checked, exc: Refused) -> Refused:
    """A syntax error located in the query as sent, not in the one with the row cap's LIMIT added."""
    import pyoxigraph as ox

    if not checked.capped or not exc.message.startswith("SPARQL syntax error"):
        return exc
    try:
        ox.Store().query(checked.original, prefixes=PREFIXES)
    except SyntaxError as original:
        from mfkg.query.sparql_errors import readable

        return Refused(400, readable(str(original), checked.original))
    except Exception:
        return exc
    return exc


def answer(store: Any, checked: Checked, fmt: str, limits: Limits, bindings: dict[str, Term] | None = None) -> Answer:
    """Run a checked query and serialise its answer in `fmt` (a key of RESULT_MEDIA or GRAPH_MEDIA);
    `bindings` are values for variables, substituted by the engine (never written into the text)."""
    subs = _substitutions(bindings)
    if checked.form in ("construct", "describe"):
        return Answer(GRAPH_MEDIA[fmt], _execute(store, checked.text, checked.form, fmt, subs))
    if checked.form == "ask":
        return Answer(RESULT_MEDIA["json"], _execute(store, checked.text, checked.form, fmt, subs))
    try:
        body = _execute(store, checked.text, checked.form, fmt, subs)
    except Refused as exc:
        raise _as_sent(checked, exc) from None
    if checked.capped and count_rows(body, fmt, limits.max_rows) > limits.max_rows:
        text, _ = bound_limit(checked.text, _mask_strings_and_comments(checked.text), limits.max_rows)
        return Answer(RESULT_MEDIA[fmt], _execute(store, text, checked.form, fmt, subs), True)
    return Answer(RESULT_MEDIA[fmt], body)
