"""Whole validation reports kept in the user's cache, keyed by everything a report is made from.

The key is a digest of every input file's bytes (every file in the data folder, the ontology, the
shapes, the violation queries), how the data folder is named in findings, whether the reasoner ran,
the versions of the libraries that check the graph and the source of all of mfkg. So `mfkg validate`
on a tree it has validated before answers without loading, compiling or digesting anything, and any
change to any input runs every stage again. An entry that cannot be read or is not a report is a miss.
"""

from __future__ import annotations

import hashlib
import time
from functools import cache
from pathlib import Path
from typing import Any

from mfkg.curation.filecache import FileCache, user_cache
from mfkg.validation.findings import Finding, Report

_LIBRARIES = ("rdflib", "pyshacl", "pyoxigraph", "owlready2", "pydantic", "PyYAML", "latex2mathml")
_VERSION = 1   # of the entry's layout


@cache
def _source_fingerprint() -> str:
    """A digest of every Python file of mfkg and the versions of the libraries validation uses."""
    import sys
    from importlib.metadata import PackageNotFoundError, version

    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(f"{sys.version_info[:3]} {_VERSION}".encode())
    for name in _LIBRARIES:
        try:
            h.update(f"{name} {version(name)}\n".encode())
        except PackageNotFoundError:
            h.update(f"{name} -\n".encode())
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def _tree(folder: Path) -> list[Path]:
    """Every file below `folder`, through linked folders too (the loader follows them)."""
    import os

    files: list[Path] = []
    for root, dirs, names in os.walk(folder, followlinks=True):
        dirs.sort()
        files += (Path(root) / name for name in names)
    return sorted(p for p in files if p.is_file())


def inputs_key(data_dir: Path, ontology: Path, shapes: Path, queries_dir: Path, reasoner: bool,
               scope: str = "validate") -> str:
    """The digest of everything a validation report of `data_dir` depends on; "" when an input
    cannot be read (then nothing is reused and the stages report what is wrong). `scope` names the
    report's maker (`mfkg validate` reports the loader's warnings, the pipeline does not)."""
    from mfkg.project import DEFAULT_QUERIES

    data_dir = Path(data_dir)
    h = hashlib.sha256()

    def part(label: str, data: bytes) -> None:
        h.update(len(label).to_bytes(8, "little") + label.encode() + len(data).to_bytes(8, "little") + data)

    try:
        part("code", _source_fingerprint().encode())
        part("scope", scope.encode())
        part("reasoner", b"1" if reasoner else b"0")
        part("data folder", f"{data_dir}\0{data_dir.resolve().name}".encode())
        for path in _tree(data_dir):
            part("data " + path.relative_to(data_dir).as_posix(), path.read_bytes())
        part("ontology", Path(ontology).read_bytes())
        part("shapes", Path(shapes).read_bytes())
        for folder in dict.fromkeys((Path(queries_dir) / "checks", DEFAULT_QUERIES / "checks")):
            for path in _tree(folder):
                part(f"check {path}", path.read_bytes())
    except (OSError, ValueError):
        return ""
    return h.hexdigest()


def _cache() -> FileCache | None:
    return user_cache("validation-report")


def load(key: str) -> dict[str, Any] | None:
    """The entry saved under `key` (findings, stats, inferred N-Triples), or None: no entry, an
    unreadable one, or one not of this layout (the caller checks the findings' type)."""
    store = _cache() if key else None
    entry = store.get(store.key("report", key)) if store is not None else None
    if not (isinstance(entry, dict) and entry.get("version") == _VERSION and entry.get("key") == key
            and isinstance(entry.get("findings"), list) and isinstance(entry.get("stats"), dict)
            and (entry.get("inferred") is None or isinstance(entry["inferred"], bytes)
                 and entry.get("inferred digest") == hashlib.sha256(entry["inferred"]).hexdigest())):
        return None
    return entry


def save(key: str, findings: list[Any], stats: dict[str, Any], inferred: bytes | None) -> None:
    store = _cache() if key else None
    if store is not None:
        store.put(store.key("report", key), {
            "version": _VERSION, "key": key, "findings": list(findings), "stats": stats,
            "inferred": inferred, "inferred digest": hashlib.sha256(inferred).hexdigest() if inferred else None})


def reused_report(key: str, started: float) -> Report | None:
    """The report kept under `key` (see `report_cache.inputs_key`), or None."""
    entry = load(key)
    if entry is None or not all(isinstance(f, Finding) for f in entry["findings"]):
        return None
    report = Report(findings=entry["findings"], stats=entry["stats"], _inferred_nt=entry["inferred"])
    report.timings["reused (inputs unchanged)"] = time.perf_counter() - started
    return report


def keep_report(key: str, report: Report) -> None:
    save(key, report.findings, report.stats, report.inferred_ntriples())
