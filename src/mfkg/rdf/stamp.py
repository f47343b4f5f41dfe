"""Version stamps: the dataset's version IRI, version and licence, added to every RDF artefact."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF

from mfkg._version import __version__
from mfkg.namespaces import BASE, ONTOLOGY_IRI

DATASET_IRI = URIRef(BASE + "dataset")
DATA_LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")


def version_iri() -> URIRef:
    """The IRI of this release of the dataset.

    >>> str(version_iri()).startswith("https://w3id.org/mfkg/dataset/")
    True
    """
    return URIRef(f"{BASE}dataset/{__version__}")


def stamp(g: Graph) -> None:
    """The dataset's own version IRI and licence, in every RDF artefact."""
    g.add((DATASET_IRI, RDF.type, URIRef("http://rdfs.org/ns/void#Dataset")))
    g.add((DATASET_IRI, OWL.versionIRI, version_iri()))
    g.add((DATASET_IRI, OWL.versionInfo, Literal(__version__)))
    g.add((DATASET_IRI, DCTERMS.license, DATA_LICENCE))
    onto_version = g.value(ONTOLOGY_IRI, OWL.versionIRI)
    if onto_version is not None:
        g.add((DATASET_IRI, DCTERMS.conformsTo, onto_version))
