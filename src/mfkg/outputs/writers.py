"""Each export format's writer, by name (the names are the registry's; a test checks they match)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mfkg.outputs import interop, property_graphs, rdf_syntaxes
from mfkg.outputs.export_graph import ExportGraph
from mfkg.outputs.source import ExportInput

Writer = Callable[[ExportGraph, ExportInput, Path], None]

WRITERS: dict[str, Writer] = {
    "turtle": rdf_syntaxes.write_turtle,
    "ntriples": rdf_syntaxes.write_ntriples,
    "nquads": rdf_syntaxes.write_nquads,
    "trig": rdf_syntaxes.write_trig,
    "jsonld": rdf_syntaxes.write_jsonld,
    "rdfxml": rdf_syntaxes.write_rdfxml,
    "owl": rdf_syntaxes.write_owl,
    "graphml": property_graphs.write_graphml,
    "neo4j": property_graphs.write_neo4j_csv,
    "fair4ml": interop.write_fair4ml,
    "sssom": interop.write_sssom,
}
