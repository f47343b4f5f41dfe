"""`mfkg build`: compile ontology + data into one deterministic RDF file, atomically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from mfkg.curation.filecache import FileCache
from mfkg.curation.load import Records, check_data
from mfkg.errors import Problem
from mfkg.files import folder_lock
from mfkg.gcpolicy import bulk
from mfkg.project import DEFAULT_BUILD_DIR, DEFAULT_DATA, DEFAULT_ONTOLOGY, BuildFolder
from mfkg.rdf.serialise import GraphText, atomic_write, serialize_turtle
from mfkg.rdf.triples import build_graph

DEFAULT_OUTPUT = BuildFolder(DEFAULT_BUILD_DIR).graph


@dataclass(frozen=True)
class BuildResult:
    output: Path
    triples: int
    records: dict[str, int]


def compile_graph(data_dir: Path = DEFAULT_DATA, ontology: Path = DEFAULT_ONTOLOGY,
                  cache: FileCache | None = None) -> tuple[Records, Graph]:
    """Load and validate the data (raising InvalidData with every problem; files unchanged since they
    were put in `cache` are not parsed again), then build the graph."""
    catalog, graph, _ = compile_checked(data_dir, ontology, cache)
    return catalog, graph


@bulk
def compile_checked(data_dir: Path = DEFAULT_DATA, ontology: Path = DEFAULT_ONTOLOGY,
                    cache: FileCache | None = None) -> tuple[Records, Graph, list[Problem]]:
    """`compile_graph`, also giving the loader's warnings (which do not stop a build; a report shows them)."""
    catalog, warnings = check_data(data_dir, cache)
    return catalog, build_graph(catalog, ontology), warnings


@bulk
def write_graph(catalog: Records, graph: Graph, output: Path, ontology: Path = DEFAULT_ONTOLOGY,
                text: GraphText | None = None) -> BuildResult:
    """Write the graph, then note beside it which data and ontology it was built from; one writer at a
    time per build folder (a second `mfkg build` waits), each file replaced by a rename. `text`: the
    graph's `GraphText`, when the caller has it."""
    text = text if text is not None else GraphText(graph)
    data = serialize_turtle(graph, text)
    folder = BuildFolder(Path(output).parent)
    with folder_lock(folder.lock, "mfkg build"):
        atomic_write(output, data)
        folder.write_info(catalog.data_dir, ontology)
    counts = {kind: len(items) for kind, items in catalog.items.items() if items}
    return BuildResult(Path(output), len(text), counts)


@bulk
def build(data_dir: Path = DEFAULT_DATA, output: Path = DEFAULT_OUTPUT,
          ontology: Path = DEFAULT_ONTOLOGY, *, cache: bool = True) -> BuildResult:
    """Compile the data and write the graph (without validation or reasoning). With `cache`, files
    unchanged since the last build in the same folder are not parsed or compiled again; the output is
    the same bytes either way."""
    from mfkg.rdf.incremental import CACHE_FOLDER, compile_cached
    from mfkg.rdf.serialise import turtle_from_lines

    folder = BuildFolder(Path(output).parent)
    with folder_lock(folder.lock, "mfkg build"):
        # without the cache: the same path with a cache that keeps nothing (no rdflib graph of the
        # whole catalogue is built; `tests/test_incremental.py` checks both give `serialize_turtle`'s bytes)
        catalog, lines, prefixes, all_in_use = compile_cached(data_dir, ontology, folder.path, cache=cache)
        data, triples = turtle_from_lines(lines, prefixes, all_in_use=all_in_use,
                                          blocks=folder.path / CACHE_FOLDER if cache else None)
        atomic_write(output, data)
        folder.write_info(catalog.data_dir, ontology)
    counts = {kind: len(items) for kind, items in catalog.items.items() if items}
    return BuildResult(Path(output), triples, counts)
