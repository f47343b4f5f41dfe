"""SPARQL mistakes in words: the query form, unknown prefixes, and the engine's syntax errors
with line, column, the expected tokens (not Unicode ranges) and the line itself."""

from __future__ import annotations

import difflib
import re
from typing import NoReturn

from mfkg.namespaces import PREFIXES
from mfkg.query.store import QuerySyntaxError

FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
UPDATES = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")
_MASK = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"\s]*>|#[^\n]*')


def _masked(text: str) -> str:
    return _MASK.sub(lambda m: " " * len(m.group(0)), text)


def check_form(text: str) -> None:
    """Refuse updates and misspelt query forms with a sentence, before the engine sees the text.

    >>> check_form("PREFIX a: <x:> SELEC ?x WHERE { ?x ?p ?o }")
    Traceback (most recent call last):
    ...
    mfkg.query.oxstore.QuerySyntaxError: the query starts with 'SELEC'; only SELECT, CONSTRUCT and ASK queries are run here (did you mean SELECT?)
    """
    body = re.sub(r"(?is)^\s*(?:(?:PREFIX\s+[\w-]*:\s*|BASE\s*)\s*)*", "", re.sub(
        r"(?i)(PREFIX\s+[\w-]*:|BASE)\s*<[^>]*>", r"\1", text))
    masked = _masked(body).lstrip()
    m = re.match(r"[A-Za-z]+", masked)
    word = m.group(0) if m else masked[:10]
    if word.upper() in FORMS:
        return
    if word.upper() in UPDATES:
        raise QuerySyntaxError(f"'{word}' would change the graph; only SELECT, CONSTRUCT and ASK queries are run here "
                               "(the graph is read-only: change data/ and run 'mfkg build')")
    close = difflib.get_close_matches(word.upper(), FORMS, n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]}?)" if close else ""
    raise QuerySyntaxError(f"the query starts with '{word}'; only SELECT, CONSTRUCT and ASK queries are run here{hint}")


def unknown_prefixes(text: str) -> list[str]:
    """Prefixes the query uses but neither declares nor gets predeclared."""
    masked = _masked(text)
    declared = set(re.findall(r"PREFIX\s+([A-Za-z][\w-]*)?:", text, re.IGNORECASE)) | set(PREFIXES)
    used = re.findall(r"(?<![\w?$<:.-])([A-Za-z][\w-]*):(?=[\w-]|\s|$)", masked)
    return sorted({p for p in used if p not in declared and p.upper() != "PREFIX"})


def readable(message: str, query: str, header: str = "") -> str:
    """The engine's message as a sentence on the user's own lines (the predeclared prefixes come first).

    >>> readable("error at 3:5: expected one of \\"}\\", ['A' ..= 'Z']", "SELECT ?x WHERE { ?x ?p ?o\\n", "P: <x>\\nQ: <y>\\n")
    "SPARQL syntax error at line 1, column 5: expected '}' or a name\\n  SELECT ?x WHERE { ?x ?p ?o\\n      ^"
    """
    if "Prefix not found" in message or unknown_prefixes(query):
        missing = unknown_prefixes(query)
        if missing:
            known = ", ".join(f"{p}:" for p in PREFIXES)
            return (f"unknown prefix {', '.join(f'{p}:' for p in missing)}; the prefixes known without a PREFIX line are "
                    f"{known} — or declare it with 'PREFIX {missing[0]}: <…>'")
    m = re.search(r"(\d+):(\d+): expected (.*)", message, re.DOTALL)
    if not m:
        return message.replace("\n", " ")
    line = max(int(m.group(1)) - header.count("\n"), 1)
    col = int(m.group(2))
    expected = _expected_words(m.group(3))
    lines = query.splitlines()
    shown = ""
    if 0 < line <= len(lines):
        shown = f"\n  {lines[line - 1]}\n  {' ' * (col - 1)}^"
    return f"SPARQL syntax error at line {line}, column {col}: expected {expected}{shown}"


def _expected_words(text: str) -> str:
    """'one of ",", ".", [\\'0\\' ..= \\'9\\' ...]' → "',' or '.' or a name or number"."""
    text = text.strip().removeprefix("one of ").strip()
    tokens = re.findall(r'"((?:[^"\\]|\\.)*)"', text)
    words = [t.replace('\\"', '"').replace("\\\\", "\\") for t in tokens]
    bare = re.sub(r'"(?:[^"\\]|\\.)*"|\[[^\]]*\]', " ", text)
    keywords = [w for w in re.findall(r"[A-Za-z][\w]*", bare) if w not in ("one", "of", "Prefix", "not", "found")]
    ranges = "[" in text
    parts = [f"'{w}'" for w in words if w.strip()] + keywords[:12]
    if ranges:
        parts.append("a name")
    if len(keywords) > 12:
        parts.append("…")
    if not parts:
        return text
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]


def raise_readable(exc: QuerySyntaxError, query: str, header: str = "") -> NoReturn:
    raise QuerySyntaxError(readable(str(exc).removeprefix("SPARQL syntax error: "), query, header)) from None
