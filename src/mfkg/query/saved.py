"""The saved-query catalogue: parse query files and their headers, bind parameters, run.

A saved query is `queries/<name>.rq` (SPARQL) with an optional Cypher twin `<name>.cypher`.
Its header declares, in comment lines:

    # title: Which CLIP-style models use a protein anchor?
    # description: one line
    # sections: 4, 6
    # param: model (model) = scgpt — the model whose lineage to show
    # examples: which models are protein-anchored and contrastive?; CLIP-like protein models

Parameter types: string (free text, matched as words), integer, decimal, boolean, an entity kind
(model, pattern, task, modality, …), bound as that entity's IRI, or `KIND id` / `KIND ids`
(kinds joined by `|`), bound as the entity's id text, or ids separated by spaces. Every entity
is named by id, label, alias or variant name through the one resolver (`query.resolve`).
`examples` are phrasings of the question, separated by `;`, which `mfkg ask` routes here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mfkg.project import DEFAULT_QUERIES
from mfkg.query.header import ENTITY_KINDS, SCALAR_TYPES, bind_scalar, entity_kinds, query_form, read_header, split_names
from mfkg.query.terms import QueryError, ResultTable, Term, drop_columns

BASE = "https://w3id.org/mfkg/"
__all__ = ["ENTITY_KINDS", "SCALAR_TYPES", "Param", "QueryError", "SavedQueries", "SavedQuery", "drop_columns",
           "make_resolver", "needs_resolver", "parse_query_file", "run_saved", "run_saved_graph", "split_names"]


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    description: str

    @property
    def kinds(self) -> tuple[str, ...]:
        """The entity kinds a name given for this parameter may belong to (none for text and numbers)."""
        return entity_kinds(self.type)

    @property
    def is_text(self) -> bool:
        return self.type == "string"

    def shown_type(self) -> str:
        """How `query list` and `query show` name the type: text is said to be text, entities take names."""
        if self.is_text:
            return "text"
        if self.kinds:
            many = self.type.endswith(" ids")
            return f"{' or '.join(self.kinds)} name{'s' if many else ''} or id{'s' if many else ''}"
        return self.type

    def bind(self, raw: str, resolve: Resolver | None = None) -> Term:
        """Turn the user's text into an RDF term of the declared type (never into query text)."""
        t = self.type
        if t in SCALAR_TYPES:
            return bind_scalar(self.name, t, raw)
        if t in ENTITY_KINDS:
            if resolve is None:
                return Term.uri(f"{BASE}{t}/{raw}")
            return Term.uri(resolve(t, raw))
        if self.kinds:
            names = split_names(raw) if t.endswith(" ids") else [raw]
            if resolve is None:
                return Term.literal(" ".join(names))
            return Term.literal(" ".join(resolve(list(self.kinds), n).rsplit("/", 1)[-1] for n in names))
        raise QueryError(f"parameter '{self.name}' has an unknown type '{t}'")


Resolver = Any  # Callable[[str | list[str], str], str]: kind(s), name -> IRI


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    text: str
    title: str
    description: str
    sections: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    params: tuple[Param, ...] = ()
    cypher_path: Path | None = None
    severity: str = "violation"   # for checks: violation | warning | info
    examples: tuple[str, ...] = ()

    @property
    def form(self) -> str:
        return query_form(self.text)

    @property
    def ordered(self) -> bool:
        return bool(re.search(r"\bORDER\s+BY\b", self.text, re.IGNORECASE))

    @property
    def cypher(self) -> str | None:
        return self.cypher_path.read_text(encoding="utf-8") if self.cypher_path else None

    def describe(self) -> dict[str, object]:
        """The query's header as data (for `mfkg query list --format json` and the query page)."""
        return {"name": self.name, "title": self.title, "description": self.description, "sections": list(self.sections),
                "parameters": [{"name": p.name, "type": p.type, "accepts": p.shown_type(), "default": p.default,
                                "description": p.description} for p in self.params],
                "examples": list(self.examples),
                "cypher": self.cypher_path is not None}

    def bindings(self, values: dict[str, str], resolve: Resolver | None = None) -> dict[str, Term]:
        known = {p.name: p for p in self.params}
        for k in values:
            if k not in known:
                names = ", ".join(known) or "none"
                raise QueryError(f"query '{self.name}' has no parameter '{k}' (its parameters: {names})")
        out: dict[str, Term] = {}
        for p in self.params:
            raw = values.get(p.name, p.default)
            if raw is None or raw == "":
                raise QueryError(f"query '{self.name}' needs --param {p.name}=… ({p.description})")
            out[p.name] = p.bind(str(raw), resolve)
        return out


