"""Read `data/` into validated records, collecting every problem with its file and line.

The kinds of record, where they live and their record type are declared once in `KINDS`;
the loader, the reference checker and the graph builder all iterate over it.
"""

from __future__ import annotations

import difflib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from pydantic import BaseModel, ValidationError

from . import schema
from .errors import InvalidData, MfkgError, Problem
from .yamlio import YamlDocument, read_yaml


@dataclass(frozen=True)
class Kind:
    """One kind of curated record and where its files live."""

    name: str                      # "model"
    record: type[schema.Record]    # schema.Model
    source: str                    # "models/" (one record per file) or "patterns.yaml" (a list)
    entity: bool = True            # gets an IRI and takes part in references
    many: bool = False             # a folder whose files each hold a list of records

    @property
    def one_per_file(self) -> bool:
        return self.source.endswith("/") and not self.many


KINDS: tuple[Kind, ...] = (
    Kind("modality", schema.Modality, "modalities.yaml"),
    Kind("tokenizer", schema.Tokenizer, "tokenizers.yaml"),
    Kind("layer-type", schema.LayerType, "layer_types.yaml"),
    Kind("pattern", schema.Pattern, "patterns.yaml"),
    Kind("task", schema.Task, "tasks.yaml"),
    Kind("technique", schema.Technique, "techniques.yaml"),
    Kind("trend", schema.Trend, "trends.yaml"),
    Kind("limit", schema.Limit, "limits.yaml"),
    Kind("recommendation", schema.Recommendation, "recommendations.yaml"),
    Kind("assay", schema.Assay, "assays.yaml"),
    Kind("capability", schema.Capability, "capabilities.yaml"),
    Kind("baseline", schema.Baseline, "baselines.yaml"),
    Kind("model", schema.Model, "models/"),
    Kind("publication", schema.Publication, "publications/"),
    Kind("dataset", schema.Dataset, "datasets/"),
    Kind("benchmark", schema.Benchmark, "benchmarks/"),
    Kind("result", schema.Result, "results/", many=True),
    Kind("seed-claim", schema.SeedClaim, "seed_claims.yaml"),
    Kind("mapping", schema.MappingRow, "mappings.yaml", entity=False),
    Kind("not-found", schema.NotFoundRow, "not_found.yaml", entity=False),
)
KIND_BY_NAME = {k.name: k for k in KINDS}
REQUIRED_FILES = ("modalities.yaml", "tokenizers.yaml", "layer_types.yaml", "patterns.yaml",
                  "tasks.yaml", "models/", "publications/")


@dataclass(frozen=True)
class Loaded:
    """A validated record with where it came from."""

    kind: Kind
    record: Any
    doc: YamlDocument
    path: tuple[str | int, ...]   # path of the record inside its document

    @property
    def id(self) -> str:
        return getattr(self.record, "id", "")

    def line(self, *sub: str | int) -> int:
        return self.doc.line_of(self.path + tuple(sub))


@dataclass
class Catalog:
    """All curated records, by kind, in a deterministic order (by id, then file)."""

    data_dir: Path
    items: dict[str, list[Loaded]] = field(default_factory=dict)
    broken: dict[str, set[str]] = field(default_factory=dict)   # ids of records that failed validation

    def of(self, kind: str) -> list[Loaded]:
        return self.items.get(kind, [])

    def records(self, kind: str) -> list[Any]:
        return [x.record for x in self.of(kind)]

    def ids(self, kind: str) -> set[str]:
        return {x.id for x in self.of(kind)}

    def get(self, kind: str, id_: str) -> Any | None:
        for x in self.of(kind):
            if x.id == id_:
                return x.record
        return None

    def claim_ids(self) -> set[str]:
        out = set()
        for kind in ("model", "dataset"):
            for x in self.of(kind):
                out.update(f"{x.id}/{c.id}" for c in x.record.claims)
        return out

    def __iter__(self) -> Iterator[Loaded]:
        for kind in KINDS:
            yield from self.of(kind.name)


def _display(path: Path, data_dir: Path) -> str:
    try:
        return str(Path(data_dir.name) / path.relative_to(data_dir))
    except ValueError:
        return str(path)


def _files(kind: Kind, data_dir: Path) -> list[Path]:
    """A folder kind: its *.yaml files. A list kind: its file, then `<stem>.d/*.yaml` beside it
    (each a list of the same records), so that curators of separate batches never edit one file."""
    if kind.source.endswith("/"):
        folder = data_dir / kind.source
        return sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    path = data_dir / kind.source
    extra = data_dir / (Path(kind.source).stem + ".d")
    return ([path] if path.exists() else []) + (sorted(extra.glob("*.yaml")) if extra.is_dir() else [])


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


def _field_path(loc: tuple[Any, ...]) -> str:
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


def _problem_from_error(err: dict[str, Any], loaded_doc: YamlDocument, base: tuple[str | int, ...],
                        record_cls: type[BaseModel], data: Any) -> Problem:
    loc = _data_loc(tuple(err["loc"]), data)
    typ = err["type"]
    fieldname = _field_path(loc)
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
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
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


