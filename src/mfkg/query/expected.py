"""Expected answers of saved queries, stored as TSV files beside the queries (queries/expected/).

Cells are display strings (labels, not IRIs). Comparison normalises what SPARQL leaves
unspecified: the order of rows when a query has no ORDER BY, and the order of items inside
GROUP_CONCAT / collect() lists (separated by ", " or " | ").
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from mfkg.query.terms import ResultTable

LIST_SEPARATORS = (" | ", ", ")


def normalise_cell(cell: str) -> str:
    for sep in LIST_SEPARATORS:
        if sep in cell:
            return sep.join(sorted(cell.split(sep)))
    return cell


def normalise(header: list[str], rows: list[tuple[str, ...]], ordered: bool) -> tuple[list[str], list[tuple[str, ...]]]:
    out = [tuple(normalise_cell(c) for c in r) for r in rows]
    return header, (out if ordered else sorted(out))


def to_tsv(table: ResultTable) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n")
    w.writerow(table.variables)
    for row in table.display_rows():
        w.writerow([c.replace("\n", " ").replace("\t", " ") for c in row])
    return buf.getvalue()


def read_tsv(path: Path) -> tuple[list[str], list[tuple[str, ...]]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    return rows[0], [tuple(r) for r in rows[1:]]


def table_rows(table: ResultTable) -> tuple[list[str], list[tuple[str, ...]]]:
    rows = [tuple(c.replace("\n", " ").replace("\t", " ") for c in r) for r in table.display_rows()]
    return list(table.variables), rows


def snapshot(store: object, queries: object, names: tuple[str, ...], folder: Path) -> list[tuple[str, int]]:
    """Record the current answers of saved SELECT queries as their expected answers (curators only)."""
    from mfkg.query.saved import run_saved
    from mfkg.rdf.serialise import atomic_write

    written = []
    for name in names or tuple(queries.queries):  # type: ignore[attr-defined]
        q = queries.get(name)  # type: ignore[attr-defined]
        if q.form != "SELECT":
            continue
        table = run_saved(store, q)
        atomic_write(folder / f"{q.name}.tsv", to_tsv(table).encode("utf-8"))
        written.append((q.name, len(table)))
    return written
