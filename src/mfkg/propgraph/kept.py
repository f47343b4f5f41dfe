"""The property graph of a build folder's store, kept beside the store: projecting the whole graph takes
seconds at the curated catalogue's size, and every verb over the property graph (`mfkg cypher`, `viz`,
`path`, `neighbours`, `centrality`, `components`) needs it.

One file, `store/propgraph.pickle`, kept as `query.kept` keeps what mfkg derives from a whole store:
with its key (the graphs the store holds and the code that projects them), read and written only while
the store's manifest says what the opened store holds; a file that cannot be read is a miss.
"""

from __future__ import annotations

from pathlib import Path

from mfkg.propgraph.projection import PropertyGraph, project, store_triples

KEPT_FILE = "propgraph.pickle"


def build_projection(build_dir: Path) -> PropertyGraph:
    """The property graph of a build folder's store (asserted and inferred), projected once per store
    contents."""
    from mfkg.query.held import in_memory
    from mfkg.query.kept import kept
    from mfkg.query.store import open_store

    store = open_store(build_dir)   # brings the store up to date with the graph files (a new manifest if not)
    # read from an in-memory copy, as the site reads the graph: the projection follows the order of the
    # triples, so the site's own projection and this one are the same
    return kept(store, KEPT_FILE.removesuffix(".pickle"), PropertyGraph,
                lambda s: project(store_triples(in_memory(s))), ("propgraph/*.py", "query/held.py"))
