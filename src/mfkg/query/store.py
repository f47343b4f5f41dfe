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
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mfkg.errors import MfkgError
from mfkg.project import BuildFolder
from mfkg.query.terms import ResultTable, Term

GRAPH_BASE = "https://w3id.org/mfkg/graph/"
ASSERTED_GRAPH = GRAPH_BASE + "asserted"
INFERRED_GRAPH = GRAPH_BASE + "inferred"
EXTRA_GRAPH = GRAPH_BASE + "extra/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


_OUTER_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def _mask_strings_and_comments(text: str) -> str:
    """Blank out string literals, IRIs and comments (same length) so keyword search ignores them."""
    return re.sub(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"\s]*>|#[^\n]*',
                  lambda m: " " * len(m.group(0)), text)


class QuerySyntaxError(MfkgError):
    """The query text does not parse."""


class Store(Protocol):
    def select(self, query: str, bindings: dict[str, Term] | None = None, *,
               inferred: bool = True) -> ResultTable: ...

    def ask(self, query: str, bindings: dict[str, Term] | None = None, *, inferred: bool = True) -> bool: ...

    def construct(self, query: str, bindings: dict[str, Term] | None = None, *,
                  inferred: bool = True) -> list[tuple[Term, Term, Term]]: ...


# ------------------------------------------------------------------------------ embedded
def _to_ox(term: Term):  # type: ignore[no-untyped-def]
    import pyoxigraph as ox

    if term.kind == "uri":
        return ox.NamedNode(term.value)
    if term.kind == "bnode":
        return ox.BlankNode(term.value)
    if term.lang:
        return ox.Literal(term.value, language=term.lang)
    if term.datatype:
        return ox.Literal(term.value, datatype=ox.NamedNode(term.datatype))
    return ox.Literal(term.value)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_OX: dict[str, type] = {}


def _ox_classes() -> dict[str, type]:
    if not _OX:
        import pyoxigraph as ox

        _OX.update(named=ox.NamedNode, blank=ox.BlankNode, literal=ox.Literal)
    return _OX


def _from_ox(t) -> Term | None:  # type: ignore[no-untyped-def]
    """pyoxigraph term -> Term; on the hot path of every query, so plain class checks."""
    if t is None:
        return None
    classes = _OX or _ox_classes()
    cls = t.__class__
    if cls is classes["named"]:
        return Term("uri", t.value)
    if cls is classes["literal"]:
        lang = t.language
        if lang:
            return Term("literal", t.value, None, lang)
        dt = t.datatype.value
        return Term("literal", t.value, None if dt == _XSD_STRING else dt, None)
    if cls is classes["blank"]:
        return Term("bnode", t.value)
    return Term("literal", str(t))


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _fingerprints(sources: list[Source], known: dict | None) -> dict[str, dict[str, object]]:  # type: ignore[type-arg]
    """Each source's path, size, modification time and sha256; the hash is recomputed only when the
    size or time differ from what the manifest knows (a cold query does not read the whole graph)."""
    out: dict[str, dict[str, object]] = {}
    for s in sources:
        st = s.path.stat()
        entry: dict[str, object] = {"path": str(s.path), "size": st.st_size, "mtime_ns": st.st_mtime_ns}
        old = (known or {}).get(s.graph) or {}
        same = all(old.get(k) == entry[k] for k in ("path", "size", "mtime_ns")) and "sha256" in old
        entry["sha256"] = old["sha256"] if same else sha256(s.path)
        out[s.graph] = entry
    return out


def _contents(manifest: object) -> dict[str, tuple[object, object]] | None:
    if not isinstance(manifest, dict):
        return None
    return {g: (e.get("path"), e.get("sha256")) for g, e in manifest.items() if isinstance(e, dict)}


@dataclass(frozen=True)
class Source:
    """An RDF file loaded into one named graph of the store."""

    graph: str
    path: Path


class OxigraphStore:
    """Queries over a pyoxigraph store; subclasses decide where the store lives."""

    _store: object
    sources: list[Source]

    def _default_graphs(self) -> list:  # type: ignore[type-arg]
        import pyoxigraph as ox

        return [ox.NamedNode(s.graph) for s in self.sources if s.graph != INFERRED_GRAPH]

