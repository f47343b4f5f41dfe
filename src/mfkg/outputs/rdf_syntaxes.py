"""RDF syntaxes: Turtle, N-Triples, N-Quads and TriG (a named graph per record), JSON-LD, RDF/XML, OWL.
Every writer canonicalises blank nodes and sorts line-based output, so exports are byte-stable."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from mfkg.namespaces import BASE, PREFIXES
from mfkg.outputs.source import ExportInput
from mfkg.rdf.serialise import atomic_write, canonical

GRAPH_BASE = BASE + "graph/"
KINDS_WITH_RECORDS = ("model", "modality", "tokenizer", "layer-type", "pattern", "task", "technique", "trend",
                      "limit", "recommendation", "publication", "dataset", "seed-claim", "seed-section", "assay", "capability",
                      "baseline", "benchmark", "result")


def _record_graph(s: URIRef) -> URIRef | None:
    text = str(s)
    if not text.startswith(BASE):
        return None
    parts = text[len(BASE):].split("/")
    if len(parts) >= 2 and parts[0] in KINDS_WITH_RECORDS:
        return URIRef(f"{GRAPH_BASE}record/{parts[0]}/{parts[1]}")
    return None


def partition(graph: Graph) -> Dataset:
    """Each record's triples in its own named graph; everything else in the ontology graph."""
    ds = Dataset()
    for prefix, ns in graph.namespaces():
        ds.bind(prefix, ns, override=True, replace=True)
    onto = ds.graph(URIRef(GRAPH_BASE + "ontology"))
    graphs: dict[URIRef, Graph] = {}
    for s, p, o in graph:
        name = _record_graph(s) if isinstance(s, URIRef) else None
        if name is None:
            onto.add((s, p, o))
        else:
            if name not in graphs:
                graphs[name] = ds.graph(name)
            graphs[name].add((s, p, o))
    return ds


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted({line for line in data.decode("utf-8").splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_turtle(g: Graph, _: ExportInput, path: Path) -> None:
    atomic_write(path, canonical(g).serialize(format="turtle", encoding="utf-8"))


def write_ntriples(g: Graph, _: ExportInput, path: Path) -> None:
    atomic_write(path, _sorted_lines(canonical(g).serialize(format="nt", encoding="utf-8")))


def write_nquads(g: Graph, _: ExportInput, path: Path) -> None:
    atomic_write(path, _sorted_lines(partition(canonical(g)).serialize(format="nquads", encoding="utf-8")))


def write_trig(g: Graph, _: ExportInput, path: Path) -> None:
    atomic_write(path, partition(canonical(g)).serialize(format="trig", encoding="utf-8"))


def jsonld_context() -> dict:
    return {"@context": dict(PREFIXES)}   # JSON-LD 1.0-compatible: no 1.1 features are used


def write_jsonld(g: Graph, _: ExportInput, path: Path) -> None:
    text = canonical(g).serialize(format="json-ld", context=jsonld_context()["@context"], auto_compact=True,
                                  sort_keys=True, indent=1)
    atomic_write(path, text.encode("utf-8") if isinstance(text, str) else text)
    atomic_write(path.with_name("context.jsonld"), (json.dumps(jsonld_context(), indent=1, sort_keys=True) + "\n").encode())


def write_rdfxml(g: Graph, _: ExportInput, path: Path) -> None:
    atomic_write(path, canonical(g).serialize(format="xml", encoding="utf-8"))


def write_owl(g: Graph, _: ExportInput, path: Path) -> None:
    """RDF/XML for ontology tools; owlready2 and Protégé read it (owlready2 does not read Turtle)."""
    atomic_write(path, canonical(g).serialize(format="xml", encoding="utf-8"))
