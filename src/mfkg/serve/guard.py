"""What a query may do on this endpoint: read-only, no federation unless allowed, bounded in size,
and capped in rows. Every refusal is one sentence the client can act on.

The checks read the query with its strings, IRIs and comments blanked out, so a keyword inside a
literal (`"SERVICE"`) is not mistaken for one in the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mfkg.query.store import _mask_strings_and_comments

UPDATE_WORDS = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
QUERY_FORMS = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
# SERVICE as a keyword: not part of a prefixed name (`ex:SERVICE`, `SERVICE:x`) or a variable (`?SERVICE`)
SERVICE_WORD = re.compile(r"(?<![:?$\w])SERVICE(?![:\w])", re.IGNORECASE)
SERVICE_TARGET = re.compile(r"(?<![:?$\w])SERVICE(?:\s+SILENT)?\s*(<[^<>\"\s]*>|\S+)", re.IGNORECASE)
LIMIT_CLAUSE = re.compile(r"\bLIMIT\s+(\d+)", re.IGNORECASE)
VALUES_WORD = re.compile(r"\bVALUES\b", re.IGNORECASE)


class Refused(Exception):
    """A request the endpoint will not run; `status` is the HTTP status, the message one sentence."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Limits:
    max_query_chars: int = 100_000
    max_body_bytes: int = 1_000_000
    max_rows: int = 10_000
    allow_service: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Checked:
    text: str          # the query to run (its top-level LIMIT bounded by the row cap)
    form: str          # select | ask | construct | describe
    capped: bool       # True when the LIMIT was added or lowered, so the answer may be truncated
    original: str = "" # the query as sent (its syntax errors are reported at its own lines and columns)


def check_query(query: str, limits: Limits) -> Checked:
    """Refuse updates, unlisted SERVICE endpoints and overlong queries; bound the result rows."""
    if len(query) > limits.max_query_chars:
        raise Refused(413, f"the query is {len(query):,} characters long; this endpoint accepts at most "
                           f"{limits.max_query_chars:,}")
    if not query.strip():
        raise Refused(400, "the query is empty; send a SPARQL query in the 'query' parameter or the request body")
    masked = _mask_strings_and_comments(query)
    form_match = QUERY_FORMS.search(masked)
    if form_match is None:
        if UPDATE_WORDS.search(masked):
            raise Refused(403, "updates are not allowed: this endpoint is read-only")
        raise Refused(400, "this is not a SPARQL query: it has no SELECT, ASK, CONSTRUCT or DESCRIBE")
    if UPDATE_WORDS.search(masked[:form_match.start()]) and re.search(r"\b(INSERT|DELETE)\b", masked, re.I):
        raise Refused(403, "updates are not allowed: this endpoint is read-only")
    _check_service(query, masked, limits.allow_service)
    form = form_match.group(1).lower()
    if form == "ask":
        return Checked(query, form, False)
    text, capped = bound_limit(query, masked, limits.max_rows + 1)
    return Checked(text, form, capped, query)


def _check_service(query: str, masked: str, allowed: tuple[str, ...]) -> None:
    for m in SERVICE_WORD.finditer(masked):
        target = SERVICE_TARGET.match(query, m.start())
        iri = target.group(1) if target else ""
        if iri.startswith("<") and iri[1:-1] in allowed:
            continue
        if not allowed:
            raise Refused(403, "SERVICE (federated query) is not allowed on this endpoint; the operator can "
                               "allow endpoints with 'mfkg serve --allow-service URL'")
        raise Refused(403, f"SERVICE {iri or '(no endpoint)'} is not allowed on this endpoint; allowed endpoints "
                           f"(written as full IRIs): {', '.join(allowed)}")


def _top_level_tail(masked: str) -> int | None:
    """The index just after the outer WHERE clause: the first brace group at depth 0 that is not a
    CONSTRUCT template (a trailing VALUES block comes later and is not it)."""
    depth, start = 0, 0
    for i, ch in enumerate(masked):
        if ch == "{":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return None
            if depth == 0 and not re.search(r"\bCONSTRUCT\s*$", masked[:start], re.IGNORECASE):
                return i + 1
    return None


def bound_limit(query: str, masked: str, cap: int) -> tuple[str, bool]:
    r"""The query with its outer LIMIT at most `cap` (added when missing), and whether it changed.

    >>> bound_limit("SELECT * { ?s ?p ?o }", "SELECT * { ?s ?p ?o }", 11)
    ('SELECT * { ?s ?p ?o }\nLIMIT 11', True)
    >>> bound_limit("SELECT * { ?s ?p ?o } LIMIT 5", "SELECT * { ?s ?p ?o } LIMIT 5", 11)[1]
    False
    """
    end = _top_level_tail(masked)
    if end is None:          # unbalanced braces: the engine reports the syntax error
        return query, False
    tail = masked[end:]
    limit = LIMIT_CLAUSE.search(tail)
    if limit is not None:
        if int(limit.group(1)) <= cap:
            return query, False
        start, stop = end + limit.start(1), end + limit.end(1)
        return query[:start] + str(cap) + query[stop:], True
    values = VALUES_WORD.search(tail)
    at = end + values.start() if values else len(query)
    return query[:at].rstrip() + f"\nLIMIT {cap}" + ("\n" + query[at:] if values else ""), True
