"""RDF syntaxes: Turtle, N-Triples, N-Quads and TriG (a named graph per record), JSON-LD, RDF/XML, OWL.
Every writer canonicalises blank nodes and puts its output in a fixed order (sorted lines, sorted
graphs, subjects in sorted order, JSON-LD sets sorted), so exports are byte-stable across runs."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.serializers.trig import TrigSerializer

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


class _SortedTrig(TrigSerializer):
    """TriG with its named graphs in sorted order (the store hands them over in hash order)."""

    def __init__(self, store: Dataset):
        super().__init__(store)
        self.contexts = sorted(self.contexts, key=lambda c: c.identifier.n3())


def write_trig(g: Graph, _: ExportInput, path: Path) -> None:
    buf = io.BytesIO()
    _SortedTrig(partition(canonical(g))).serialize(buf, encoding="utf-8")
    atomic_write(path, buf.getvalue())


def _in_order(g: Graph) -> Graph:
    """The graph in a store that iterates in insertion order, filled in sorted order: serialisers that
    walk the store (RDF/XML) then write the same bytes in every run."""
    out = Graph(store="SimpleMemory")
    for prefix, ns in g.namespaces():
        out.bind(prefix, ns, override=True, replace=True)
    for t in sorted(canonical(g), key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3())):
        out.add(t)
    return out


def _sorted_sets(doc: Any) -> Any:
    """JSON-LD with every array sorted except ordered lists (@list): arrays are sets in JSON-LD."""
    if isinstance(doc, dict):
        return {k: ([_sorted_sets(x) for x in v] if k == "@list" and isinstance(v, list) else _sorted_sets(v))
                for k, v in doc.items()}
    if isinstance(doc, list):
        items = [_sorted_sets(x) for x in doc]
        return sorted(items, key=lambda x: json.dumps(x, sort_keys=True, ensure_ascii=False))
    return doc


def jsonld_context() -> dict:
    return {"@context": dict(PREFIXES)}   # JSON-LD 1.0-compatible: no 1.1 features are used


def write_jsonld(g: Graph, _: ExportInput, path: Path) -> None:
    text = _in_order(g).serialize(format="json-ld", context=jsonld_context()["@context"], auto_compact=True,
                                  sort_keys=True, indent=1)
    doc = _sorted_sets(json.loads(text))
    atomic_write(path, json.dumps(doc, sort_keys=True, indent=1, ensure_ascii=False).encode("utf-8"))
    atomic_write(path.with_name("context.jsonld"), (json.dumps(jsonld_context(), indent=1, sort_keys=True) + "\n").encode())


def write_rdfxml(g: Graph, _: ExportInput, path: Path) -> None:
    atomic_write(path, _in_order(g).serialize(format="xml", encoding="utf-8"))


def write_owl(g: Graph, _: ExportInput, path: Path) -> None:
    """RDF/XML for ontology tools; owlready2 and Protégé read it (owlready2 does not read Turtle)."""
    atomic_write(path, _in_order(g).serialize(format="xml", encoding="utf-8"))
