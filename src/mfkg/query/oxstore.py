"""Queries over an open pyoxigraph store: parameters bound engine-side as substitutions, the union
of the named graphs (or the asserted ones only) as the default graph, answers converted to `Term`s,
labels fetched in one query.

`store.EmbeddedStore` (which builds and refreshes the persisted store) and the console script's quick
path (which opens it read-only) both query through `OxigraphStore`. This module imports only
pyoxigraph and the light `terms`, so `mfkg query run NAME` need not load the rest of `store`.
"""

from __future__ import annotations

from mfkg.errors import MfkgError
from mfkg.frozen import FrozenRecord, frozen_init
from mfkg.query.terms import ResultTable, Term

TYPE_CHECKING = False   # `typing` is not imported at run time (see the module's docstring)
if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path
    from typing import Any

GRAPH_BASE = "https://w3id.org/mfkg/graph/"
ASSERTED_GRAPH = GRAPH_BASE + "asserted"
INFERRED_GRAPH = GRAPH_BASE + "inferred"
EXTRA_GRAPH = GRAPH_BASE + "extra/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def rdf_format(path: Path) -> Any:
    """The RDF syntax of a file, by its extension (Turtle when the extension names none)."""
    import pyoxigraph as ox

    return ox.RdfFormat.from_extension(path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE


class QuerySyntaxError(MfkgError):
    """The query text does not parse."""


class Source(FrozenRecord):
    """An RDF file loaded into one named graph of the store."""

    __slots__ = ("graph", "path")
    graph: str
    path: Path

    def __init__(self, graph: str, path: Path) -> None:
        frozen_init(self, graph, path)


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


def _converter():  # type: ignore[no-untyped-def]
    """`_from_ox` for one answer: a term met again (a type, a year, a model in many rows) is converted
    once and its `Term` shared (3-10% of a large answer's time here, and less memory)."""
    seen: dict = {}
    get = seen.get

    def conv(t):  # type: ignore[no-untyped-def]
        if t is None:
            return None
        term = get(t)
        if term is None:
            term = seen[t] = _from_ox(t)
        return term

    return conv


class OxigraphStore:
    """Queries over a pyoxigraph store; subclasses decide where the store lives."""

    _store: Any
    sources: list[Source]
    holds: str | None = None   # the graphs a persisted store holds (see `query.kept`); None: nothing is kept

    def __init__(self, store: Any, sources: list[Source]):
        self._store = store
        self.sources = sources

    def _default_graphs(self) -> list:  # type: ignore[type-arg]
        import pyoxigraph as ox

        return [ox.NamedNode(s.graph) for s in self.sources if s.graph != INFERRED_GRAPH]

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
        conv = _converter()
        rows = [tuple(conv(sol[i]) for i in idx) for sol in res]
        return ResultTable(variables, rows)

    def ask(self, query: str, bindings: dict[str, Term] | None = None, *, inferred: bool = True) -> bool:
        return bool(self._run(query, bindings, inferred))

    def construct(self, query: str, bindings: dict[str, Term] | None = None, *,
                  inferred: bool = True) -> list[tuple[Term, Term, Term]]:
        res = self._run(query, bindings, inferred)
        conv = _converter()
        return [(conv(t.subject), conv(t.predicate), conv(t.object)) for t in res]  # type: ignore[misc]

    def labels(self, iris: Iterable[str]) -> dict[str, str]:
        return fetch_labels(self, iris)


def fetch_labels(store: Any, iris: Iterable[str]) -> dict[str, str]:
    """rdfs:label of each IRI (English preferred), fetched with one VALUES query from any store."""
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
