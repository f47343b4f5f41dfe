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


def check_sparql(store: Store, query_text: str) -> list[str]:
    """Warnings to print before the query runs (see `query.lint`); never fails."""
    from mfkg.query.lint import check_query

    try:
        return check_query(store, query_text)
    except Exception:  # a warning pass must never stop a query
        return []


def prepare(query_text: str) -> str:
    """The query with the predeclared prefixes, after the form and prefix checks."""
    from mfkg.query.sparql_errors import check_form, readable, unknown_prefixes

    check_form(query_text)
    if unknown_prefixes(query_text):
        raise QuerySyntaxError(readable("Prefix not found", query_text))
    return prefix_header(query_text) + query_text


def run_sparql(store: Store, query_text: str, bindings: dict[str, Term] | None = None) -> ResultTable:
    """Run a user's SELECT with the predeclared prefixes; labels of IRIs come with the rows."""
    from mfkg.query.sparql_errors import raise_readable

    full = prepare(query_text)
    try:
        table = store.select(full, bindings or {})
    except QuerySyntaxError as exc:
        raise_readable(exc, query_text, prefix_header(query_text))
    except MfkgError as exc:
        if "not a SELECT" in str(exc):
            raise MfkgError("this is a CONSTRUCT, DESCRIBE or ASK query; run it with run_any()") from None
        raise
    table.labels = store.labels(t.value for row in table.rows for t in row if t is not None and t.kind == "uri")
    return table


def run_any(store: Store, query_text: str, bindings: dict[str, Term] | None = None) -> ResultTable | list | bool:
    """Run a SELECT (a table), CONSTRUCT/DESCRIBE (triples) or ASK (a boolean)."""
    from mfkg.query.sparql_errors import raise_readable

    full = prepare(query_text)
    form = query_form(query_text)
    try:
        if form in ("CONSTRUCT", "DESCRIBE"):
            return store.construct(full, bindings or {})
        if form == "ASK":
            return store.ask(full, bindings or {})
    except QuerySyntaxError as exc:
        raise_readable(exc, query_text, prefix_header(query_text))
    return run_sparql(store, query_text, bindings)


def query_form(query_text: str) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE: the first form keyword outside strings, IRIs and comments."""
    from mfkg.query.store import _mask_strings_and_comments

    m = re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", _mask_strings_and_comments(query_text), re.IGNORECASE)
    return m.group(1).upper() if m else "SELECT"
