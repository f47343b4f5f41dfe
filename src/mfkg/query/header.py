"""The header of a saved query file, read into plain values, and its scalar parameters bound.

`saved` builds its `SavedQuery` and `Param` records from `read_header`; the console script's quick
path reads the one file it needs through the same function, so both agree on every header. Light:
`re` and the light `terms` only (no `dataclasses`, `pathlib` or `typing` at run time).
"""

from __future__ import annotations

import re

from mfkg.query.terms import XSD, QueryError, Term

ENTITY_KINDS = ("model", "pattern", "task", "modality", "tokenizer", "layer-type", "dataset",
                "publication", "limit", "trend", "recommendation", "technique", "assay", "capability",
                "benchmark", "baseline", "seed-section")
SCALAR_TYPES = ("string", "integer", "decimal", "boolean")
_HEADER = re.compile(r"^#\s*(title|description|sections|param|kinds|severity|examples):\s*(.*)$")
_PARAM = re.compile(r"^(?P<name>[a-z_][a-z0-9_]*)\s*\((?P<type>[a-z|-]+(?: ids?)?)\)\s*(=\s*(?P<default>[^—]*?))?\s*(—\s*(?P<desc>.*))?$")


def read_header(text: str, where: str) -> dict[str, object]:
    """The header's values: title, description, sections, kinds, severity, examples, and params as
    (name, type, default, description) tuples; `where` (the file) names the line of a mistake."""
    meta: dict[str, object] = {}
    params: list[tuple[str, str, str | None, str]] = []
    for n, line in enumerate(text.splitlines(), 1):
        m = _HEADER.match(line.strip())
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "param":
            params.append(_param(value, where, n))
        elif key == "sections":
            meta["sections"] = tuple(int(x) for x in re.findall(r"\d+", value))
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


def _param(value: str, where: str, n: int) -> tuple[str, str, str | None, str]:
    pm = _PARAM.match(value)
    if not pm:
        raise QueryError(f"{where}:{n}: cannot read the parameter declaration; "
                         "write '# param: name (type) = default — description'")
    ptype = pm.group("type")
    if ptype not in SCALAR_TYPES + ENTITY_KINDS and not (" " in ptype and entity_kinds(ptype)):
        raise QueryError(f"{where}:{n}: unknown parameter type '{ptype}'; use one of "
                         f"{', '.join(SCALAR_TYPES + ENTITY_KINDS)}, or 'KIND id' / 'KIND ids'")
    default = pm.group("default")
    return pm.group("name"), ptype, default.strip() if default else None, (pm.group("desc") or "").strip()


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
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    m = re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", body, re.IGNORECASE)
    return m.group(1).upper() if m else "SELECT"


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
