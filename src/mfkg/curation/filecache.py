"""A cache of work done per input file, kept between builds in the build folder.

Each entry is keyed by the file's bytes, the unit's context and a fingerprint of the code that did the
work (the mfkg version and the source of the stages that read and compile data), so that an entry is
used only where recomputing would give the same value. Entries are written atomically; an entry that
cannot be read (a killed writer, another Python) is a miss and is recomputed. The entries are pickles
written by mfkg into the user's own build folder: a folder that others can write to should not be
used as a build folder.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from functools import cache
from pathlib import Path
from typing import Any

_CODE_PARTS = ("curation", "rdf")
_CODE_FILES = ("namespaces.py", "_version.py", "project.py")


@cache
def code_fingerprint() -> str:
    """A digest of the code whose output the cache keeps (so an upgrade never reuses stale entries)."""
    import pydantic

    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(f"{sys.version_info[:2]} {pydantic.VERSION}".encode())
    files = [root / name for name in _CODE_FILES]
    for part in _CODE_PARTS:
        files += sorted((root / part).glob("*.py"))
    for path in files:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


class FileCache:
    """Values by key under one folder (one file per entry, two-level fan-out)."""

    def __init__(self, folder: Path, namespace: str):
        self.folder = Path(folder) / namespace
        self.hits = 0
        self.misses = 0

    def key(self, *parts: bytes | str) -> str:
        return digest(code_fingerprint(), *parts)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key[2:]

    def get(self, key: str) -> Any | None:
        try:
            with open(self._path(key), "rb") as fh:
                value = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Write the entry beside its place under a name of this process and thread, then rename it
        there (readers never see half an entry). Lighter than `files.atomic_write`: a build writes a
        thousand entries, and an entry's mode does not matter."""
        import os
        import threading

        path = self._path(key)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            try:
                fh = open(tmp, "wb")
            except FileNotFoundError:
                path.parent.mkdir(parents=True, exist_ok=True)
                fh = open(tmp, "wb")
            with fh:
                fh.write(data)
            os.replace(tmp, path)
        except Exception:   # a cache that cannot be written only makes the next build slower
            tmp.unlink(missing_ok=True)


class NoCache(FileCache):
    """A cache that keeps nothing: every unit is computed (a build without the cache)."""

    def __init__(self) -> None:
        super().__init__(Path(), "none")

    def get(self, key: str) -> Any | None:
        self.misses += 1
        return None

    def put(self, key: str, value: Any) -> None:
        pass


def user_cache(namespace: str) -> FileCache | None:
    """The cache shared by every build folder of this user: `$MFKG_CACHE_DIR`, else
    `$XDG_CACHE_HOME/mfkg`, else `~/.cache/mfkg`; `MFKG_CACHE_DIR=off` turns it off."""
    import os

    chosen = os.environ.get("MFKG_CACHE_DIR")
    if chosen is not None and chosen.strip().lower() in ("off", "0", "no", "none", ""):
        return None
    if chosen:
        root = Path(chosen)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        root = (Path(xdg) if xdg else Path.home() / ".cache") / "mfkg"
    return FileCache(root, namespace)
