"""The saved-query catalogue: parse query files and their headers, bind parameters, run.

A saved query is `queries/<name>.rq` (SPARQL) with an optional Cypher twin `<name>.cypher`.
Its header declares, in comment lines:

    # title: Which CLIP-style models use a protein anchor?
    # description: one line
    # sections: 4, 6
    # param: model (model) = scgpt — the model whose lineage to show

Parameter types: string, integer, decimal, boolean, or an entity kind (model, pattern, task,
modality, tokenizer, layer-type, dataset, publication, limit, trend, recommendation), which
is bound as that entity's IRI; an entity may be named by id or by label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mfkg.errors import MfkgError
from mfkg.project import DEFAULT_QUERIES
from mfkg.query.terms import XSD, ResultTable, Term

ENTITY_KINDS = ("model", "pattern", "task", "modality", "tokenizer", "layer-type", "dataset",
                "publication", "limit", "trend", "recommendation", "technique", "assay", "capability",
                "benchmark", "baseline", "seed-section")
SCALAR_TYPES = ("string", "integer", "decimal", "boolean")
BASE = "https://w3id.org/mfkg/"
_HEADER = re.compile(r"^#\s*(title|description|sections|param|kinds|severity):\s*(.*)$")
_PARAM = re.compile(r"^(?P<name>[a-z_][a-z0-9_]*)\s*\((?P<type>[a-z-]+)\)\s*(=\s*(?P<default>[^—]*?))?\s*(—\s*(?P<desc>.*))?$")


class QueryError(MfkgError):
    """A saved query or its parameters are wrong."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    description: str

    def bind(self, raw: str, resolve: Resolver | None = None) -> Term:
        """Turn the user's text into an RDF term of the declared type (never into query text)."""
        t = self.type
        if t == "string":
            return Term.literal(raw)
        if t == "integer":
            try:
                return Term.literal(int(raw.replace("_", "")))
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
        raise QueryError(f"parameter '{self.name}' has an unknown type '{t}'")


Resolver = Any  # Callable[[str, str], str]


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
                "parameters": [{"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                               for p in self.params],
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
            if ptype not in SCALAR_TYPES + ENTITY_KINDS:
                raise QueryError(f"{path}:{n}: unknown parameter type '{ptype}'; use one of "
                                 f"{', '.join(SCALAR_TYPES + ENTITY_KINDS)}")
            default = pm.group("default")
            meta["params"].append(Param(pm.group("name"), ptype, default.strip() if default else None,
                                        (pm.group("desc") or "").strip()))
        elif key == "sections":
            meta["sections"] = tuple(int(x) for x in re.findall(r"\d+", value))
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
        cypher_path=cypher if cypher.exists() else None, severity=meta.get("severity", "violation"))


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
    """Resolve an entity named by id or label (case-insensitive) to its IRI, or fail with a hint."""
    cache: dict[str, Any] = {}

    def resolve(kind: str, raw: str) -> str:
        q = ("SELECT ?s ?id ?label WHERE { ?s <https://w3id.org/mfkg/vocab/identifier> ?id . "
             "OPTIONAL { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } }")
        if kind not in cache:
            cache[kind] = store.select(q)
        prefix = f"{BASE}{kind}/"
        wanted = raw.strip().lower()
        names: dict[str, str] = {}
        for s, id_, label in cache[kind].rows:
            if s is None or not s.value.startswith(prefix) or "/" in s.value[len(prefix):]:
                continue
            for cand in (id_, label):
                if cand is not None:
                    names.setdefault(cand.value.lower(), s.value)
        if wanted in names:
            return names[wanted]
        import difflib

        close = difflib.get_close_matches(wanted, sorted(names), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise QueryError(f"no {kind} named '{raw}'{hint}")

    return resolve


def run_saved(store: Any, query: SavedQuery, values: dict[str, str] | None = None, *,
              inferred: bool = True, with_labels: bool = True) -> ResultTable:
    """Run a saved SELECT query with parameters bound as values."""
    bindings = query.bindings(values or {}, make_resolver(store) if any(
        p.type in ENTITY_KINDS for p in query.params) else None)
    if query.form != "SELECT":
        raise QueryError(f"query '{query.name}' is a {query.form} query; use 'mfkg viz --query' or 'mfkg sparql'")
    table = store.select(query.text, bindings, inferred=inferred)
    table = drop_columns(table, [p.name for p in query.params])
    if with_labels:
        table.labels = store.labels(t.value for row in table.rows for t in row if t is not None and t.kind == "uri")
    return table


def drop_columns(table: ResultTable, names: list[str]) -> ResultTable:
    """Remove parameter columns: parameters are projected only so the engine can substitute them."""
    keep = [i for i, v in enumerate(table.variables) if v not in names]
    if len(keep) == len(table.variables):
        return table
    return ResultTable([table.variables[i] for i in keep],
                       [tuple(row[i] for i in keep) for row in table.rows], table.labels)
