"""RDF syntaxes: Turtle, N-Triples, N-Quads and TriG (a named graph per record), JSON-LD, RDF/XML, OWL.
Every writer takes the graph's sorted N-Triples lines (blank nodes labelled by content in the build)
and writes them in that order with Oxigraph's serialisers, prefixes sorted, TriG's graphs sorted,
JSON-LD's sets sorted: exports are byte-stable across runs and processes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mfkg.namespaces import BASE
from mfkg.outputs.export_graph import ExportGraph
from mfkg.outputs.jsonld import jsonld_bytes, jsonld_context
from mfkg.outputs.source import ExportInput
from mfkg.rdf.oxio import serialize
from mfkg.rdf.serialise import atomic_write

__all__ = ["GRAPH_BASE", "jsonld_context", "record_graph", "write_jsonld", "write_nquads", "write_ntriples",
           "write_owl", "write_rdfxml", "write_trig", "write_turtle"]

GRAPH_BASE = BASE + "graph/"
ONTOLOGY_GRAPH = GRAPH_BASE + "ontology"
KINDS_WITH_RECORDS = ("model", "modality", "tokenizer", "layer-type", "pattern", "task", "technique", "trend",
                      "limit", "recommendation", "publication", "dataset", "seed-claim", "seed-section", "assay", "capability",
                      "baseline", "benchmark", "result")


def record_graph(subject: str) -> str:
    """The named graph of a triple by its subject IRI: the record's graph, else the ontology graph.

    >>> record_graph("https://w3id.org/mfkg/model/scgpt/claim/x")
    'https://w3id.org/mfkg/graph/record/model/scgpt'
    >>> record_graph("https://w3id.org/mfkg/vocab/Model")
    'https://w3id.org/mfkg/graph/ontology'
    """
    if subject.startswith(BASE):
        parts = subject[len(BASE):].split("/")
        if len(parts) >= 2 and parts[0] in KINDS_WITH_RECORDS:
            return f"{GRAPH_BASE}record/{parts[0]}/{parts[1]}"
    return ONTOLOGY_GRAPH


def _graph_names(g: ExportGraph) -> list[str]:
    """Each line's named graph (blank-node subjects go to the ontology graph)."""
    return [record_graph(t.subject.value) if t.subject.__class__.__name__ == "NamedNode" else ONTOLOGY_GRAPH
            for t in g.triples]


def write_turtle(g: ExportGraph, _: ExportInput, path: Path) -> None:
    atomic_write(path, serialize(g.triples, "TURTLE", g.prefixes))


def write_ntriples(g: ExportGraph, _: ExportInput, path: Path) -> None:
    atomic_write(path, g.ntriples)


def write_nquads(g: ExportGraph, _: ExportInput, path: Path) -> None:
    lines = sorted(f"{line[:-1]}<{name}> ." for line, name in zip(g.lines, _graph_names(g)))
    atomic_write(path, ("\n".join(lines) + "\n").encode("utf-8") if lines else b"")


def write_trig(g: ExportGraph, _: ExportInput, path: Path) -> None:
    import pyoxigraph as ox

    names: dict[str, Any] = {}
    quads = []
    for name, _line, t in sorted(zip(_graph_names(g), g.lines, g.triples), key=lambda x: (x[0], x[1])):
        graph = names.get(name) or names.setdefault(name, ox.NamedNode(name))
        quads.append(ox.Quad(t.subject, t.predicate, t.object, graph))
    atomic_write(path, serialize(quads, "TRIG", g.prefixes))


def write_jsonld(g: ExportGraph, _: ExportInput, path: Path) -> None:
    import json

    atomic_write(path, jsonld_bytes(g.triples))
    atomic_write(path.with_name("context.jsonld"), (json.dumps(jsonld_context(), indent=1, sort_keys=True) + "\n").encode())


def write_rdfxml(g: ExportGraph, _: ExportInput, path: Path) -> None:
    atomic_write(path, serialize(g.triples, "RDF_XML", g.prefixes))


def write_owl(g: ExportGraph, _: ExportInput, path: Path) -> None:
    """RDF/XML for ontology tools; owlready2 and Protégé read it (owlready2 does not read Turtle)."""
    atomic_write(path, serialize(g.triples, "RDF_XML", g.prefixes))
