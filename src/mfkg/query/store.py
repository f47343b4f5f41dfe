"""Where queries run: the embedded Oxigraph store, or any SPARQL 1.1 endpoint, behind one interface.

`open_store("build")` opens (and refreshes, if its sources changed) the persisted embedded store;
`open_store("http://…/sparql")` talks to a remote endpoint. Both take parameters as RDF terms
and bind them as values: pyoxigraph substitutes them engine-side; for a remote endpoint they
are sent as a trailing VALUES clause of escaped N-Triples terms.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from mfkg.errors import MfkgError
from mfkg.project import BuildFolder
from mfkg.query.manifest import DATABASE, MANIFEST, contents, fingerprints, manifest_bytes, read_manifest, sha256, summary
from mfkg.query.oxstore import (
    ASSERTED_GRAPH,
    EXTRA_GRAPH,
    GRAPH_BASE,
    INFERRED_GRAPH,
    RDFS_LABEL,
    OxigraphStore,
    QuerySyntaxError,
    Source,
    _from_ox,
    _to_ox,
    fetch_labels,
    rdf_format,
)
from mfkg.query.terms import ResultTable, Term

# callers find these here, though the light modules the console script's quick path uses define them
__all__ = ["ASSERTED_GRAPH", "EXTRA_GRAPH", "GRAPH_BASE", "INFERRED_GRAPH", "RDFS_LABEL", "EmbeddedStore", "MemoryStore",
           "OxigraphStore", "QuerySyntaxError", "RemoteStore", "Source", "Store", "_from_ox", "_to_ox", "default_sources",
           "fetch_labels", "open_store", "sha256"]


_OUTER_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def _mask_strings_and_comments(text: str) -> str:
    """Blank out string literals, IRIs and comments (same length) so keyword search ignores them."""
    return re.sub(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"\s]*>|#[^\n]*',
                  lambda m: " " * len(m.group(0)), text)


class Store(Protocol):
    def select(self, query: str, bindings: dict[str, Term] | None = None, *,
               inferred: bool = True) -> ResultTable: ...

    def ask(self, query: str, bindings: dict[str, Term] | None = None, *, inferred: bool = True) -> bool: ...

    def construct(self, query: str, bindings: dict[str, Term] | None = None, *,
                  inferred: bool = True) -> list[tuple[Term, Term, Term]]: ...


# ------------------------------------------------------------------------------ embedded
class EmbeddedStore(OxigraphStore):
    """A persisted Oxigraph store rebuilt from its source files whenever one changes."""

    def __init__(self, directory: Path, sources: list[Source]):
        import pyoxigraph as ox

        self.directory = Path(directory)
        self.sources = sources
        manifest = self.directory / MANIFEST
        current = read_manifest(manifest)
        wanted = fingerprints([(s.graph, s.path) for s in sources], current)
        db = self.directory / DATABASE
        self.holds = summary(wanted)   # what is kept beside the store is keyed by it (`query.kept`)
        if contents(current) != contents(wanted) or not db.exists():
            self._rebuild_locked(db, manifest, wanted)
        elif current != wanted:   # the same contents under a new timestamp: remember it, keep the store
            from mfkg.files import atomic_write

            atomic_write(manifest, manifest_bytes(wanted))
        try:
            self._store = ox.Store.read_only(str(db))
        except OSError:
            self._rebuild_locked(db, manifest, wanted, force=True)
            self._store = ox.Store.read_only(str(db))

    def _rebuild_locked(self, db: Path, manifest: Path, wanted: dict[str, dict[str, str]], force: bool = False) -> None:
        """One rebuild at a time; a process that waited finds the store another one just rebuilt."""
        from mfkg.files import folder_lock

        with folder_lock(self.directory / "rebuild.lock", "the store rebuild"):
            if force or contents(read_manifest(manifest)) != contents(wanted) or not db.exists():
                for stale in db.parent.glob(db.name + ".tmp*"):   # left by a rebuild that was killed
                    shutil.rmtree(stale, ignore_errors=True)
                self._rebuild(db, manifest, wanted)

    def _rebuild(self, db: Path, manifest: Path, wanted: dict[str, dict[str, str]]) -> None:
        import pyoxigraph as ox

        tmp = db.with_name(db.name + f".tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.parent.mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(tmp))
        for s in self.sources:
            try:
                store.bulk_load(path=str(s.path), format=rdf_format(s.path), to_graph=ox.NamedNode(s.graph))
            except SyntaxError as exc:
                shutil.rmtree(tmp, ignore_errors=True)
                raise MfkgError(f"{s.path}: not valid RDF ({exc}); fix the file, or run 'mfkg unmerge {s.path}' "
                               "if it was merged") from None
        store.flush()
        # compacted once, here: bulk loading leaves many overlapping files, and at 5M triples the
        # saved questions ran about 2.5x slower on them (the compaction costs about half the load time)
        store.optimize()
        del store
        old = db.with_name(db.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if db.exists():
            os.replace(db, old)
        os.replace(tmp, db)
        shutil.rmtree(old, ignore_errors=True)
        from mfkg.files import atomic_write

        atomic_write(manifest, manifest_bytes(wanted))
        (manifest.parent / "manifest.json").unlink(missing_ok=True)   # an older mfkg's manifest (JSON)

class MemoryStore(EmbeddedStore):
    """An in-memory Oxigraph store over N-Triples bytes (used by validation and tests)."""

    def __init__(self, ntriples: bytes, inferred: bytes | None = None):
        import pyoxigraph as ox

        self.directory = Path(".")
        self.sources = [Source(ASSERTED_GRAPH, Path("<memory>"))]
        self._store = ox.Store()
        self._store.load(ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(ASSERTED_GRAPH))
        if inferred:
            self.sources.append(Source(INFERRED_GRAPH, Path("<memory>")))
            self._store.load(inferred, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(INFERRED_GRAPH))

    @classmethod
    def from_graph(cls, graph, inferred=None) -> MemoryStore:  # type: ignore[no-untyped-def]
        from mfkg.rdf.oxio import nt_lines  # half the time of rdflib's N-Triples writer

        def nt(g):  # type: ignore[no-untyped-def]
            return b"\n".join(nt_lines(g)) + b"\n"

        return cls(nt(graph), nt(inferred) if inferred is not None and len(inferred) else None)


# ------------------------------------------------------------------------------ remote
class RemoteStore:
    """Any SPARQL 1.1 Protocol endpoint. Credentials are never taken from code or arguments."""

    def __init__(self, endpoint: str, *, timeout: float = 60.0, graphs: Iterable[str] = ()):
        self.endpoint = endpoint
        self.timeout = timeout
        self.graphs = list(graphs)   # default-graph-uri values; none = the endpoint's default graph

    def _request(self, query: str, accept: str) -> bytes:
        params = [("query", query)] + [("default-graph-uri", g) for g in self.graphs]
        import urllib.error
        import urllib.parse
        import urllib.request

        body = urllib.parse.urlencode(params).encode()
        req = urllib.request.Request(self.endpoint, data=body, method="POST", headers={
            "Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            msg = detail[0][:300] if detail else exc.reason
            if exc.code == 400:
                raise QuerySyntaxError(f"the endpoint rejected the query: {msg}") from None
            raise MfkgError(f"{self.endpoint} answered HTTP {exc.code}: {msg}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise MfkgError(f"cannot reach {self.endpoint} ({reason}); check the URL and that the server runs") from None

    @staticmethod
    def with_values(query: str, bindings: dict[str, Term] | None) -> str:
        """Bind values for an endpoint that has no substitution API: an inline VALUES block of
        N-Triples-escaped terms opens the outermost WHERE group, so filters there see them.
        The user's text only ever becomes a quoted, escaped RDF term, never query syntax."""
        if not bindings:
            return query
        names = sorted(bindings)
        for n in names:
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n):
                raise MfkgError(f"invalid parameter name '{n}'")
        m = _OUTER_WHERE.search(_mask_strings_and_comments(query))
        if not m:
            raise MfkgError("a query with parameters needs an explicit 'WHERE {' for the endpoint to bind them")
        head = " ".join(f"?{n}" for n in names)
        row = " ".join(bindings[n].n3() for n in names)
        return f"{query[:m.end()]} VALUES ({head}) {{ ({row}) }} {query[m.end():]}"

    def select(self, query: str, bindings: dict[str, Term] | None = None, *,
               inferred: bool = True) -> ResultTable:
        raw = self._request(self.with_values(query, bindings), "application/sparql-results+json")
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            raise MfkgError(f"{self.endpoint} did not answer with SPARQL JSON results") from None
        variables = data["head"]["vars"]
        rows = []
        for b in data["results"]["bindings"]:
            rows.append(tuple(Term.from_json(b[v]) if v in b else None for v in variables))
        return ResultTable(variables, rows)

    def ask(self, query: str, bindings: dict[str, Term] | None = None, *, inferred: bool = True) -> bool:
        raw = self._request(self.with_values(query, bindings), "application/sparql-results+json")
        return bool(json.loads(raw).get("boolean"))

    def construct(self, query: str, bindings: dict[str, Term] | None = None, *,
                  inferred: bool = True) -> list[tuple[Term, Term, Term]]:
        import pyoxigraph as ox

        raw = self._request(self.with_values(query, bindings), "application/n-triples")
        return [(_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object))  # type: ignore[misc]
                for t in ox.parse(raw, format=ox.RdfFormat.N_TRIPLES)]

    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        return fetch_labels(self, iris)


