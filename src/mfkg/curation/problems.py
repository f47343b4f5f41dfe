"""A pydantic validation error, turned into one located sentence with a fix (`Problem`)."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel

from mfkg.curation import schema
from mfkg.curation.yamlio import YamlDocument
from mfkg.errors import Problem

_FIX_BY_TYPE = {
    "int_type": "write a plain integer such as 33000000 (no quotes, no 'M')",
    "float_type": "write a plain number such as 0.91",
    "bool_type": "write true or false",
    "string_type": "write text (put it in double quotes if it looks like a number or date)",
    "list_type": "write a YAML list, for example [a, b]",
    "model_type": "write a mapping of field: value",
    "dict_type": "write a mapping of field: value",
    "literal_error": "use one of the allowed values",
    "string_pattern_mismatch": "correct the format",
    "greater_than": "use a positive value",
    "greater_than_equal": "use a larger value",
    "less_than_equal": "use a smaller value",
    "too_short": "add at least one entry",
    "missing": "add the field",
    "value_error": "correct the record",
}

_FORMAT_HINTS = {
    schema.ID_PATTERN: "lowercase kebab-case such as 'scgpt' or 'esm-2'",
    schema.DOI_PATTERN: "a bare DOI such as 10.1038/s41592-024-02201-0",
    schema.ARXIV_PATTERN: "a bare arXiv id such as 2308.10519",
    schema.URL_PATTERN: "an http(s) URL",
    schema.HF_PATTERN: "an organisation/name id such as facebook/esm2_t33_650M_UR50D",
    schema.CURIE_PATTERN: "a CURIE such as EFO:0008913",
}


def field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _data_loc(raw: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """The parts of a pydantic error location that are real keys or indexes of the input; union
    branch tags ('int', 'function-after[…]') are dropped. A missing field keeps its name."""
    out: list[Any] = []
    current = data
    for i, part in enumerate(raw):
        if isinstance(current, dict) and isinstance(part, str) and part in current:
            out.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            out.append(part)
            current = current[part]
        elif i == len(raw) - 1 and isinstance(part, str) and isinstance(current, dict) and \
                not (part in ("int", "float", "str", "bool") or "[" in part or part.startswith("function-")):
            out.append(part)   # the last part names a field that is absent (missing) or extra
    return tuple(out)


def problem_from_error(err: dict[str, Any], loaded_doc: YamlDocument, base: tuple[str | int, ...],
                        record_cls: type[BaseModel], data: Any) -> Problem:
    loc = _data_loc(tuple(err["loc"]), data)
    typ = err["type"]
    fieldname = field_path(loc)
    line = loaded_doc.line_of(base + loc)
    if typ == "extra_forbidden" and loc:
        allowed = sorted(_fields_at(record_cls, loc[:-1]))
        bad = str(loc[-1])
        close = difflib.get_close_matches(bad, allowed, n=1)
        fix = f"did you mean '{close[0]}'?" if close else f"remove it; allowed fields are {', '.join(allowed)}"
        return Problem(loaded_doc.file, line, fieldname, f"unknown field '{bad}'", fix)
    if typ == "missing":
        name = loc[-1] if loc else err["loc"][-1]
        return Problem(loaded_doc.file, line, fieldname, f"required field '{name}' is missing", "add the field")
    got = err.get("input")
    msg = err["msg"]
    if typ == "string_pattern_mismatch":
        pattern = (err.get("ctx") or {}).get("pattern", "")
        msg = f"{got!r} is not {_FORMAT_HINTS.get(pattern, 'in the expected format')}"
    elif typ in ("int_type", "float_type", "bool_type", "string_type", "list_type", "dict_type", "model_type"):
        msg = f"{msg[0].lower()}{msg[1:]}, got {got!r}"
    elif typ == "literal_error":
        msg = f"{got!r} is not allowed; {err['msg'][0].lower()}{err['msg'][1:]}"
    elif typ == "value_error":
        msg = msg.removeprefix("Value error, ")
        head, sep, rest = msg.partition(": ")
        if sep and head.isidentifier():   # "field: message" from a record-level check
            fieldname = (fieldname + "." if fieldname else "") + head
            line = loaded_doc.line_of(base + loc + (head,))
            msg = rest
    return Problem(loaded_doc.file, line, fieldname, msg.rstrip("."), _FIX_BY_TYPE.get(typ, "correct the value"))


def _unwrap(tp: Any) -> Any:
    """Strip Annotated/Optional/list to reach a BaseModel class if there is one."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (list, tuple):
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            if arg is not type(None):
                inner = _unwrap(arg)
                if isinstance(inner, type) and issubclass(inner, BaseModel):
                    return inner
        return None
    return tp


def _fields_at(cls: type[BaseModel], loc: tuple[Any, ...]) -> set[str]:
    current: Any = cls
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return set()
        f = current.model_fields.get(str(part))
        if f is None:
            return set()
        current = _unwrap(f.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return set(current.model_fields)
    return set()
