"""Cypher over the property-graph projection, on LadybugDB (the maintained fork of Kùzu).

Why LadybugDB: see README, "Cypher engine". It needs a declared schema, which we derive from the
projection: one node table per label (properties typed from the data), one relationship table
per type with every (from label, to label) pair it joins. Parameters are passed to the engine
as parameters; labels and relationship types in a query must come from the allow-list the
ontology defines, or the query is refused before it runs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from mfkg.errors import MfkgError
from mfkg.propgraph.projection import DERIVED_REL_TYPES, NODE_CLASSES, PropertyGraph, rel_type
from mfkg.query.terms import XSD, ResultTable, Term

ARRAY_DELIMITER = "|"
KUZU_TYPES = {"INT64", "DOUBLE", "BOOLEAN", "STRING"}


class CypherError(MfkgError):
    """A Cypher query was refused or failed."""


def allowed_relationship_types(ontology_path: Path | None = None) -> set[str]:
    from rdflib import Graph
    from rdflib.namespace import OWL, RDF

    from mfkg.namespaces import MFKG
    from mfkg.project import DEFAULT_ONTOLOGY

    g = Graph().parse(ontology_path or DEFAULT_ONTOLOGY, format="turtle")
    declared = {rel_type(str(p)) for p in g.subjects(RDF.type, OWL.ObjectProperty) if str(p).startswith(str(MFKG))}
    return declared | set(DERIVED_REL_TYPES)


def _mask(text: str) -> str:
    return re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|//[^\n]*', lambda m: " " * len(m.group(0)), text)


def _close(word: str, known: set[str] | list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, sorted(known), n=3, cutoff=0.5)
    return f"did you mean {' or '.join(close)}? " if close else ""


def check_allow_list(query: str, labels: set[str], rel_types: set[str]) -> None:
    masked = _mask(query)
    for m in re.finditer(r"\(\s*\w*\s*((?::\s*\w+\s*)+)", masked):
        for label in re.findall(r":\s*(\w+)", m.group(1)):
            if label not in labels:
                raise CypherError(f"unknown node label '{label}'; {_close(label, labels)}"
                                  f"the labels are: {', '.join(sorted(labels))}")
    for m in re.finditer(r"\[\s*\w*\s*:\s*([\w|:\s]+?)\s*(?:\*|\]|\{)", masked):
        for t in re.split(r"[|:\s]+", m.group(1)):
            if t and t not in rel_types:
                raise CypherError(f"unknown relationship type '{t}'; {_close(t, rel_types)}"
                                  f"the relationship types are: {', '.join(sorted(rel_types))}")


def explain_engine_error(message: str, query: str, pg: PropertyGraph, rel_types: set[str]) -> str:
    """The engine's first line, and what the schema has: the properties of the node the query
    asked a missing property of, or the labels and relationship types."""
    m = re.search(r"Cannot find property (\w+) for (\w+)", message)
    if m:
        prop, var = m.groups()
        found = re.search(rf"\(\s*{re.escape(var)}\s*:\s*(\w+)", _mask(query))
        if found and found.group(1) in pg.property_types:
            label = found.group(1)
            names = sorted({"id", "labels", *pg.property_types[label]})
            hint = "did you mean name? " if prop in ("label", "title") and "name" in names else _close(prop, names)
            return (f"{label} has no property '{prop}'; {hint}the properties of {label} are: {', '.join(names)}")
        return (f"no property '{prop}' on {var}; give {var} a label, e.g. ({var}:Model), to see its properties "
                f"('name' is the label of every node)")
    return (f"Cypher error: {message}; node labels: {', '.join(sorted(pg.property_types))}; "
            f"relationship types: {', '.join(sorted(rel_types))}")


def _kuzu_type(t: str) -> str:
    base = t.rstrip("[]")
    base = base if base in KUZU_TYPES else "STRING"
    return base + ("[]" if t.endswith("[]") else "")


def _ident(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise CypherError(f"invalid identifier '{name}'")
    return f"`{name}`"


class LadybugEngine:
    """An embedded LadybugDB database holding one property graph."""

    def __init__(self, pg: PropertyGraph, path: Path | None = None):
        try:
            import real_ladybug as lb
        except ImportError:  # pragma: no cover - declared dependency
            raise MfkgError("LadybugDB (real_ladybug) is not installed; run 'make setup'") from None
        self.pg = pg
        self.labels = set(NODE_CLASSES) | set(pg.property_types)
        self.rel_types = allowed_relationship_types()
        self._db = lb.Database(str(path) if path else ":memory:")
        self._conn = lb.Connection(self._db)
        if path is None or not self._has_schema():
            self._load()

    def _has_schema(self) -> bool:
        try:
            self._conn.execute("MATCH (n:Model) RETURN count(n)")
            return True
        except RuntimeError:
            return False

    def _schema_props(self, label: str) -> dict[str, str]:
        props = {k: _kuzu_type(v) for k, v in sorted(self.pg.property_types.get(label, {}).items()) if k != "id"}
        props["labels"] = "STRING[]"
        return props

    def _load(self) -> None:
        g = self.pg.graph
        for label in sorted(self.pg.property_types):
            cols = ", ".join(f"{_ident(k)} {t}" for k, t in self._schema_props(label).items())
            self._conn.execute(f"CREATE NODE TABLE {_ident(label)}(id STRING, {cols}, PRIMARY KEY(id))")
        pairs: dict[str, set[tuple[str, str]]] = {}
        for u, v, d in g.edges(data=True):
            pairs.setdefault(d["type"], set()).add((self.pg.labels[u], self.pg.labels[v]))
        for rtype, ps in sorted(pairs.items()):
            spec = ", ".join(f"FROM {_ident(a)} TO {_ident(b)}" for a, b in sorted(ps))
            self._conn.execute(f"CREATE REL TABLE {_ident(rtype)}({spec})")
        for label in sorted(self.pg.property_types):
            props = self._schema_props(label)
            rows = []
            for n in self.pg.nodes_with_label(label):
                d = g.nodes[n]
                row: dict[str, Any] = {"id": n, "labels": list(d.get("labels", [label]))}
                for k, t in props.items():
                    if k == "labels":
                        continue
                    row[k] = _coerce(d.get(k), t)
                rows.append(row)
            sets = ", ".join(f"{_ident(k)}: row.{_ident(k)}" for k in ["id", *props])
            for chunk in _chunks(rows, 5000):
                self._conn.execute(f"UNWIND $rows AS row CREATE (:{_ident(label)} {{{sets}}})", {"rows": chunk})
        by_type: dict[tuple[str, str, str], list[dict[str, str]]] = {}
        for u, v, d in g.edges(data=True):
            by_type.setdefault((d["type"], self.pg.labels[u], self.pg.labels[v]), []).append({"s": u, "t": v})
        for (rtype, a, b), rows in sorted(by_type.items()):
            for chunk in _chunks(rows, 5000):
                self._conn.execute(f"UNWIND $rows AS row MATCH (x:{_ident(a)} {{id: row.s}}), (y:{_ident(b)} {{id: row.t}}) "
                                   f"CREATE (x)-[:{_ident(rtype)}]->(y)", {"rows": chunk})

    def run(self, query: str, params: dict[str, Any] | None = None) -> ResultTable:
        check_allow_list(query, self.labels, self.rel_types)
        try:
            result = self._conn.execute(query, params or {})
        except RuntimeError as exc:
            msg = str(exc).strip().splitlines()[0]
            raise CypherError(explain_engine_error(msg, query, self.pg, self.rel_types)) from None
        columns = result.get_column_names()
        rows = []
        while result.has_next():
            rows.append(tuple(_term(v) for v in result.get_next()))
        return ResultTable(list(columns), rows)


def _chunks(rows: list[Any], n: int) -> list[list[Any]]:
    return [rows[i:i + n] for i in range(0, len(rows), n)]


def _coerce(value: Any, t: str) -> Any:
    if value is None:
        return None
    is_list = t.endswith("[]")
    base = t.rstrip("[]")
    items = value if isinstance(value, list) else [value]
    conv = {"INT64": int, "DOUBLE": float, "BOOLEAN": bool, "STRING": str}[base]
    try:
        items = [conv(v) for v in items]
    except (TypeError, ValueError):
        items = [str(v) for v in items]
    return items if is_list else items[0]


def _term(v: Any) -> Term | None:
    if v is None:
        return None
    if isinstance(v, dict):
        return Term.literal(v.get("name") or v.get("id") or json.dumps(v, default=str))
    if isinstance(v, list):
        return Term.literal(", ".join(sorted(str(x) for x in v)))
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:   # as the SPARQL engine writes a decimal
        return Term.literal(str(int(v)), datatype=XSD + "decimal")
    if isinstance(v, float) and v == v and abs(v) != float("inf"):   # plain notation, as a decimal is written
        from decimal import Decimal

        return Term.literal(format(Decimal(repr(v)), "f"), datatype=XSD + "decimal")
    return Term.literal(v)


def schema_text(engine: LadybugEngine) -> str:
    """What `mfkg cypher --schema` prints: every node label with its properties, then the relationship types."""
    lines = ["node labels and their properties ('name' is every node's label text; 'id' is kind/id):"]
    for label in sorted(engine.pg.property_types):
        props = sorted({"id", "labels", *engine.pg.property_types[label]})
        lines.append(f"  {label}: {', '.join(props)}")
    lines.append("relationship types:")
    lines.append("  " + ", ".join(sorted(engine.rel_types)))
    lines.append("relationship types the projection derives (not object properties of the ontology):")
    pairs: dict[str, set[str]] = {}
    for u, v, d in engine.pg.graph.edges(data=True):
        if d["type"] in DERIVED_REL_TYPES:
            pairs.setdefault(d["type"], set()).add(f"({engine.pg.labels[u]})-[:{d['type']}]->({engine.pg.labels[v]})")
    for rtype in DERIVED_REL_TYPES:
        lines.append(f"  {rtype}: " + (", ".join(sorted(pairs.get(rtype, ()))) or "none in this graph"))
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------ engine cache
def engine_for_build(build_dir: Path) -> LadybugEngine:
    """An in-memory engine over a build's graph (asserted and inferred); loading takes seconds."""
    from mfkg.propgraph.kept import build_projection

    return LadybugEngine(build_projection(build_dir))