def default_sources(build_dir: Path, extra: Iterable[Path] = ()) -> list[Source]:
    asserted = BuildFolder(Path(build_dir)).graph
    if not asserted.exists():
        raise MfkgError(f"{asserted} does not exist; run 'mfkg build' first")
    sources = [Source(ASSERTED_GRAPH, asserted)]
    inferred = BuildFolder(Path(build_dir)).inferred
    if inferred.exists():
        sources.append(Source(INFERRED_GRAPH, inferred))
    extras_file = BuildFolder(Path(build_dir)).extra_graphs
    from mfkg.query.merge import listed as merged_files

    listed = merged_files(BuildFolder(Path(build_dir))) if extras_file.exists() else []
    for p in [*listed, *map(str, extra)]:
        path = Path(p)
        if not path.exists():
            raise MfkgError(f"{path}: a merged RDF file is not found; put it back or run 'mfkg unmerge {path}'")
        sources.append(Source(EXTRA_GRAPH + hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16], path))
    return sources


def open_store(target: str | Path = "build", *, extra: Iterable[Path] = (), graphs: Iterable[str] = ()) -> Store:
    """An embedded store over a build folder, or a remote store for an http(s) endpoint URL
    (optionally restricted to named graphs as its default graph)."""
    t = str(target)
    if t.startswith(("http://", "https://")):
        return RemoteStore(t, graphs=graphs)
    build_dir = Path(t)
    return EmbeddedStore(BuildFolder(build_dir).store, default_sources(build_dir, extra))