def _manifest(path: Path) -> object:
    """The store's manifest, or None when it is missing or unreadable (a rebuild was interrupted)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class EmbeddedStore(OxigraphStore):
    """A persisted Oxigraph store rebuilt from its source files whenever one changes."""

    def __init__(self, directory: Path, sources: list[Source]):
        import pyoxigraph as ox

        self.directory = Path(directory)
        self.sources = sources
        manifest = self.directory / "manifest.json"
        current = _manifest(manifest)
        wanted = _fingerprints(sources, current if isinstance(current, dict) else None)
        db = self.directory / "oxigraph"
        if _contents(current) != _contents(wanted) or not db.exists():
            self._rebuild_locked(db, manifest, wanted)
        elif current != wanted:   # the same contents under a new timestamp: remember it, keep the store
            from mfkg.files import atomic_write

            atomic_write(manifest, (json.dumps(wanted, indent=2, sort_keys=True) + "\n").encode("utf-8"))
        try:
            self._store = ox.Store.read_only(str(db))
        except OSError:
            self._rebuild_locked(db, manifest, wanted, force=True)
            self._store = ox.Store.read_only(str(db))

    def _rebuild_locked(self, db: Path, manifest: Path, wanted: dict[str, dict[str, str]], force: bool = False) -> None:
        """One rebuild at a time; a process that waited finds the store another one just rebuilt."""
        from mfkg.files import folder_lock

        with folder_lock(self.directory / "rebuild.lock", "the store rebuild"):
            if force or _contents(_manifest(manifest)) != _contents(wanted) or not db.exists():
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
            fmt = ox.RdfFormat.from_extension(s.path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
            try:
                store.bulk_load(path=str(s.path), format=fmt, to_graph=ox.NamedNode(s.graph))
            except SyntaxError as exc:
                shutil.rmtree(tmp, ignore_errors=True)
                raise MfkgError(f"{s.path}: not valid RDF ({exc}); fix the file, or run 'mfkg unmerge {s.path}' "
                               "if it was merged") from None
        store.flush()
        del store
        old = db.with_name(db.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if db.exists():
            os.replace(db, old)
        os.replace(tmp, db)
        shutil.rmtree(old, ignore_errors=True)
        from mfkg.files import atomic_write

        atomic_write(manifest, (json.dumps(wanted, indent=2, sort_keys=True) + "\n").encode("utf-8"))

    def _run(self, query: str, bindings: dict[str, Term] | None, inferred: bool):  # type: ignore[no-untyped-def]
        import pyoxigraph as ox

        subs = {ox.Variable(k): _to_ox(v) for k, v in (bindings or {}).items()}
        kwargs: dict = {"substitutions": subs} if subs else {}
        if inferred:
            kwargs["use_default_graph_as_union"] = True
        else:
            kwargs["default_graph"] = self._default_graphs()
        try:
            return self._store.query(query, **kwargs)
        except SyntaxError as exc:
            raise QuerySyntaxError(f"SPARQL syntax error: {exc}") from None

    def select(self, query: str, bindings: dict[str, Term] | None = None, *,
               inferred: bool = True) -> ResultTable:
        import pyoxigraph as ox

        res = self._run(query, bindings, inferred)
        if not isinstance(res, ox.QuerySolutions):
            raise MfkgError("this query is not a SELECT query; use ask/construct")
        variables = [v.value for v in res.variables]
        idx = range(len(variables))
        conv = _from_ox
        rows = [tuple(conv(sol[i]) for i in idx) for sol in res]
        return ResultTable(variables, rows)

    def ask(self, query: str, bindings: dict[str, Term] | None = None, *, inferred: bool = True) -> bool:
        return bool(self._run(query, bindings, inferred))

    def construct(self, query: str, bindings: dict[str, Term] | None = None, *,
                  inferred: bool = True) -> list[tuple[Term, Term, Term]]:
        res = self._run(query, bindings, inferred)
        return [(_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in res]  # type: ignore[misc]

    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        return fetch_labels(self, iris)


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
        nt = graph.serialize(format="nt", encoding="utf-8")
        inf = inferred.serialize(format="nt", encoding="utf-8") if inferred is not None and len(inferred) else None
        return cls(nt, inf)


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


def fetch_labels(store: Store, iris: Iterable[str]) -> dict[str, str]:
    """rdfs:label of each IRI (English preferred), fetched with one VALUES query."""
    iris = sorted(set(iris))
    if not iris:
        return {}
    values = " ".join(Term.uri(i).n3() for i in iris)
    q = (f"SELECT ?s ?l WHERE {{ VALUES ?s {{ {values} }} ?s <{RDFS_LABEL}> ?l }} "
         "ORDER BY ?s DESC(LANG(?l) = 'en') ?l")
    out: dict[str, str] = {}
    for s, label in store.select(q).rows:
        if s is not None and label is not None and s.value not in out:
            out[s.value] = label.value
    return out


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
