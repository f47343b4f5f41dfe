"""The export format registry: names, files, media types. Light to import, so the CLI can offer
the choices without loading the RDF stack; `outputs/writers.py` binds each name to its writer.

>>> FORMATS["turtle"].media_type
'text/turtle'
>>> [f.name for f in SPECS if f.rdf_parse is None]
['graphml', 'neo4j', 'fair4ml', 'sssom']
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormatSpec:
    name: str
    extension: str          # file suffix, or "/" for a folder
    media_type: str
    description: str
    rdf_parse: str | None = None   # rdflib parser name when the output is RDF


SPECS: tuple[FormatSpec, ...] = (
    FormatSpec("turtle", ".ttl", "text/turtle", "Turtle", "turtle"),
    FormatSpec("ntriples", ".nt", "application/n-triples", "N-Triples, sorted", "nt"),
    FormatSpec("nquads", ".nq", "application/n-quads", "N-Quads, one named graph per record, sorted", "nquads"),
    FormatSpec("trig", ".trig", "application/trig", "TriG, one named graph per record", "trig"),
    FormatSpec("jsonld", ".jsonld", "application/ld+json", "JSON-LD, compact, with context.jsonld beside it", "json-ld"),
    FormatSpec("rdfxml", ".rdf", "application/rdf+xml", "RDF/XML", "xml"),
    FormatSpec("owl", ".owl", "application/rdf+xml", "OWL (RDF/XML) for owlready2 and Protégé", "xml"),
    FormatSpec("graphml", ".graphml", "application/graphml+xml", "GraphML of the property graph"),
    FormatSpec("neo4j", "/", "text/csv", "Neo4j admin-import CSVs and a parameterised load script"),
    FormatSpec("fair4ml", ".fair4ml.jsonld", "application/ld+json", "models as FAIR4ML / schema.org JSON-LD"),
    FormatSpec("sssom", ".sssom.tsv", "text/tab-separated-values", "outbound mappings as SSSOM"),
)
NAMES: tuple[str, ...] = tuple(s.name for s in SPECS)
FORMATS: dict[str, FormatSpec] = {spec.name: spec for spec in SPECS}
