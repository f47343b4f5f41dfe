"""`mfkg build`: compile ontology + data into one deterministic RDF file, atomically."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.compare import to_canonical_graph

from .errors import MfkgError
from .graph import build_graph, new_graph
from .load import Catalog, load_or_raise
from .paths import DEFAULT_BUILD_DIR, DEFAULT_DATA, DEFAULT_ONTOLOGY

DEFAULT_OUTPUT = DEFAULT_BUILD_DIR / "mfkg.ttl"


@dataclass(frozen=True)
class BuildResult:
    output: Path
    triples: int
    records: dict[str, int]


def canonical(graph: Graph) -> Graph:
    """The same graph with blank nodes renamed by content, so serialisations are stable.
    Only the triples that touch a blank node go through the (costly) canonical labelling."""
    from rdflib import BNode

    out = new_graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True, replace=True)
    with_bnodes = Graph()
    for t in graph:
        if isinstance(t[0], BNode) or isinstance(t[2], BNode):
            with_bnodes.add(t)
        else:
            out.add(t)
    if len(with_bnodes):
        out += to_canonical_graph(with_bnodes)
    return out


def serialize_turtle(graph: Graph) -> bytes:
    return canonical(graph).serialize(format="turtle", encoding="utf-8")


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path = Path(path)
    if path.is_dir():
        raise MfkgError(f"{path} is a folder; give a file name for the output, e.g. {path / 'mfkg.ttl'}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise MfkgError(f"cannot write {path} ({exc.strerror}); choose another output path") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)   # mkstemp creates 0600; give the file the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def compile_graph(data_dir: Path = DEFAULT_DATA, ontology: Path = DEFAULT_ONTOLOGY) -> tuple[Catalog, Graph]:
    """Load and validate the data (raising InvalidData with every problem), then build the graph."""
    catalog = load_or_raise(data_dir)
    return catalog, build_graph(catalog, ontology)


def build(data_dir: Path = DEFAULT_DATA, output: Path = DEFAULT_OUTPUT,
          ontology: Path = DEFAULT_ONTOLOGY) -> BuildResult:
    catalog, graph = compile_graph(data_dir, ontology)
    atomic_write(output, serialize_turtle(graph))
    counts = {kind: len(items) for kind, items in catalog.items.items() if items}
    return BuildResult(Path(output), len(graph), counts)
