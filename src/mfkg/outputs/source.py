"""What an export is made from: a build split into ontology, data and inferred triples (as N-Triples
lines, read by Oxigraph), with the data folder it was built from. Worked out once per process; each
combination of parts is stamped and sorted once, however many formats are written from it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL

from mfkg.errors import MfkgError
from mfkg.namespaces import ONTOLOGY_IRI, PREFIXES
from mfkg.outputs.export_graph import ExportGraph
from mfkg.project import PROJECT, BuildFolder
from mfkg.rdf.oxio import file_prefixes, graph_of, nt_lines, read_triples
from mfkg.rdf.stamp import stamp

ONTOLOGY_FIX = "pass the OWL ontology (Turtle) the build was made with, or rebuild with 'mfkg build'"


@dataclass(frozen=True)
class ExportInput:
    """What an export is made from: N-Triples lines of the build's ontology part, its data part (the
    rest of the build) and the reasoner's inferred triples (None when the build has none)."""

    ontology: tuple[str, ...]
    data: tuple[str, ...]
    inferred: tuple[str, ...] | None = None
    data_dir: Path = PROJECT.data     # the curated data the build was made from (SSSOM reads its mappings)
    prefixes: dict[str, str] = field(default_factory=lambda: dict(PREFIXES))
    build_dir: Path | None = None     # whose record cache spares SSSOM parsing the data again
    _graphs: dict[tuple[bool, bool], ExportGraph] = field(default_factory=dict, compare=False, repr=False)

    def graph(self, *, include_ontology: bool = True, include_inferred: bool = False) -> ExportGraph:
        """The parts asked for, with the dataset's version stamp, sorted; computed once per combination."""
        key = (include_ontology, include_inferred and self.inferred is not None)
        if key not in self._graphs:
            lines = set(self.data)
            if include_ontology:
                lines.update(self.ontology)
            if key[1]:
                lines.update(self.inferred or ())
            lines.update(_stamp_lines(lines))
            self._graphs[key] = ExportGraph(lines, self.prefixes)
        return self._graphs[key]

    def merged(self, *, include_ontology: bool = True, include_inferred: bool = False) -> Graph:
        """The same parts (without the stamp) as an rdflib graph, for callers that want one."""
        lines = set(self.data) | (set(self.ontology) if include_ontology else set())
        if include_inferred and self.inferred is not None:
            lines |= set(self.inferred)
        g = graph_of("".join(line + "\n" for line in sorted(lines)).encode("utf-8"))
        for prefix, ns in self.prefixes.items():
            g.bind(prefix, ns, override=True, replace=True)
        return g


def _stamp_lines(lines: set[str]) -> list[str]:
    """The version stamp's triples (`rdf.stamp.stamp`, the one definition) for a graph of these lines."""
    head = f"<{ONTOLOGY_IRI}> <{OWL.versionIRI}> <"
    g = Graph()
    for line in lines:
        if line.startswith(head):
            g.add((ONTOLOGY_IRI, OWL.versionIRI, URIRef(line[len(head):-3])))
    stamp(g)
    return [line.decode("utf-8") for line in nt_lines(g)]


def ontology_version(g: ExportGraph) -> str:
    return g.value(str(ONTOLOGY_IRI), str(OWL.versionIRI)) or ""


def _is_blank(term: Any) -> bool:
    return isinstance(term, ox.BlankNode)


def _content_lines(triples: list[Any]) -> list[str]:
    """Triples that touch a blank node, each blank node written as a digest of what it says (its
    outgoing statements, recursively): the same lines for the same axioms whatever the labels, so the
    ontology file's anonymous nodes can be matched with the build's labelled ones."""
    out_edges: dict[str, list[tuple[str, Any]]] = {}
    for t in triples:
        if _is_blank(t.subject):
            out_edges.setdefault(t.subject.value, []).append((str(t.predicate), t.object))
    memo: dict[str, str] = {}

    def name(term: Any, depth: int = 0) -> str:
        if not _is_blank(term):
            return str(term)
        label = term.value
        if label not in memo:
            if depth > 200:   # not a tree: keep the label (the node then counts as data, never wrongly as ontology)
                return f"_:{label}"
            parts = sorted(f"{p} {name(o, depth + 1)}" for p, o in out_edges.get(label, ()))
            memo[label] = "_:h" + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]
        return memo[label]

    return [f"{name(t.subject)} {t.predicate} {name(t.object)}" for t in triples]


def _split(triples: list[Any]) -> tuple[list[Any], list[Any]]:
    plain, blank = [], []
    for t in triples:
        (blank if _is_blank(t.subject) or _is_blank(t.object) else plain).append(t)
    return plain, blank


def export_input(build_dir: Path) -> ExportInput:
    """Split a build into ontology, data and inferred triples. The ontology part is what the build
    states that the ontology file states too: the same triples, and the same axioms on blank nodes."""
    folder = BuildFolder(Path(build_dir))
    built = folder.graph
    if not built.exists():
        raise MfkgError(f"{built} does not exist; run 'mfkg build' first")
    info = folder.read_info()
    plain, blank = _split(read_triples(built))
    onto_plain, onto_blank = _split(read_triples(info.ontology, fix=ONTOLOGY_FIX))
    onto_lines = {str(t) for t in onto_plain}
    onto_axioms = set(_content_lines(onto_blank))
    ontology, data = [], []
    for t in plain:
        line = str(t)
        (ontology if line in onto_lines else data).append(line + " .")
    for t, key in zip(blank, _content_lines(blank)):
        (ontology if key in onto_axioms else data).append(f"{t} .")
    inferred_path = folder.inferred
    inferred = tuple(f"{t} ." for t in read_triples(inferred_path)) if inferred_path.exists() else None
    prefixes = {**file_prefixes(built), **PREFIXES}
    return ExportInput(tuple(ontology), tuple(data), inferred, info.data, prefixes, folder.path)
