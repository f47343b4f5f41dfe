"""The header of a saved query file, read into plain values, and its scalar parameters bound.

`saved` builds its `SavedQuery` and `Param` records from `read_header`; the console script's quick
path reads the one file it needs through the same function, so both agree on every header. Light:
the light `terms` only (no `re`, `dataclasses`, `pathlib` or `typing` at run time: `re` alone costs
a cold `mfkg query run` a fifth of its time, so the header is read with string methods).
"""

from __future__ import annotations

from mfkg.query.terms import XSD, QueryError, Term

ENTITY_KINDS = ("model", "pattern", "task", "modality", "tokenizer", "layer-type", "dataset",
                "publication", "limit", "trend", "recommendation", "technique", "assay", "capability",
                "benchmark", "baseline", "seed-section")
SCALAR_TYPES = ("string", "integer", "decimal", "boolean")
HEADER_KEYS = ("title", "description", "sections", "param", "kinds", "severity", "examples")
_NAME_START = frozenset("abcdefghijklmnopqrstuvwxyz_")
_NAME_CHARS = _NAME_START | frozenset("0123456789")
_TYPE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz|-")
_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")


def read_header(text: str, where: str) -> dict[str, object]:
    """The header's values: title, description, sections, kinds, severity, examples, and params as
    (name, type, default, description) tuples; `where` (the file) names the line of a mistake."""
    meta: dict[str, object] = {}
    params: list[tuple[str, str, str | None, str]] = []
    for n, line in enumerate(text.splitlines(), 1):
        found = header_line(line)
        if found is None:
            continue
        key, value = found
        if key == "param":
            params.append(_param(value, where, n))
        elif key == "sections":
            meta["sections"] = tuple(int(x) for x in _digit_runs(value))
        elif key == "examples":
            meta["examples"] = tuple(x.strip() for x in value.split(";") if x.strip())
        elif key == "kinds":
            meta["kinds"] = tuple(x.strip() for x in value.split(",") if x.strip())
        else:
            meta[key] = value
    for required in ("title", "description"):
        if required not in meta:
            raise QueryError(f"{where}:1: the header has no '# {required}:' line; add one")
    meta["params"] = tuple(params)
    return meta


def header_line(line: str) -> tuple[str, str] | None:
    """A header line's key and value: `# key: value`, the key one of HEADER_KEYS.

    >>> header_line("  #  title:  Models by pattern "), header_line("# title : x"), header_line("# titles: x")
    (('title', 'Models by pattern'), None, None)
    """
    text = line.strip()
    if not text.startswith("#"):
        return None
    key, colon, value = text[1:].lstrip().partition(":")
    return (key, value.strip()) if colon and key in HEADER_KEYS else None


def _digit_runs(text: str) -> list[str]:
    """The runs of decimal digits in the text.

    >>> _digit_runs("3, 5.2 and 12")
    ['3', '5', '2', '12']
    """
    runs, current = [], ""
    for c in text + " ":
        if c.isdecimal():
            current += c
        elif current:
            runs.append(current)
            current = ""
    return runs


def param_fields(value: str) -> tuple[str, str, str | None, str] | None:
    """`name (type) = default — description` as (name, type, default, description); the default and
    the description may be left out, the default ends at the first dash. None when it does not read.

    >>> param_fields("model (model id) = scgpt — the model to describe")
    ('model', 'model id', 'scgpt', 'the model to describe')
    >>> param_fields("n (integer)"), param_fields("n(integer)=  — count"), param_fields("N (integer)")
    (('n', 'integer', None, ''), ('n', 'integer', None, 'count'), None)
    """
    if not value or value[0] not in _NAME_START:
        return None
    end = 1
    while end < len(value) and value[end] in _NAME_CHARS:
        end += 1
    rest = value[end:].lstrip()
    close = rest.find(")")
    if not rest.startswith("(") or close < 0:
        return None
    ptype = rest[1:close]
    base, space, suffix = ptype.partition(" ")
    if not base or not _TYPE_CHARS.issuperset(base) or (space and suffix not in ("id", "ids")):
        return None
    tail, default, desc = rest[close + 1:].lstrip(), None, ""
    if tail.startswith("="):
        text, dash, desc = tail[1:].partition("—")
        default = text.strip() or None
    elif tail.startswith("—"):
        desc = tail[1:]
    elif tail:
        return None
    return value[:end], ptype, default, desc.strip()


def _param(value: str, where: str, n: int) -> tuple[str, str, str | None, str]:
    fields = param_fields(value)
    if fields is None:
        raise QueryError(f"{where}:{n}: cannot read the parameter declaration; "
                         "write '# param: name (type) = default — description'")
    ptype = fields[1]
    if ptype not in SCALAR_TYPES + ENTITY_KINDS and not (" " in ptype and entity_kinds(ptype)):
        raise QueryError(f"{where}:{n}: unknown parameter type '{ptype}'; use one of "
                         f"{', '.join(SCALAR_TYPES + ENTITY_KINDS)}, or 'KIND id' / 'KIND ids'")
    return fields


def entity_kinds(ptype: str) -> tuple[str, ...]:
    """The entity kinds a value of this parameter type names (none for text and numbers).

    >>> entity_kinds("model"), entity_kinds("model|dataset ids"), entity_kinds("integer")
    (('model',), ('model', 'dataset'), ())
    """
    kinds = tuple(ptype.split(" ", 1)[0].split("|"))
    return kinds if all(k in ENTITY_KINDS for k in kinds) else ()


def split_names(raw: str) -> list[str]:
    """Several names in one value: separated by commas when there is a comma, else by spaces.

    >>> split_names("ESM 2, scGPT"), split_names("esm2 scgpt")
    (['ESM 2', 'scGPT'], ['esm2', 'scgpt'])
    """
    parts = raw.split(",") if "," in raw else raw.split()
    return [p.strip() for p in parts if p.strip()]


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE: the first form keyword outside comment lines."""
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue
        word = ""
        for c in line + " ":
            if c.isalnum() or c == "_":
                word += c
            elif word:
                if word.upper() in _FORMS:
                    return word.upper()
                word = ""
    return "SELECT"


def bind_scalar(name: str, ptype: str, raw: str) -> Term:
    """The user's text as a literal of a text, integer, decimal or boolean parameter (never query text).

    >>> bind_scalar("n", "integer", "1,000").value, bind_scalar("ok", "boolean", "Yes").value
    ('1000', 'true')
    """
    if ptype == "string":
        return Term.literal(raw)
    if ptype == "integer":
        try:
            return Term.literal(int(raw.replace("_", "").replace(",", "")))
        except ValueError:
            raise QueryError(f"parameter '{name}' must be an integer, got {raw!r}") from None
    if ptype == "decimal":
        try:
            float(raw)
        except ValueError:
            raise QueryError(f"parameter '{name}' must be a number, got {raw!r}") from None
        return Term.literal(raw, datatype=XSD + "decimal")
    if ptype == "boolean":
        low = raw.strip().lower()
        if low not in ("true", "false", "yes", "no", "1", "0"):
            raise QueryError(f"parameter '{name}' must be true or false, got {raw!r}")
        return Term.literal(low in ("true", "yes", "1"))
    raise QueryError(f"parameter '{name}' has an unknown type '{ptype}'")
