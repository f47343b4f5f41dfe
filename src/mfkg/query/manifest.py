"""The embedded store's manifest: which file each named graph was loaded from, with its size,
modification time and sha256, so a store is rebuilt only when a source's contents change.

`store.EmbeddedStore` rebuilds or updates the store from it; the console script's quick path opens
the store read-only only when the manifest matches every source as it is (nothing to rebuild, nothing
to write). Light: `os` and `json`; `hashlib` only when a file must be hashed.
"""

from __future__ import annotations

import json
import os

TYPE_CHECKING = False   # `typing` is not imported at run time (see the module's docstring)
if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

MANIFEST = "manifest.json"   # in the store's folder, beside …
DATABASE = "oxigraph"        # … the Oxigraph database folder


def sha256(path: str | Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fingerprints(sources: Iterable[tuple[str, str | Path]], known: dict | None, *,  # type: ignore[type-arg]
                 rehash: bool = True) -> dict[str, dict[str, object]] | None:
    """Each (graph, file)'s path, size, modification time and sha256; the hash is recomputed only when
    the size or time differ from what the manifest knows (a cold query does not read the whole graph).
    With `rehash=False`, None instead of hashing any file."""
    out: dict[str, dict[str, object]] = {}
    for graph, path in sources:
        st = os.stat(path)
        entry: dict[str, object] = {"path": str(path), "size": st.st_size, "mtime_ns": st.st_mtime_ns}
        old = (known or {}).get(graph) or {}
        same = all(old.get(k) == entry[k] for k in ("path", "size", "mtime_ns")) and "sha256" in old
        if not same and not rehash:
            return None
        entry["sha256"] = old["sha256"] if same else sha256(path)
        out[graph] = entry
    return out


def contents(manifest: object) -> dict[str, tuple[object, object]] | None:
    """What a manifest says the store holds: each graph's file and hash."""
    if not isinstance(manifest, dict):
        return None
    return {g: (e.get("path"), e.get("sha256")) for g, e in manifest.items() if isinstance(e, dict)}


def read_manifest(path: str | Path) -> object:
    """The store's manifest, or None when it is missing or unreadable (a rebuild was interrupted)."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.loads(fh.read())
    except (OSError, ValueError):
        return None


def is_current(store_dir: str, sources: list[tuple[str, str]]) -> bool:
    """True when the store in `store_dir` holds exactly these sources as they are now, its manifest needs
    no update and its database exists: it can be opened read-only with no other work."""
    current = read_manifest(os.path.join(store_dir, MANIFEST))
    if not isinstance(current, dict):
        return False
    try:
        wanted = fingerprints(sources, current, rehash=False)
    except OSError:
        return False
    return wanted == current and os.path.isdir(os.path.join(store_dir, DATABASE))