def _validate(kind: Kind, doc: YamlDocument, data: Any, path: tuple[str | int, ...],
              problems: list[Problem], broken: set[str]) -> Any | None:
    if not isinstance(data, dict):
        problems.append(Problem(doc.file, doc.line_of(path), "",
                                f"expected a {kind.name} record (a mapping of field: value), got {type(data).__name__}",
                                "write the record as 'field: value' lines"))
        return None
    try:
        return kind.record.model_validate(data)
    except ValidationError as exc:
        if isinstance(data.get("id"), str):
            broken.add(data["id"])   # reported once here; references to it are not errors too
            claims = data.get("claims")
            if isinstance(claims, list):
                broken.update(f"{data['id']}/{c['id']}" for c in claims if isinstance(c, dict) and isinstance(c.get("id"), str))
        seen: set[tuple[int, str]] = set()
        for err in exc.errors():
            problem = _problem_from_error(err, doc, path, kind.record, data)
            if (problem.line, problem.field) in seen:   # one message per field (unions report each branch)
                continue
            seen.add((problem.line, problem.field))
            problems.append(problem)
        return None


def load_catalog(data_dir: Path) -> tuple[Catalog, list[Problem]]:
    """Read and validate every record below `data_dir`; return the catalog and all problems."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    catalog = Catalog(data_dir)
    if not data_dir.is_dir():
        raise MfkgError(f"{data_dir}: the data folder does not exist; pass --data with the folder "
                        "that holds modalities.yaml, models/ …")
    for req in REQUIRED_FILES:
        if not (data_dir / req.rstrip("/")).exists():
            problems.append(Problem(_display(data_dir / req, data_dir), 0, "",
                                    "this required file or folder is missing", "create it (see data/README.md)"))
    for kind in KINDS:
        loaded: list[Loaded] = []
        broken = catalog.broken.setdefault(kind.name, set())
        for path in _files(kind, data_dir):
            display = _display(path, data_dir)
            doc = read_yaml(path, display, problems)
            if doc is None:
                if kind.one_per_file:
                    broken.add(path.stem)   # unreadable, but its id is known: no follow-on reference errors
                continue
            if kind.one_per_file:
                record = _validate(kind, doc, doc.data, (), problems, broken)
                if record is None:
                    broken.add(path.stem)   # its id is known from the file name even when the id field is broken
                else:
                    if path.stem != record.id:
                        problems.append(Problem(display, doc.line_of(("id",)), "id",
                                                f"id '{record.id}' does not match the file name '{path.name}'",
                                                f"rename the file to {record.id}.yaml or change the id"))
                    loaded.append(Loaded(kind, record, doc, ()))
            else:
                if not isinstance(doc.data, list):
                    problems.append(Problem(display, 1, "", f"expected a YAML list of {kind.name} records",
                                            "start each record with '- '"))
                    continue
                for i, item in enumerate(doc.data):
                    record = _validate(kind, doc, item, (i,), problems, broken)
                    if record is not None:
                        loaded.append(Loaded(kind, record, doc, (i,)))
        if kind.entity:
            seen: dict[str, Loaded] = {}
            for x in loaded:
                if x.id in seen:
                    first = seen[x.id]
                    problems.append(Problem(x.doc.file, x.line("id"), "id",
                                            f"duplicate id '{x.id}' (first defined in {first.doc.file}:{first.line('id')})",
                                            "give one of the two records another id"))
                else:
                    seen[x.id] = x
            loaded = sorted(seen.values(), key=lambda x: x.id)
        catalog.items[kind.name] = loaded
    problems.extend(check_references(catalog))
    problems.extend(check_cross_record(catalog))
    return catalog, problems


def check_cross_record(catalog: Catalog) -> list[Problem]:
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
    elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        for arg in typing.get_args(tp):
            if arg is type(None):
                continue
            yield from _refs(value, arg, path)
            break
    elif isinstance(value, BaseModel):
        hints = typing.get_type_hints(type(value), include_extras=True)
        for name in type(value).model_fields:
            yield from _refs(getattr(value, name), hints[name], path + (name,))


def check_references(catalog: Catalog) -> list[Problem]:
    """Every Ref-typed field must name an existing record of its kind."""
    problems: list[Problem] = []
    ids = {k.name: catalog.ids(k.name) | catalog.broken.get(k.name, set()) for k in KINDS if k.entity}
    ids["claim"] = catalog.claim_ids() | {c for k in ("model", "dataset") for c in catalog.broken.get(k, set()) if "/" in c}
    for loaded in catalog:
        for kind, target, path in _refs(loaded.record, type(loaded.record), ()):
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
            problems.append(Problem(loaded.doc.file, loaded.line(*path), _field_path(path),
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


def load_or_raise(data_dir: Path) -> Catalog:
    catalog, problems = load_catalog(data_dir)
    if problems:
        raise InvalidData(problems)
    return catalog
