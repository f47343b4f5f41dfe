"""Read `data/` into validated records, collecting every problem with its file and line.

The kinds of record, where they live and their record type are declared once in `KINDS`;
the loader, the reference checker and the graph builder all iterate over it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mfkg.curation.filecache import FileCache
from mfkg.curation.kinds import KINDS, REQUIRED_FILES, Kind
from mfkg.curation.limits import MAX_FILE_BYTES, MAX_FILES_PER_KIND
from mfkg.curation.loaded import Loaded, Records
from mfkg.curation.problems import problem_from_error
from mfkg.curation.references import check_cross_record, check_references, record_refs
from mfkg.curation.semantics import check_semantics
from mfkg.curation.yamlio import YamlDocument, read_yaml
from mfkg.errors import InvalidData, MfkgError, Problem
from mfkg.forked import forked_map


def _display(path: Path, data_dir: Path) -> str:
    """How messages name a file: the data folder's name, then the path inside it."""
    try:
        return f"{_folder_name(data_dir.absolute())}/{path.relative_to(data_dir).as_posix()}"
    except ValueError:
        return str(path)


@functools.lru_cache(maxsize=64)
def _folder_name(data_dir: Path) -> str:
    """An absolute data folder's own name, resolved once (`.` and `..` name the folder they stand for)."""
    return data_dir.resolve().name


def _source(path: Path, data_dir: Path) -> str:
    """How the graph records a file: the path inside the data folder only, so that the same data in a
    folder of another name gives the same graph."""
    try:
        return path.relative_to(data_dir).as_posix()
    except ValueError:
        return path.name


def _files(kind: Kind, data_dir: Path) -> list[Path]:
    """A folder kind: its *.yaml files. A list kind: its file, then `<stem>.d/*.yaml` beside it
    (each a list of the same records), so that curators of separate batches never edit one file."""
    if kind.source.endswith("/"):
        folder = data_dir / kind.source
        return sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    path = data_dir / kind.source
    extra = data_dir / (Path(kind.source).stem + ".d")
    return ([path] if path.exists() else []) + (sorted(extra.glob("*.yaml")) if extra.is_dir() else [])


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
            problem = problem_from_error(err, doc, path, kind.record, data)
            if (problem.line, problem.field) in seen:   # one message per field (unions report each branch)
                continue
            seen.add((problem.line, problem.field))
            problems.append(problem)
        return None


def _read_file(kind: Kind, path: Path, data_dir: Path) -> tuple[list[Loaded], list[Problem], set[str]]:
    """Parse and validate one data file: its records, its problems, and the ids of broken records."""
    problems: list[Problem] = []
    broken: set[str] = set()
    loaded: list[Loaded] = []
    display = _display(path, data_dir)
    doc = read_yaml(path, display, problems, _source(path, data_dir))
    if doc is None:
        if kind.one_per_file:
            broken.add(path.stem)   # unreadable, but its id is known: no follow-on reference errors
        return loaded, problems, broken
    if kind.one_per_file:
        record = _validate(kind, doc, doc.data, (), problems, broken)
        if record is None:
            broken.add(path.stem)   # its id is known from the file name even when the id field is broken
        else:
            if path.stem != record.id:
                problems.append(Problem(display, doc.line_of(("id",)), "id",
                                        f"id '{record.id}' does not match the file name '{path.name}'",
                                        f"rename the file to {record.id}.yaml or change the id"))
            loaded.append(Loaded(kind, record, doc, (), record_refs(record)))
    elif not isinstance(doc.data, list):
        problems.append(Problem(display, 1, "", f"expected a YAML list of {kind.name} records",
                                "start each record with '- '"))
    else:
        for i, item in enumerate(doc.data):
            record = _validate(kind, doc, item, (i,), problems, broken)
            if record is not None:
                loaded.append(Loaded(kind, record, doc, (i,), record_refs(record)))
    return loaded, problems, broken


def _cache_key(kind: Kind, path: Path, data_dir: Path, cache: FileCache | None) -> str:
    """The key of a file's parsed records in `cache` (its kind, place and bytes), or "" when the file is
    not to be cached: no cache, too large, or unreadable (`_read_file` reports those)."""
    if cache is None:
        return ""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return ""
        content = path.read_bytes()
    except OSError:
        return ""
    return cache.key(kind.name, _display(path, data_dir), _source(path, data_dir), content)


FileResult = tuple[list[Loaded], list[Problem], set[str]]


