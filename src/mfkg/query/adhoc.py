"""Ad-hoc SPARQL from users: the CLI's prefixes predeclared, syntax errors on the user's own lines."""

from __future__ import annotations

import re
from pathlib import Path

from mfkg.errors import MfkgError
from mfkg.namespaces import PREFIXES
from mfkg.query.store import QuerySyntaxError, Store
from mfkg.query.terms import ResultTable, Term

MAX_QUERY_CHARS = 100_000   # the longest saved question is a few thousand characters


def bounded_query(text: str | None, file: Path | None) -> str:
    """The query from the command line or a file, refused in one sentence when it is too long."""
    where = f"{file}" if file else "the query"
    try:
        if file is not None and file.stat().st_size > 4 * MAX_QUERY_CHARS:
            raise MfkgError(f"{where}: the query is {file.stat().st_size:,} bytes, more than {MAX_QUERY_CHARS:,} "
                            "characters; shorten it (bind long value lists as parameters)")
        query = file.read_text(encoding="utf-8") if file is not None else str(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise MfkgError(f"{where}: cannot be read as UTF-8 text ({exc}); save the query as UTF-8") from None
    if len(query) > MAX_QUERY_CHARS:
        raise MfkgError(f"{where}: the query is {len(query):,} characters, more than {MAX_QUERY_CHARS:,}; "
                        "shorten it (bind long value lists as parameters)")
    if "\x00" in query:
        raise MfkgError(f"{where}: the query contains a NUL character; remove it")
    return query


def prefix_header(query_text: str) -> str:
    """PREFIX lines for every predeclared prefix the query does not declare itself.

    >>> "PREFIX mfkg:" in prefix_header("SELECT * WHERE { ?s ?p ?o }")
    True
    >>> "PREFIX mfkg:" in prefix_header("PREFIX mfkg: <urn:x> SELECT * WHERE { ?s ?p ?o }")
    False
    """
    declared = set(re.findall(r"PREFIX\s+([A-Za-z0-9_-]*):", query_text, re.IGNORECASE))
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items() if p not in declared)


def locate_syntax_error(message: str, header: str) -> str:
    """Shift 'line N' in the engine's message back to the user's own lines (the prefixes come first).

    >>> locate_syntax_error("error at 3:5: expected", "PREFIX a: <x>\\nPREFIX b: <y>\\n")
    'error at line 1, column 5: expected — fix the query at that position'
    """
    shift = header.count("\n")

    def fix(m: re.Match[str]) -> str:
        return f"line {max(int(m.group(1)) - shift, 1)}, column {m.group(2)}"

    return re.sub(r"at (\d+):(\d+)", fix, message, count=1).replace("error line", "error at line") + \
        " — fix the query at that position"


def run_sparql(store: Store, query_text: str, bindings: dict[str, Term] | None = None) -> ResultTable:
    """Run a user's SELECT with the predeclared prefixes; labels of IRIs come with the rows."""
    header = prefix_header(query_text)
    try:
        table = store.select(header + query_text, bindings or {})
    except QuerySyntaxError as exc:
        raise QuerySyntaxError(locate_syntax_error(str(exc), header)) from None
    table.labels = store.labels(t.value for row in table.rows for t in row if t is not None and t.kind == "uri")
    return table
