"""The export format registry: names, files, media types. Light to import, so the CLI can offer
the choices without loading the RDF stack; `export.py` binds each entry to its writer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormatSpec:
    name: str
    extension: str          # file suffix, or "/" for a folder
    media_type: str
    description: str
    writer: str             # name of the writer function in mfkg.export
    rdf_parse: str | None = None   # rdflib parser name when the output is RDF


SPECS: tuple[FormatSpec, ...] = (
    FormatSpec("turtle", ".ttl", "text/turtle", "Turtle", "write_turtle", "turtle"),
    FormatSpec("ntriples", ".nt", "application/n-triples", "N-Triples, sorted", "write_ntriples", "nt"),
    FormatSpec("nquads", ".nq", "application/n-quads", "N-Quads, one named graph per record, sorted", "write_nquads", "nquads"),
    FormatSpec("trig", ".trig", "application/trig", "TriG, one named graph per record", "write_trig", "trig"),
    FormatSpec("jsonld", ".jsonld", "application/ld+json", "JSON-LD, compact, with context.jsonld beside it", "write_jsonld", "json-ld"),
    FormatSpec("rdfxml", ".rdf", "application/rdf+xml", "RDF/XML", "write_rdfxml", "xml"),
    FormatSpec("owl", ".owl", "application/rdf+xml", "OWL (RDF/XML) for owlready2 and Protégé", "write_owl", "xml"),
    FormatSpec("graphml", ".graphml", "application/graphml+xml", "GraphML of the property graph", "write_graphml"),
    FormatSpec("neo4j", "/", "text/csv", "Neo4j admin-import CSVs and a parameterised load script", "write_neo4j_csv"),
    FormatSpec("fair4ml", ".fair4ml.jsonld", "application/ld+json", "models as FAIR4ML / schema.org JSON-LD", "write_fair4ml"),
    FormatSpec("sssom", ".sssom.tsv", "text/tab-separated-values", "outbound mappings as SSSOM", "write_sssom"),
)
NAMES: tuple[str, ...] = tuple(s.name for s in SPECS)
