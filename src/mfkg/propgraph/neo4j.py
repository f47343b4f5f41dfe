"""Neo4j admin-import CSVs and a parameterised load script from the property graph, and reading them back."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from mfkg.errors import MfkgError
from mfkg.propgraph.cypher import ARRAY_DELIMITER, _coerce, _kuzu_type
from mfkg.propgraph.projection import PropertyGraph

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
    for name in tables:
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
