"""What an export is made from: a build split into ontology, data and inferred graphs, with the data
folder it was built from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL

from mfkg.errors import MfkgError
from mfkg.namespaces import ONTOLOGY_IRI
from mfkg.project import PROJECT, BuildFolder
from mfkg.rdf.oxio import read_rdf
from mfkg.rdf.serialise import canonical, new_graph


@dataclass(frozen=True)
class ExportInput:
    """What an export is made from."""

    ontology: Graph
    data: Graph
    inferred: Graph | None = None
    data_dir: Path = PROJECT.data     # the curated data the build was made from (SSSOM reads its mappings)

    def merged(self, *, include_ontology: bool = True, include_inferred: bool = False) -> Graph:
        g = new_graph()
        if include_ontology:
            g += self.ontology
        g += self.data
        if include_inferred and self.inferred is not None:
            g += self.inferred
        return g


def ontology_version(g: Graph) -> str:
    v = g.value(ONTOLOGY_IRI, OWL.versionIRI)
    return str(v) if v is not None else ""


def export_input(build_dir: Path) -> ExportInput:
    """Split a build into ontology, data and inferred graphs (the ontology part from its own file)."""
    folder = BuildFolder(Path(build_dir))
    built = folder.graph
    if not built.exists():
        raise MfkgError(f"{built} does not exist; run 'mfkg build' first")
    info = folder.read_info()
    full = read_rdf(built)
    onto = new_graph()
    onto.parse(info.ontology, format="turtle")
    data = new_graph()
    onto_iso = canonical(onto)
    onto_triples = set(onto_iso)
    for t in canonical(full):
        if t not in onto_triples:
            data.add(t)
    inferred_path = folder.inferred
    inferred = read_rdf(inferred_path) if inferred_path.exists() else None
    return ExportInput(onto_iso, data, inferred, info.data)
