"""IRIs: the namespace of the vocabulary and how record ids become IRIs."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/mfkg/"
MFKG = Namespace(BASE + "vocab/")
SCHEMA = Namespace("https://schema.org/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
ONTOLOGY_IRI = URIRef(BASE + "ontology")

ROLE = Namespace(BASE + "role/")
FAMILY = Namespace(BASE + "family/")
VERDICT = Namespace(BASE + "verdict/")
PUBTYPE = Namespace(BASE + "pubtype/")
ACCESS = Namespace(BASE + "access/")
COMMERCIAL = Namespace(BASE + "commercial-use/")
SETTING = Namespace(BASE + "setting/")
REPORTER = Namespace(BASE + "reported-by/")
DIRECTION = Namespace(BASE + "direction/")
SPDX = Namespace("https://spdx.org/licenses/")

PREFIXES: dict[str, str] = {
    "mfkg": str(MFKG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "bibo": str(BIBO),
    "role": str(ROLE),
    "family": str(FAMILY),
    "verdict": str(VERDICT),
    "pubtype": str(PUBTYPE),
    "access": str(ACCESS),
    "commercial": str(COMMERCIAL),
    "setting": str(SETTING),
    "reportedby": str(REPORTER),
    "direction": str(DIRECTION),
    "spdx": str(SPDX),
    "model": BASE + "model/",
    "modality": BASE + "modality/",
    "tokenizer": BASE + "tokenizer/",
    "layer": BASE + "layer-type/",
    "pattern": BASE + "pattern/",
    "task": BASE + "task/",
    "technique": BASE + "technique/",
    "trend": BASE + "trend/",
    "limit": BASE + "limit/",
    "rec": BASE + "recommendation/",
    "pub": BASE + "publication/",
    "dataset": BASE + "dataset/",
    "seedclaim": BASE + "seed-claim/",
    "seedsection": BASE + "seed-section/",
    "assay": BASE + "assay/",
    "capability": BASE + "capability/",
    "baseline": BASE + "baseline/",
    "benchmark": BASE + "benchmark/",
    "result": BASE + "result/",
}

# External vocabularies that mappings may point to: CURIE prefix -> IRI prefix.
EXTERNAL_PREFIXES: dict[str, str] = {
    "EFO": "http://www.ebi.ac.uk/efo/EFO_",
    "OBI": "http://purl.obolibrary.org/obo/OBI_",
    "EDAM": "http://edamontology.org/",
    "AIO": "https://w3id.org/aio/",
    "wikidata": "http://www.wikidata.org/entity/",
    "semapv": "https://w3id.org/semapv/vocab/",
    "skos": str(SKOS),
}


def entity_iri(kind: str, id_: str) -> URIRef:
    """The IRI of a curated record: https://w3id.org/mfkg/<kind>/<id>."""
    return URIRef(f"{BASE}{kind}/{id_}")


def expand_curie(curie: str) -> URIRef:
    prefix, _, local = curie.partition(":")
    if prefix not in EXTERNAL_PREFIXES:
        raise ValueError(f"unknown CURIE prefix '{prefix}'")
    return URIRef(EXTERNAL_PREFIXES[prefix] + local)