def _load_files(jobs: list[tuple[Kind, Path]], data_dir: Path, cache: FileCache | None) -> list[FileResult]:
    """`_read_file` for each (kind, file), in order, or its earlier result for the same bytes at the
    same place (see filecache). The files the cache does not answer are parsed on every core
    (`forked_map`): the same records, in the same order, as parsing them one after the other."""
    keys = [_cache_key(kind, path, data_dir, cache) for kind, path in jobs]
    results: list[FileResult | None] = [cache.get(key) if key and cache is not None else None for key in keys]
    todo = [i for i, hit in enumerate(results) if hit is None]

    def parse(i: int) -> FileResult:   # the cache entry is written where the file is parsed (on every core)
        parsed = _read_file(jobs[i][0], jobs[i][1], data_dir)
        if keys[i] and cache is not None:
            cache.put(keys[i], parsed)
        return parsed

    for i, parsed in zip(todo, forked_map(parse, todo)):
        results[i] = parsed
    out: list[FileResult] = []
    for key, result in zip(keys, results):
        assert result is not None
        if key:
            for x in result[0]:
                x.doc.digest = key   # names this exact input for the later stages' caches
        out.append(result)
    return out


def load_catalog(data_dir: Path, cache: FileCache | None = None) -> tuple[Records, list[Problem]]:
    """Read and validate every record below `data_dir`; return the catalog and all problems.
    With a cache, files whose bytes are unchanged since an earlier load are not parsed again."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    catalog = Records(data_dir)
    if not data_dir.is_dir():
        raise MfkgError(f"{data_dir}: the data folder does not exist; pass --data with the folder "
                        "that holds modalities.yaml, models/ …, or set MFKG_HOME to a project folder")
    for req in REQUIRED_FILES:
        if not (data_dir / req.rstrip("/")).exists():
            problems.append(Problem(_display(data_dir / req, data_dir), 0, "",
                                    "this required file or folder is missing", "create it (see data/README.md)"))
    too_many: dict[str, Problem] = {}
    jobs: list[tuple[Kind, Path]] = []
    for kind in KINDS:
        files = _files(kind, data_dir)
        if len(files) > MAX_FILES_PER_KIND:
            too_many[kind.name] = Problem(_display(data_dir / kind.source, data_dir), 0, "",
                                          f"{len(files):,} files hold {kind.name} records, more than {MAX_FILES_PER_KIND:,}",
                                          "keep unrelated files out of the data folder")
            files = []
        jobs += [(kind, path) for path in files]
    per_kind: dict[str, list[FileResult]] = {kind.name: [] for kind in KINDS}
    for (kind, _), result in zip(jobs, _load_files(jobs, data_dir, cache)):   # every file at once: see _load_files
        per_kind[kind.name].append(result)
    for kind in KINDS:
        loaded: list[Loaded] = []
        broken = catalog.broken.setdefault(kind.name, set())
        if kind.name in too_many:
            problems.append(too_many[kind.name])
        for file_loaded, file_problems, file_broken in per_kind[kind.name]:
            loaded += file_loaded
            problems += file_problems
            broken.update(file_broken)
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
    if not any(p.severity == "violation" for p in problems):   # the rules across records need sound records
        problems.extend(check_semantics(catalog))
    return catalog, problems


def violations(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a build (warnings do not; `mfkg validate` shows them)."""
    return [p for p in problems if p.severity == "violation"]


def load_kind(data_dir: Path, name: str, cache: FileCache | None = None) -> list[Loaded]:
    """The records of one kind whose references need no other kind (mappings, for an export), each
    file checked on its own; violations raise `InvalidData`."""
    kind = next(k for k in KINDS if k.name == name)
    loaded: list[Loaded] = []
    problems: list[Problem] = []
    files = _files(kind, Path(data_dir))
    for file_loaded, file_problems, _ in _load_files([(kind, path) for path in files], Path(data_dir), cache):
        loaded += file_loaded
        problems += file_problems
    if violations(problems):
        raise InvalidData(violations(problems))
    return loaded


def load_or_raise(data_dir: Path, cache: FileCache | None = None) -> Records:
    return check_data(data_dir, cache)[0]


def check_data(data_dir: Path, cache: FileCache | None = None) -> tuple[Records, list[Problem]]:
    """The records and the warnings about them (sorted); violations raise `InvalidData`."""
    catalog, problems = load_catalog(data_dir, cache)
    if violations(problems):
        raise InvalidData(violations(problems))
    return catalog, sorted(p for p in problems if p.severity != "violation")