def parse_query_file(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    meta = read_header(text, str(path))
    cypher = path.with_suffix(".cypher")
    return SavedQuery(
        name=path.stem, path=path, text=text, title=meta["title"], description=meta["description"],  # type: ignore[arg-type]
        sections=meta.get("sections", ()), kinds=meta.get("kinds", ()),  # type: ignore[arg-type]
        params=tuple(Param(*p) for p in meta["params"]),  # type: ignore[attr-defined]
        cypher_path=cypher if cypher.exists() else None, severity=meta.get("severity", "violation"),  # type: ignore[arg-type]
        examples=meta.get("examples", ()))  # type: ignore[arg-type]


@dataclass
class SavedQueries:
    """The saved queries of a folder, by name."""

    folder: Path
    queries: dict[str, SavedQuery] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path = DEFAULT_QUERIES) -> SavedQueries:
        if not Path(folder).is_dir():
            raise QueryError(f"{folder} does not exist; set MFKG_HOME to a project folder (with data/, ontology/ "
                             "and queries/) or pass --queries")
        cat = cls(Path(folder))
        for path in sorted(Path(folder).glob("*.rq")):
            q = parse_query_file(path)
            cat.queries[q.name] = q
        return cat

    def get(self, name: str) -> SavedQuery:
        if name in self.queries:
            return self.queries[name]
        import difflib

        close = difflib.get_close_matches(name, list(self.queries), n=1)
        hint = f"did you mean '{close[0]}'?" if close else "run 'mfkg query list' to see them"
        raise QueryError(f"no saved query named '{name}'; {hint}")

    def checks(self) -> list[SavedQuery]:
        return [parse_query_file(p) for p in sorted((self.folder / "checks").glob("*.rq"))]


def make_resolver(store: Any) -> Resolver:
    """Resolve an entity named by id, label, alias or variant name (see `query.resolve`) to its IRI."""
    from mfkg.query.resolve import index_for

    def resolve(kinds: str | list[str], raw: str) -> str:
        return index_for(store).resolve(raw, kinds)

    return resolve


def needs_resolver(query: SavedQuery) -> bool:
    return any(p.kinds for p in query.params)


def run_saved(store: Any, query: SavedQuery, values: dict[str, str] | None = None, *,
              inferred: bool = True, with_labels: bool = True) -> ResultTable:
    """Run a saved SELECT query with parameters bound as values."""
    bindings = query.bindings(values or {}, make_resolver(store) if needs_resolver(query) else None)
    if query.form != "SELECT":
        raise QueryError(f"query '{query.name}' is a {query.form} query; run it with 'mfkg query run {query.name}' "
                         "(prints Turtle) or draw it with 'mfkg viz --query'")
    table = store.select(query.text, bindings, inferred=inferred)
    table = drop_columns(table, [p.name for p in query.params])
    if with_labels:
        table.labels = store.labels(t.value for row in table.rows for t in row if t is not None and t.kind == "uri")
    return table


def run_saved_graph(store: Any, query: SavedQuery, values: dict[str, str] | None = None, *,
                    inferred: bool = True) -> list[tuple[Term, Term, Term]]:
    """Run a saved CONSTRUCT (or DESCRIBE) query: the triples it builds."""
    bindings = query.bindings(values or {}, make_resolver(store) if needs_resolver(query) else None)
    return store.construct(query.text, bindings, inferred=inferred)
