"""Cypher over the property-graph projection, on LadybugDB (the maintained fork of Kùzu).

Why LadybugDB: see README, "Cypher engine". It needs a declared schema, which we derive from the
projection: one node table per label (properties typed from the data), one relationship table
per type with every (from label, to label) pair it joins. Parameters are passed to the engine
as parameters; labels and relationship types in a query must come from the allow-list the
ontology defines, or the query is refused before it runs.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

from .errors import MfkgError
from .propgraph import NODE_CLASSES, PropertyGraph, project, rel_type, store_triples
from .terms import XSD, ResultTable, Term

ARRAY_DELIMITER = "|"
KUZU_TYPES = {"INT64", "DOUBLE", "BOOLEAN", "STRING"}


class CypherError(MfkgError):
    """A Cypher query was refused or failed."""


def allowed_relationship_types(ontology_path: Path | None = None) -> set[str]:
    from rdflib import Graph
    from rdflib.namespace import OWL, RDF

    from .namespaces import MFKG
    from .paths import DEFAULT_ONTOLOGY

    g = Graph().parse(ontology_path or DEFAULT_ONTOLOGY, format="turtle")
    return {rel_type(str(p)) for p in g.subjects(RDF.type, OWL.ObjectProperty) if str(p).startswith(str(MFKG))}


def _mask(text: str) -> str:
    return re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|//[^\n]*', lambda m: " " * len(m.group(0)), text)


def check_allow_list(query: str, labels: set[str], rel_types: set[str]) -> None:
    masked = _mask(query)
    for m in re.finditer(r"\(\s*\w*\s*((?::\s*\w+\s*)+)", masked):
        for label in re.findall(r":\s*(\w+)", m.group(1)):
            if label not in labels:
                raise CypherError(f"unknown node label '{label}'; known labels: {', '.join(sorted(labels))}")
    for m in re.finditer(r"\[\s*\w*\s*:\s*([\w|:\s]+?)\s*(?:\*|\]|\{)", masked):
        for t in re.split(r"[|:\s]+", m.group(1)):
            if t and t not in rel_types:
                raise CypherError(f"unknown relationship type '{t}'; see the ontology's object properties")


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
            raise CypherError(f"Cypher error: {msg}") from None
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
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        return Term.literal(repr(v), datatype=XSD + "decimal")
    return Term.literal(v)


# ------------------------------------------------------------------------------ engine cache
def engine_for_build(build_dir: Path) -> LadybugEngine:
    """An in-memory engine over a build's graph (asserted and inferred); loading takes about a second."""
    from .store import open_store

    return LadybugEngine(project(store_triples(open_store(build_dir))))


def cypher_params(query: Any, values: dict[str, str], store: Any) -> dict[str, Any]:
    """Bind a saved query's parameters for Cypher: typed values; entities as node ids."""
    from .propgraph import node_id
    from .queries import ENTITY_KINDS, make_resolver

    bindings = query.bindings(values, make_resolver(store) if any(p.type in ENTITY_KINDS for p in query.params) else None)
    out: dict[str, Any] = {}
    for p in query.params:
        t = bindings[p.name]
        out[p.name] = node_id(t.value) if t.kind == "uri" else t.python()
    return out


def run_saved_cypher(build_dir: Path, query: Any, values: dict[str, str]) -> ResultTable:
    from .store import open_store

    if query.cypher is None:
        raise CypherError(f"query '{query.name}' has no Cypher twin ({query.path.with_suffix('.cypher').name})")
    engine = engine_for_build(build_dir)
    return engine.run(_strip_header(query.cypher), cypher_params(query, values, open_store(build_dir)))


