"""The persisted store's graphs held in memory, for a reader that asks them many questions and reads
them whole: the static site.

The same engine answers from memory several times faster than from its on-disk store (measured here
with pyoxigraph 0.5.13, best of three, on the curated graph: `benchmark-results` 752 -> 160 ms,
`result-conflicts` 464 -> 69 ms, `catalog` 95 -> 32 ms; at a million triples `catalog` 5.3 -> 2.5 s).
A copy costs one parse of the files the store was built from (0.6 s for the curated graph) and about
600 bytes of memory per triple, so it pays for a reader that asks more than a few questions; a cold
`mfkg query run` keeps reading the store on disk.

The copy holds what the store holds: each file is checked against the store's manifest (its size and
modification time, the rule the store itself uses) before and after it is read. Its order (that of
answers without an ORDER BY, and of GROUP_CONCAT's values) is its own, the same in every run, and not
the on-disk store's: a reader whose output follows that order (the site) always reads a copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mfkg.query.manifest import MANIFEST, contents, fingerprints, read_manifest
from mfkg.query.oxstore import OxigraphStore, Source, rdf_format


def _unchanged(sources: list[Source], directory: Path) -> bool:
    """Whether every file is what the store's manifest says the store was built from (its path, size
    and modification time: the rule a cold query uses to trust the store)."""
    manifest = read_manifest(directory / MANIFEST)
    try:
        now = fingerprints([(s.graph, s.path) for s in sources], manifest, rehash=False)
    except OSError:   # a file is gone
        return False
    return now is not None and contents(now) == contents(manifest)


def load_copy(sources: list[Source], directory: Path) -> Any | None:
    """A pyoxigraph in-memory store with each source in its named graph, or None when a file is not
    what the store in `directory` was built from (changed, moved, gone, or unreadable as RDF)."""
    import pyoxigraph as ox

    if not _unchanged(sources, directory):
        return None
    copy = ox.Store()
    try:
        for s in sources:
            # one file after the other, in one thread: the copy's order (which answers without an ORDER BY
            # and GROUP_CONCAT follow) is the same in every run
            copy.load(path=str(s.path), format=rdf_format(s.path), to_graph=ox.NamedNode(s.graph))
    except (OSError, SyntaxError):
        return None
    return copy if _unchanged(sources, directory) else None


def in_memory(store: Any) -> Any:
    """`store` held in memory when it is a persisted store; other stores (in memory already, remote) as
    they are. Raises `MfkgError` when a file the store was built from changed since (the copy would not
    hold what the store holds)."""
    from mfkg.errors import MfkgError
    from mfkg.query.store import EmbeddedStore

    if type(store) is not EmbeddedStore:
        return store
    copy = load_copy(store.sources, store.directory)
    if copy is None:
        files = ", ".join(str(s.path) for s in store.sources)
        raise MfkgError(f"{files}: a file changed while it was being read; run the command again")
    # nothing derived from the copy is kept beside the store (`query.kept`): it follows the copy's order
    return OxigraphStore(copy, list(store.sources))
