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
from mfkg.query.terms import XSD, QueryError, ResultTable, Term

ENTITY_KINDS = ("model", "pattern", "task", "modality", "tokenizer", "layer-type", "dataset",
                "publication", "limit", "trend", "recommendation", "technique", "assay", "capability",
                "benchmark", "baseline", "seed-section")
SCALAR_TYPES = ("string", "integer", "decimal", "boolean")
BASE = "https://w3id.org/mfkg/"
_HEADER = re.compile(r"^#\s*(title|description|sections|param|kinds|severity|examples):\s*(.*)$")
_PARAM = re.compile(r"^(?P<name>[a-z_][a-z0-9_]*)\s*\((?P<type>[a-z|-]+(?: ids?)?)\)\s*(=\s*(?P<default>[^—]*?))?\s*(—\s*(?P<desc>.*))?$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    description: str

    @property
    def kinds(self) -> tuple[str, ...]:
        """The entity kinds a name given for this parameter may belong to (none for text and numbers)."""
        base = self.type.split(" ", 1)[0]
        kinds = tuple(base.split("|"))
        return kinds if all(k in ENTITY_KINDS for k in kinds) else ()

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
        if t == "string":
            return Term.literal(raw)
        if t == "integer":
            try:
                return Term.literal(int(raw.replace("_", "").replace(",", "")))
            except ValueError:
                raise QueryError(f"parameter '{self.name}' must be an integer, got {raw!r}") from None
        if t == "decimal":
            try:
                float(raw)
            except ValueError:
                raise QueryError(f"parameter '{self.name}' must be a number, got {raw!r}") from None
            return Term.literal(raw, datatype=XSD + "decimal")
        if t == "boolean":
            low = raw.strip().lower()
            if low not in ("true", "false", "yes", "no", "1", "0"):
                raise QueryError(f"parameter '{self.name}' must be true or false, got {raw!r}")
            return Term.literal(low in ("true", "yes", "1"))
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


def split_names(raw: str) -> list[str]:
    """Several names in one value: separated by commas when there is a comma, else by spaces.

    >>> split_names("ESM 2, scGPT"), split_names("esm2 scgpt")
    (['ESM 2', 'scGPT'], ['esm2', 'scgpt'])
    """
    parts = raw.split(",") if "," in raw else raw.split()
    return [p.strip() for p in parts if p.strip()]


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
        body = "\n".join(line for line in self.text.splitlines() if not line.lstrip().startswith("#"))
        m = re.search(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", body, re.IGNORECASE)
        return m.group(1).upper() if m else "SELECT"

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
    meta: dict[str, Any] = {"params": []}
    for n, line in enumerate(text.splitlines(), 1):
        m = _HEADER.match(line.strip())
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "param":
            pm = _PARAM.match(value)
            if not pm:
                raise QueryError(f"{path}:{n}: cannot read the parameter declaration; "
                                 "write '# param: name (type) = default — description'")
            ptype = pm.group("type")
            base = ptype.split(" ", 1)[0]
            known = ptype in SCALAR_TYPES + ENTITY_KINDS or (" " in ptype and all(k in ENTITY_KINDS for k in base.split("|")))
            if not known:
                raise QueryError(f"{path}:{n}: unknown parameter type '{ptype}'; use one of "
                                 f"{', '.join(SCALAR_TYPES + ENTITY_KINDS)}, or 'KIND id' / 'KIND ids'")
            default = pm.group("default")
            meta["params"].append(Param(pm.group("name"), ptype, default.strip() if default else None,
                                        (pm.group("desc") or "").strip()))
        elif key == "sections":
            meta["sections"] = tuple(int(x) for x in re.findall(r"\d+", value))
        elif key == "examples":
            meta["examples"] = tuple(x.strip() for x in value.split(";") if x.strip())
        elif key == "kinds":
            meta["kinds"] = tuple(x.strip() for x in value.split(",") if x.strip())
        else:
            meta[key] = value
    for required in ("title", "description"):
        if required not in meta:
            raise QueryError(f"{path}:1: the header has no '# {required}:' line; add one")
    cypher = path.with_suffix(".cypher")
    return SavedQuery(
        name=path.stem, path=path, text=text, title=meta["title"], description=meta["description"],
        sections=meta.get("sections", ()), kinds=meta.get("kinds", ()), params=tuple(meta["params"]),
        cypher_path=cypher if cypher.exists() else None, severity=meta.get("severity", "violation"),
        examples=meta.get("examples", ()))


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


def drop_columns(table: ResultTable, names: list[str]) -> ResultTable:
    """Remove parameter columns: parameters are projected only so the engine can substitute them."""
    keep = [i for i, v in enumerate(table.variables) if v not in names]
    if len(keep) == len(table.variables):
        return table
    return ResultTable([table.variables[i] for i in keep],
                       [tuple(row[i] for i in keep) for row in table.rows], table.labels)
