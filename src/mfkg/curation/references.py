"""Rules across records: every reference names an existing record; a result's metric, range and
variant match its benchmark and model; no model derives from itself."""

from __future__ import annotations

import difflib
import functools
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from mfkg.curation import schema
from mfkg.curation.kinds import KINDS
from mfkg.curation.loaded import Records
from mfkg.curation.problems import field_path
from mfkg.errors import Problem


def check_cross_record(catalog: Records) -> list[Problem]:
    """Rules that need two records at once: a result's metric and variant, a benchmark's range."""
    problems: list[Problem] = []
    benchmarks = {b.id: b.record for b in catalog.of("benchmark")}
    variants = {m.id: {v.id for v in m.record.variants} for m in catalog.of("model")}
    for x in catalog.of("result"):
        r: schema.Result = x.record
        bench = benchmarks.get(r.benchmark)
        if bench is not None:
            metrics = {m.id: m for m in bench.metrics}
            metric = metrics.get(r.metric)
            if metric is None:
                problems.append(Problem(x.doc.file, x.line("metric"), "metric",
                                        f"'{r.metric}' is not a metric of benchmark '{r.benchmark}'",
                                        f"use one of {', '.join(sorted(metrics))} or add the metric to benchmarks/{r.benchmark}.yaml"))
            elif (metric.minimum is not None and r.value < metric.minimum) or \
                    (metric.maximum is not None and r.value > metric.maximum):
                problems.append(Problem(x.doc.file, x.line("value"), "value",
                                        f"{r.value} is outside the range of {metric.label} "
                                        f"[{metric.minimum}, {metric.maximum}]",
                                        "check the value in the source (a percentage written as a fraction, or the reverse?)"))
        if r.variant and r.model in variants and r.variant not in variants[r.model]:
            known = sorted(variants[r.model])
            problems.append(Problem(x.doc.file, x.line("variant"), "variant",
                                    f"'{r.variant}' is not a variant of model '{r.model}'",
                                    f"use one of {', '.join(known)}" if known else f"declare it under `variants` in models/{r.model}.yaml"))
    for x in catalog.of("model"):
        for i, lin in enumerate(x.record.derived_from):
            if lin.model == x.id:
                problems.append(Problem(x.doc.file, x.line("derived_from", i, "model"), f"derived_from[{i}].model",
                                        "a model cannot derive from itself", "remove the entry or name the parent model"))
    return problems


def _refs(value: Any, tp: Any, path: tuple[str | int, ...]) -> Iterator[tuple[str, str, tuple[str | int, ...]]]:
    """Yield (kind, referenced id, path) for every Ref-typed value inside `value`."""
    if value is None:
        return
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(tp)
        for m in meta:
            if isinstance(m, schema.Ref) and isinstance(value, str):
                yield m.kind, value, path
                return
        yield from _refs(value, base, path)
    elif origin in (list, tuple) and isinstance(value, list):
        (inner,) = typing.get_args(tp)[:1]
        for i, v in enumerate(value):
            yield from _refs(v, inner, path + (i,))
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            if arg is type(None):
                continue
            yield from _refs(value, arg, path)
            break
    elif isinstance(value, BaseModel):
        for name, hint in _ref_fields(type(value)):
            yield from _refs(getattr(value, name), hint, path + (name,))


def record_refs(record: BaseModel) -> tuple[tuple[str, str, tuple[str | int, ...]], ...]:
    """Every reference a record makes: (kind, referenced id, path inside the record)."""
    return tuple(_refs(record, type(record), ()))


@functools.cache
def _ref_fields(cls: type) -> tuple[tuple[str, Any], ...]:
    """The fields of a record type that can hold a reference (directly or nested), with their types;
    worked out once per type, since thousands of records share a few dozen types."""
    hints = typing.get_type_hints(cls, include_extras=True)
    return tuple((name, hints[name]) for name in cls.model_fields if _may_refer(hints[name]))


@functools.cache
def _may_refer(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(tp)
        return any(isinstance(m, schema.Ref) for m in meta) or _may_refer(base)
    if origin is not None:
        return any(_may_refer(arg) for arg in typing.get_args(tp) if arg is not Ellipsis)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return bool(_ref_fields(tp))
    return False


def check_references(catalog: Records) -> list[Problem]:
    """Every Ref-typed field must name an existing record of its kind."""
    problems: list[Problem] = []
    ids = {k.name: catalog.ids(k.name) | catalog.broken.get(k.name, set()) for k in KINDS if k.entity}
    ids["claim"] = catalog.claim_ids() | {c for k in ("model", "dataset") for c in catalog.broken.get(k, set()) if "/" in c}
    for loaded in catalog:
        for kind, target, path in loaded.refs if loaded.refs is not None else record_refs(loaded.record):
            if kind == "any":
                ok, pool, shown = _check_any(target, ids)
            elif kind == "claim" and target.split("/")[0] in catalog.broken.get("model", set()) | catalog.broken.get("dataset", set()):
                continue   # the claim belongs to a record that failed to load; that record is reported
            else:
                pool = ids.get(kind, set())
                ok, shown = target in pool, kind
            if ok:
                continue
            close = difflib.get_close_matches(target.split("/")[-1] if kind == "any" else target,
                                              sorted(pool), n=1, cutoff=0.6)
            fix = f"did you mean '{close[0]}'?" if close else f"add a {shown} record with id '{target}' or correct the reference"
            problems.append(Problem(loaded.doc.file, loaded.line(*path), field_path(path),
                                    f"'{target}' is not a known {shown} id", fix))
    return problems


def _check_any(target: str, ids: dict[str, set[str]]) -> tuple[bool, set[str], str]:
    """References of the form '<kind>/<id>'; a bare id is accepted if any kind has it."""
    if "/" in target:
        kind, _, id_ = target.partition("/")
        if kind in ids:
            return id_ in ids[kind], ids[kind], kind
        return False, set(ids), "kind"
    everything = set().union(*ids.values())
    return target in everything, everything, "record"
