"""A saved SELECT query answered with the least work, for the console script's `mfkg query run NAME`:
only `queries/NAME.rq` is read (through the same header reader as the catalogue), parameters
are bound by the same code as `saved` (an entity named by its exact id or kind/id found as the resolver
finds it, `ids.exact_entity`), the store is opened read-only when its manifest says it is current, and
answers are labelled as `saved.run_saved` labels them.

`run_quick` answers None whenever the full path must answer instead, so the output never differs:
an unknown query name (the catalogue suggests one), a query that is not SELECT, an entity named by
anything but its exact id or kind/id (the resolver's index of every name does the rest), a missing,
unknown or bad parameter, a store that needs building or refreshing or holds merged graphs, a query
the engine rejects, and no rows when values were given (the full path says which value matched
nothing). Imports only `os` and pyoxigraph (not `re` or `json`: a test checks it).
"""

from __future__ import annotations

import os

from mfkg.errors import MfkgError
from mfkg.home import EXTRA_GRAPHS_FILE, GRAPH_FILE, INFERRED_FILE, STORE_DIR, project_root
from mfkg.query.header import ENTITY_KINDS, bind_scalar, entity_kinds, query_form, read_header, split_names
from mfkg.query.manifest import DATABASE, is_current
from mfkg.query.oxstore import ASSERTED_GRAPH, INFERRED_GRAPH, OxigraphStore, Source
from mfkg.query.terms import ResultTable, Term, drop_columns


def run_quick(name: str, values: dict[str, str], build_dir: str, *, inferred: bool = True) -> ResultTable | None:
    """The labelled answer `mfkg query run NAME` prints, or None when the full path must answer."""
    found = _read_query(name)
    if found is None:
        return None
    text, params = found
    if query_form(text) != "SELECT" or any(k not in {p[0] for p in params} for k in values):
        return None
    store = _open_current(build_dir)
    bindings = _bind(store, params, values) if store is not None else None
    if store is None or bindings is None:
        return None
    try:
        table = drop_columns(store.select(text, bindings, inferred=inferred), [p[0] for p in params])
    except MfkgError:   # a syntax error the full path explains in words
        return None
    if not table.rows and values:
        return None
    table.labels = store.labels(t.value for row in table.rows for t in row if t is not None and t.kind == "uri")
    return table


def _read_query(name: str) -> tuple[str, tuple[tuple[str, str, str | None, str], ...]] | None:
    """The text and declared parameters of queries/NAME.rq, or None (no such file, a header mistake)."""
    if not name or name.startswith(".") or "/" in name or os.sep in name:
        return None
    path = os.path.join(project_root(), "queries", name + ".rq")
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        return text, read_header(text, path)["params"]  # type: ignore[return-value]
    except (OSError, UnicodeDecodeError, MfkgError):
        return None


def _bind(store: OxigraphStore, params: tuple[tuple[str, str, str | None, str], ...],
          values: dict[str, str]) -> dict[str, Term] | None:
    """The values as RDF terms, bound as `saved.Param.bind` binds them, when every value is good and every
    name is an entity's exact id or kind/id; else None (the full path resolves other names and words
    the mistakes)."""
    out: dict[str, Term] = {}
    for pname, ptype, default, _ in params:
        raw = values.get(pname, default)
        if raw is None or raw == "":
            return None
        kinds = entity_kinds(ptype)
        if not kinds:
            try:
                out[pname] = bind_scalar(pname, ptype, str(raw))
            except MfkgError:
                return None
            continue
        from mfkg.query.ids import exact_entity

        names = split_names(raw) if ptype.endswith(" ids") else [raw]
        iris = [exact_entity(store, n, kinds) for n in names]
        if None in iris:
            return None
        if ptype in ENTITY_KINDS:
            out[pname] = Term.uri(iris[0])  # type: ignore[arg-type]
        else:
            out[pname] = Term.literal(" ".join(i.rsplit("/", 1)[-1] for i in iris))  # type: ignore[union-attr]
    return out


def _open_current(build_dir: str) -> OxigraphStore | None:
    """The build's store opened read-only, if it holds the build's graphs as they are now and no merged
    graph; else None (the full path builds, refreshes or lists the merged graphs)."""
    import pyoxigraph as ox

    if os.path.exists(os.path.join(build_dir, EXTRA_GRAPHS_FILE)):
        return None
    sources = [(ASSERTED_GRAPH, os.path.join(build_dir, GRAPH_FILE))]
    inferred = os.path.join(build_dir, INFERRED_FILE)
    if os.path.exists(inferred):
        sources.append((INFERRED_GRAPH, inferred))
    store_dir = os.path.join(build_dir, STORE_DIR)
    if not is_current(store_dir, sources):
        return None
    try:
        db = ox.Store.read_only(os.path.join(store_dir, DATABASE))
    except OSError:
        return None
    return OxigraphStore(db, [Source(g, p) for g, p in sources])