def cypher_params(query: Any, values: dict[str, str], store: Any) -> dict[str, Any]:
    """Bind a saved query's parameters for Cypher: typed values; entities as node ids."""
    from mfkg.propgraph.projection import node_id
    from mfkg.query.saved import make_resolver, needs_resolver

    bindings = query.bindings(values, make_resolver(store) if needs_resolver(query) else None)
    out: dict[str, Any] = {}
    for p in query.params:
        t = bindings[p.name]
        out[p.name] = node_id(t.value) if t.kind == "uri" else t.python()
    return out


def run_saved_cypher(build_dir: Path, query: Any, values: dict[str, str]) -> ResultTable:
    from mfkg.query.store import open_store

    if query.cypher is None:
        raise CypherError(f"query '{query.name}' has no Cypher twin ({query.path.with_suffix('.cypher').name})")
    engine = engine_for_build(build_dir)
    return engine.run(strip_header(query.cypher), cypher_params(query, values, open_store(build_dir)))


def strip_header(text: str) -> str:
    """The query without its // comment lines (saved twins start with a title comment)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")).strip()


def typed_params(values: dict[str, str]) -> dict[str, object]:
    """Command-line parameter text as Cypher values: integers, then decimals, else strings.

    >>> typed_params({"n": "3", "x": "0.5", "name": "scGPT"})
    {'n': 3, 'x': 0.5, 'name': 'scGPT'}
    """
    out: dict[str, object] = {}
    for k, v in values.items():
        for cast in (int, float):
            try:
                out[k] = cast(v)
                break
            except ValueError:
                continue
        else:
            out[k] = v
    return out
