"""What mfkg derives from a whole store — the index of every entity's names (`resolve.index_for`), the
vocabulary ad-hoc queries are checked against (`lint.vocabulary`), the property graph (`propgraph.kept`)
— kept beside the store, so that a command that names an entity, checks a query or walks the graph does
not ask the store for all of it first (about 0.6 s, 0.5 s and seconds on the curated graph, each time a
command starts).

Each one is a pickle in the store's folder, `NAME.pickle`, holding its key with it: the graphs the
store holds (each source's path and sha256, from the manifest the store was opened with) and a digest
of the code that derives it. It is read only when the manifest on disk still says what the opened
store holds, and written only then (another process may have rebuilt the store meanwhile); a file
that cannot be read is a miss. Remote and in-memory stores are asked every time. The file is written
by mfkg into the user's own build folder, like the build cache.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


@cache
def _code(code: tuple[str, ...]) -> str:
    """A digest of Python's version and the named modules of mfkg, as paths or patterns below the
    package (an upgrade never reuses a stale file)."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(f"{sys.version_info[:2]}".encode())
    for pattern in ("query/kept.py", "query/store.py", "query/oxstore.py", "query/terms.py", *code):
        for path in sorted(root.glob(pattern)):
            h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def kept(store: Any, name: str, kind: type[T], make: Callable[[Any], T], code: tuple[str, ...]) -> T:
    """`make(store)`, or what an earlier call kept for a store holding the same graphs with the same
    code (`code`: the modules below the package, besides the store's own, that `make` depends on, as
    paths or patterns such as "propgraph/*.py")."""
    holds = getattr(store, "holds", None)
    if holds is None:
        return make(store)
    from mfkg.query.manifest import MANIFEST, read_manifest, summary

    folder: Path = store.directory
    path = folder / f"{name}.pickle"
    key = f"{_code(code)} {holds}"
    if summary(read_manifest(folder / MANIFEST)) == holds:
        try:
            with open(path, "rb") as fh:
                kept_key, value = pickle.load(fh)
            if kept_key == key and isinstance(value, kind):
                return value
        except Exception:   # missing, half-written by a killed process, another Python: made again
            pass
    value = make(store)
    if summary(read_manifest(folder / MANIFEST)) == holds:
        from mfkg.errors import MfkgError
        from mfkg.files import atomic_write

        try:
            atomic_write(path, pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, MfkgError):   # a read-only build folder only makes the next command slower
            pass
    return value
