"""The property graph of a build folder's store, kept beside the store: projecting the whole graph takes
seconds at the curated catalogue's size, and every verb over the property graph (`mfkg cypher`, `viz`,
`path`, `neighbours`, `centrality`, `components`) needs it.

One file, `store/propgraph.pickle`, holds the last projection with its key: what the store holds (the
sha256 of each source graph, from the store's manifest) and the code that projects it. A projection is
kept only when the store's manifest was the same before the store was opened and after the projection
(no rebuild by another process in between); a file that cannot be read is a miss. The file is a pickle
written by mfkg into the user's own build folder, like the build cache.
"""

from __future__ import annotations

import json
import pickle
from functools import cache
from pathlib import Path

from mfkg.propgraph.projection import PropertyGraph, project, store_triples

KEPT_FILE = "propgraph.pickle"


@cache
def _code() -> str:
    """A digest of the code the projection depends on (so an upgrade never reuses a stale one)."""
    from mfkg.curation.filecache import code_fingerprint, digest

    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "propgraph").glob("*.py")) + [root / "query" / "store.py", root / "query" / "terms.py"]
    return digest(code_fingerprint(), *(f.name.encode() + b"\0" + f.read_bytes() for f in files))


def _contents(store_dir: Path) -> str | None:
    """What the store holds, from its manifest: each graph's file and sha256 (None when unreadable)."""
    from mfkg.query.manifest import MANIFEST, contents, read_manifest

    graphs = contents(read_manifest(store_dir / MANIFEST))
    return None if graphs is None else json.dumps({g: list(v) for g, v in graphs.items()}, sort_keys=True)


def build_projection(build_dir: Path) -> PropertyGraph:
    """The property graph of a build folder's store (asserted and inferred), projected once per store
    contents."""
    from mfkg.project import BuildFolder
    from mfkg.query.store import open_store

    store_dir = BuildFolder(Path(build_dir)).store
    before = _contents(store_dir)
    store = open_store(build_dir)   # brings the store up to date with the graph files (a new manifest if not)
    # the projection is read or kept only when the manifest did not change around the opening and the
    # projection: then the opened store holds what `before` describes
    steady = before is not None and _contents(store_dir) == before
    key = f"{_code()} {before}"
    kept = store_dir / KEPT_FILE
    if steady:
        try:
            with open(kept, "rb") as fh:
                kept_key, pg = pickle.load(fh)
            if kept_key == key and isinstance(pg, PropertyGraph):
                return pg
        except Exception:   # missing, half-written by a killed process, another Python: project again
            pass
    pg = project(store_triples(store))
    if steady and _contents(store_dir) == before:
        from mfkg.errors import MfkgError
        from mfkg.files import atomic_write

        try:
            atomic_write(kept, pickle.dumps((key, pg), protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, MfkgError):   # a read-only build folder only makes the next verb slower
            pass
    return pg
