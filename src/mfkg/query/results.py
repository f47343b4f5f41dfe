"""Render result tables: table, csv, tsv, json (SPARQL 1.1 JSON results), md. A registry drives the CLI."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable

from mfkg.query.terms import ResultTable


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))


def _clean(s: str) -> str:
    return s.replace("\r", " ").replace("\n", " ").replace("\t", " ")


def as_table(t: ResultTable) -> str:
    rows = [tuple(_clean(c) for c in r) for r in t.display_rows()]
    widths = [max([_width(v)] + [_width(r[i]) for r in rows]) for i, v in enumerate(t.variables)]
    widths = [min(w, 80) for w in widths]

    def cut(s: str, w: int) -> str:
        return s if _width(s) <= w else s[: max(w - 1, 1)] + "…"

    lines = ["  ".join(_pad(v, w) for v, w in zip(t.variables, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for r in rows:
        lines.append("  ".join(_pad(cut(c, w), w) for c, w in zip(r, widths)).rstrip())
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _delimited(t: ResultTable, delimiter: str) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(t.variables)
    for r in t.display_rows():
        w.writerow([_clean(c) if delimiter == "\t" else c for c in r])
    return buf.getvalue()


def as_markdown(t: ResultTable) -> str:
    def esc(s: str) -> str:
        return _clean(s).replace("|", "\\|")

    lines = ["| " + " | ".join(t.variables) + " |", "|" + "---|" * len(t.variables)]
    lines += ["| " + " | ".join(esc(c) for c in r) + " |" for r in t.display_rows()]
    return "\n".join(lines) + "\n"


def as_json(t: ResultTable) -> str:
    return json.dumps(t.to_json(), ensure_ascii=False, indent=1) + "\n"


FORMATS: dict[str, Callable[[ResultTable], str]] = {
    "table": as_table,
    "csv": lambda t: _delimited(t, ","),
    "tsv": lambda t: _delimited(t, "\t"),
    "json": as_json,
    "md": as_markdown,
}
