"""The property graph as files: GraphML, and Neo4j admin-import CSVs with a parameterised load script."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from mfkg.outputs.export_graph import ExportGraph
from mfkg.outputs.source import ExportInput, ontology_version
from mfkg.rdf.serialise import atomic_write
from mfkg.rdf.stamp import version_iri


def _pg(g: ExportGraph):  # type: ignore[no-untyped-def]
    """The property graph projected from the export's triples (in their sorted order); one per graph."""
    from mfkg.propgraph.projection import project
    from mfkg.query.oxstore import _converter

    if "property graph" not in g.derived:
        term = _converter()   # each distinct term converted once
        g.derived["property graph"] = project([(term(t.subject), term(t.predicate), term(t.object)) for t in g.triples])
    return g.derived["property graph"]


def write_graphml(g: ExportGraph, _: ExportInput, path: Path) -> None:
    import networkx as nx

    pg = _pg(g)
    out = nx.MultiDiGraph(mfkg_version=str(version_iri()), ontology_version=ontology_version(g))
    for n, d in sorted(pg.graph.nodes(data=True)):
        attrs = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v) for k, v in sorted(d.items())}
        out.add_node(n, **attrs)
    for u, v, k, d in sorted(pg.graph.edges(keys=True, data=True)):
        out.add_edge(u, v, key=k, type=d["type"])
    buf = io.BytesIO()
    nx.write_graphml(out, buf, encoding="utf-8", named_key_ids=True)
    atomic_write(path, buf.getvalue())


def write_neo4j_csv(g: ExportGraph, _: ExportInput, folder: Path) -> None:
    """Node and relationship CSVs in the layout `neo4j-admin database import` reads, plus a
    parameterised load script (UNWIND $rows) for a running server."""
    from mfkg.propgraph.neo4j import neo4j_tables

    folder.mkdir(parents=True, exist_ok=True)
    pg = _pg(g)
    tables = neo4j_tables(pg, version=str(version_iri()), ontology_version=ontology_version(g))
    for name, (header, rows) in tables.items():
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        atomic_write(folder / name, buf.getvalue().encode("utf-8"))
    from mfkg.propgraph.neo4j import neo4j_load_script

    atomic_write(folder / "load.cypher", neo4j_load_script(tables).encode("utf-8"))