def _strip_header(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//")).strip()


# ------------------------------------------------------------------------------ Neo4j export
NEO4J_TYPE = {"INT64": "long", "DOUBLE": "double", "BOOLEAN": "boolean", "STRING": "string"}


def neo4j_tables(pg: PropertyGraph, *, version: str, ontology_version: str) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Node and relationship tables in the CSV layout `neo4j-admin database import` expects."""
    tables: dict[str, tuple[list[str], list[list[Any]]]] = {}
    for label in sorted(pg.property_types):
        props = sorted((k, v) for k, v in pg.property_types[label].items() if k not in ("id",))
        header = ["id:ID", ":LABEL"] + [f"{k}:{NEO4J_TYPE[_kuzu_type(t).rstrip('[]')]}{'[]' if t.endswith('[]') else ''}"
                                        for k, t in props]
        rows = []
        for n in pg.nodes_with_label(label):
            d = pg.graph.nodes[n]
            row: list[Any] = [n, ";".join(d.get("labels", [label]))]
            for k, t in props:
                v = _coerce(d.get(k), _kuzu_type(t))
                if isinstance(v, list):
                    for item in v:
                        if ARRAY_DELIMITER in str(item):
                            raise MfkgError(f"{n}: a value of {k} contains '{ARRAY_DELIMITER}', the array delimiter")
                    v = ARRAY_DELIMITER.join(str(x).lower() if isinstance(x, bool) else str(x) for x in v)
                elif isinstance(v, bool):
                    v = "true" if v else "false"
                row.append("" if v is None else v)
            rows.append(row)
        tables[f"nodes_{label}.csv"] = (header, rows)
    tables["nodes_Release.csv"] = (["id:ID", ":LABEL", "version_iri", "ontology_version_iri"],
                                   [["release", "Release", version, ontology_version]])
    by_type: dict[str, list[list[str]]] = {}
    for u, v, d in pg.graph.edges(data=True):
        by_type.setdefault(d["type"], []).append([u, v, d["type"]])
    for rtype, rows in sorted(by_type.items()):
        tables[f"rels_{rtype}.csv"] = ([":START_ID", ":END_ID", ":TYPE"], sorted(rows))
    return tables


def neo4j_load_script(tables: dict[str, tuple[list[str], list[list[Any]]]]) -> str:
    lines = ["// mfkg property graph for Neo4j.",
             "// Offline: neo4j-admin database import full --array-delimiter='|' "
             + " ".join(f"--nodes={n}" for n in tables if n.startswith("nodes_")) + " "
             + " ".join(f"--relationships={n}" for n in tables if n.startswith("rels_")),
             "// Online: run each statement with $rows = the rows of the named file (batches of ~5,000),",
             "// e.g. with the Neo4j Python driver: session.run(statement, rows=batch). Values are parameters.",
             "CREATE CONSTRAINT mfkg_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;"]
    for name, (header, _) in tables.items():
        if name.startswith("nodes_"):
            label = name[len("nodes_"):-4]
            lines.append(f"// {name}")
            lines.append(f"UNWIND $rows AS row MERGE (n:Entity {{id: row.id}}) SET n:{label} SET n += row.properties;")
    for name in tables:
        if name.startswith("rels_"):
            rtype = name[len("rels_"):-4]
            lines.append(f"// {name}")
            lines.append(f"UNWIND $rows AS row MATCH (a:Entity {{id: row.start}}), (b:Entity {{id: row.end}}) "
                         f"MERGE (a)-[:{rtype}]->(b);")
    return "\n".join(lines) + "\n"


def read_neo4j_csv(folder: Path) -> PropertyGraph:
    """Read an exported Neo4j CSV folder back into a property graph (for the round-trip test)."""
    import networkx as nx

    g = nx.MultiDiGraph()
    labels: dict[str, str] = {}
    types: dict[str, dict[str, str]] = {}
    conv = {"long": ("INT64", int), "double": ("DOUBLE", float), "boolean": ("BOOLEAN", lambda s: s == "true"),
            "string": ("STRING", str)}
    for path in sorted(Path(folder).glob("nodes_*.csv")):
        if path.name == "nodes_Release.csv":
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            for row in reader:
                node, label_field = row[0], row[1]
                label = path.name[len("nodes_"):-4]
                attrs: dict[str, Any] = {"label": label, "labels": label_field.split(";")}
                for col, raw in zip(header[2:], row[2:]):
                    name, _, typ = col.partition(":")
                    is_list = typ.endswith("[]")
                    kuzu, f = conv[typ.rstrip("[]")]
                    types.setdefault(label, {})[name] = kuzu + ("[]" if is_list else "")
                    if raw == "":
                        continue
                    attrs[name] = [f(x) for x in raw.split(ARRAY_DELIMITER)] if is_list else f(raw)
                g.add_node(node, **attrs)
                labels[node] = label
    for path in sorted(Path(folder).glob("rels_*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            next(reader)
            for start, end, rtype in reader:
                g.add_edge(start, end, key=rtype, type=rtype)
    return PropertyGraph(g, labels, types)
