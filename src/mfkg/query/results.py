"""Render result tables: table, csv, tsv, json (SPARQL 1.1 JSON results), md. A registry drives the CLI.

The console script's quick path formats with this module, so it imports neither `re` nor `json`
(`json` imports `re`; the two cost a cold `mfkg query run` about a quarter of its time): the JSON
results are written by `json_text`, which writes what `json.dumps(…, ensure_ascii=False, indent=1)`
writes (a test checks it on arbitrary text).
"""

from __future__ import annotations

import io
import unicodedata

from mfkg.query.terms import XSD, ResultTable, Term

TYPE_CHECKING = False   # `typing` stays unloaded: the console script's quick path formats with this module
if TYPE_CHECKING:
    from collections.abc import Callable

CELL_LIMIT = 80
_NUMERIC = {XSD + t for t in ("integer", "int", "long", "decimal", "double", "float", "nonNegativeInteger",
                              "positiveInteger", "short")}


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))


def _clean(s: str) -> str:
    return s.replace("\r", " ").replace("\n", " ").replace("\t", " ")


def short_number(text: str) -> str:
    """A number as people read it in a table: 15 B, 33 M, 1.5 B, 12,345 (exact in CSV and JSON).

    >>> [short_number(x) for x in ("15000000000", "33000000", "1500000000", "650000000", "12345", "2024", "0.5")]
    ['15 B', '33 M', '1.5 B', '650 M', '12,345', '2024', '0.5']
    """
    try:
        value = float(text)
    except ValueError:
        return text
    for size, unit in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if abs(value) >= size:
            return f"{value / size:.3g} {unit}".replace("e+", "e")
    if abs(value) >= 10000 and value.is_integer():
        return f"{int(value):,}"
    return text


def grouped_number(text: str) -> str:
    """Digits grouped by thousands, exactly: 15,000,000,000."""
    digits = text[1:] if text.startswith("-") else text
    if len(digits) >= 5 and digits.isdecimal():
        return f"{int(text):,}"
    return text


def _people_rows(t: ResultTable, number: Callable[[str], str]) -> list[tuple[str, ...]]:
    def cell(term: Term | None) -> str:
        text = t.display(term)
        if term is not None and term.kind == "literal" and term.datatype in _NUMERIC:
            return number(text)
        return text

    return [tuple(_clean(cell(x)) for x in row) for row in t.rows]


def as_table(t: ResultTable, wide: bool = False) -> str:
    """A plain-text table; numbers shortened; cells over 80 characters cut, with a note saying so
    and how to see them whole (unless `wide`)."""
    rows = _people_rows(t, short_number)
    widths = [max([_width(v)] + [_width(r[i]) for r in rows]) for i, v in enumerate(t.variables)]
    if not wide:
        widths = [min(w, CELL_LIMIT) for w in widths]
    cut_cells, cut_chars = 0, 0

    def cut(s: str, w: int) -> str:
        nonlocal cut_cells, cut_chars
        if _width(s) <= w:
            return s
        cut_cells += 1
        cut_chars += len(s) - max(w - 1, 1)
        return s[: max(w - 1, 1)] + "…"

    lines = ["  ".join(_pad(v, w) for v, w in zip(t.variables, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for r in rows:
        lines.append("  ".join(_pad(cut(c, w), w) for c, w in zip(r, widths)).rstrip())
    count = f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
    if cut_cells:
        count += (f"; {cut_cells} cell{'s' if cut_cells != 1 else ''} cut at {CELL_LIMIT} characters, {cut_chars:,} "
                  "characters not shown — see them all with --wide or --format md")
    lines.append(f"({count})")
    return "\n".join(lines) + "\n"


def as_turtle(triples: list[tuple[Term, Term, Term]]) -> str:
    """CONSTRUCT results as Turtle with the CLI's prefixes."""
    import pyoxigraph as ox

    from mfkg.namespaces import PREFIXES
    from mfkg.query.store import _to_ox as node  # one conversion of terms to the engine's

    data = [ox.Triple(node(s), node(p), node(o)) for s, p, o in sorted(triples)]
    used = {p: ns for p, ns in PREFIXES.items() if any(x.value.startswith(ns) for tr in triples for x in tr)}
    out = ox.serialize(data, format=ox.RdfFormat.TURTLE, prefixes=used).decode("utf-8")
    return out + f"# {len(triples)} triple{'s' if len(triples) != 1 else ''}\n"


def _delimited(t: ResultTable, delimiter: str) -> str:
    buf = io.StringIO()
    try:   # `csv.writer` itself, without the `re` that `csv` imports for its dialect sniffer
        from _csv import writer
    except ImportError:   # an interpreter without the C module
        from csv import writer

    w = writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(t.variables)
    for r in t.display_rows():
        w.writerow([_clean(c) if delimiter == "\t" else c for c in r])
    return buf.getvalue()


def as_markdown(t: ResultTable) -> str:
    def esc(s: str) -> str:
        return _clean(s).replace("|", "\\|")

    lines = ["| " + " | ".join(t.variables) + " |", "|" + "---|" * len(t.variables)]
    lines += ["| " + " | ".join(esc(c) for c in r) + " |" for r in _people_rows(t, grouped_number)]
    return "\n".join(lines) + "\n"


_JSON_ESCAPES = {i: f"\\u{i:04x}" for i in range(0x20)} | {
    ord("\\"): "\\\\", ord('"'): '\\"', ord("\b"): "\\b", ord("\f"): "\\f", ord("\n"): "\\n", ord("\r"): "\\r",
    ord("\t"): "\\t"}


def json_text(value: object, depth: int = 0) -> str:
    """Strings, lists and dicts of them as `json.dumps(value, ensure_ascii=False, indent=1)` writes them.

    >>> print(json_text({"vars": ["a", "b"], "none": [], "q": 'say "hi"\\n'}))
    {
     "vars": [
      "a",
      "b"
     ],
     "none": [],
     "q": "say \\"hi\\"\\n"
    }
    """
    if isinstance(value, str):
        return '"' + value.translate(_JSON_ESCAPES) + '"'
    inner = "\n" + " " * (depth + 1)
    if isinstance(value, dict):
        items = [json_text(k) + ": " + json_text(v, depth + 1) for k, v in value.items()]
        return "{" + inner + ("," + inner).join(items) + "\n" + " " * depth + "}" if items else "{}"
    if isinstance(value, list):
        items = [json_text(v, depth + 1) for v in value]
        return "[" + inner + ("," + inner).join(items) + "\n" + " " * depth + "]" if items else "[]"
    raise TypeError(f"json_text writes strings, lists and dicts, not {type(value).__name__}")


def as_json(t: ResultTable) -> str:
    return json_text(t.to_json()) + "\n"


FORMATS: dict[str, Callable[[ResultTable], str]] = {
    "table": as_table,
    "wide": lambda t: as_table(t, wide=True),
    "csv": lambda t: _delimited(t, ","),
    "tsv": lambda t: _delimited(t, "\t"),
    "json": as_json,
    "md": as_markdown,
}
