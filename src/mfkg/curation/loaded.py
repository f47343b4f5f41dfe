"""Validated records as they were loaded: each with its kind, its YAML document and where it sits in it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mfkg.curation.kinds import KINDS, Kind
from mfkg.curation.yamlio import YamlDocument


@dataclass(frozen=True)
class Loaded:
    """A validated record with where it came from."""

    kind: Kind
    record: Any
    doc: YamlDocument
    path: tuple[str | int, ...]   # path of the record inside its document
    # the references it makes, (kind, id, path inside the record), found when it was parsed and kept with it
    # in the record cache, so that a build reusing the cache does not walk every record again; None: not found yet
    refs: tuple[tuple[str, str, tuple[str | int, ...]], ...] | None = None

    @property
    def id(self) -> str:
        return getattr(self.record, "id", "")

    def line(self, *sub: str | int) -> int:
        return self.doc.line_of(self.path + tuple(sub))


@dataclass
class Records:
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
