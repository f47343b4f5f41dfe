"""The store held in memory (`mfkg.query.held`): what the store on disk holds, in an order of its own
that is the same in every process, and never a graph the store does not hold."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mfkg.errors import MfkgError
from mfkg.project import BuildFolder
from mfkg.query.held import in_memory, load_copy
from mfkg.query.store import MemoryStore, open_store


def _quads(raw) -> tuple[set[str], int]:  # type: ignore[no-untyped-def]
    """The quads without blank nodes (their labels differ between two loads), and how many quads."""
    import pyoxigraph as ox

    quads = list(raw.quads_for_pattern(None, None, None, None))
    plain = {str(q) for q in quads if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)}
    return plain, len(quads)


def _copy_build(source: Path, tmp_path: Path) -> Path:
    build = tmp_path / "build"
    build.mkdir()
    for f in (BuildFolder(source).graph, BuildFolder(source).inferred):
        if f.exists():
            shutil.copy(f, build / f.name)
    return build


def test_the_copy_holds_what_the_store_holds(fixture_build: Path) -> None:
    store = open_store(fixture_build)
    held = in_memory(store)
    assert held is not store and held.sources == store.sources
    assert _quads(held._store) == _quads(store._store)
    # answers that fix their order are the same rows
    query = "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s ?label"
    assert held.select(query).rows == store.select(query).rows and store.select(query).rows


def test_other_stores_are_not_copied() -> None:
    store = MemoryStore(b'<https://example.org/a> <https://example.org/b> "c" .\n')
    assert in_memory(store) is store


@pytest.mark.parametrize("change", ["edited", "removed"])
def test_a_file_changed_since_the_store_was_built_gives_no_copy(change: str, fixture_build: Path, tmp_path: Path) -> None:
    build = _copy_build(fixture_build, tmp_path)
    store = open_store(build)
    graph = BuildFolder(build).graph
    if change == "edited":
        graph.write_bytes(graph.read_bytes() + b"\n<https://example.org/a> <https://example.org/b> \"c\" .\n")
    else:
        graph.unlink()
    assert load_copy(store.sources, store.directory) is None
    with pytest.raises(MfkgError, match=str(graph).replace("\\", "\\\\") + ".*run the command again"):
        in_memory(store)


def test_a_file_touched_since_the_store_was_built_gives_no_copy(fixture_build: Path, tmp_path: Path) -> None:
    """The same bytes under a new time: the rule a cold query uses (size and time) does not trust it."""
    build = _copy_build(fixture_build, tmp_path)
    store = open_store(build)
    graph = BuildFolder(build).graph
    st = graph.stat()
    os.utime(graph, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    assert load_copy(store.sources, store.directory) is None


_ORDER = """
import sys
from mfkg.query.held import in_memory
from mfkg.query.store import open_store
held = in_memory(open_store(sys.argv[1]))
query = ("SELECT ?s (GROUP_CONCAT(STR(?o); separator='|') AS ?all) "
         "WHERE { ?s ?p ?o FILTER(isIRI(?s) && !isBlank(?o)) } GROUP BY ?s")
print(repr([[None if c is None else c.value for c in row] for row in held.select(query).rows]))
"""


def test_the_copys_order_is_the_same_in_every_process(fixture_build: Path) -> None:
    """Answers without an ORDER BY, and GROUP_CONCAT's values, follow the copy's order; the site's bytes
    follow them, so two processes (two hash seeds) must get the same order."""
    open_store(fixture_build)
    answers = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", _ORDER, str(fixture_build)], capture_output=True, text=True,
                             env=env, timeout=120)
        assert run.returncode == 0, run.stderr[-2000:]
        answers.add(run.stdout)
    assert len(answers) == 1 and len(next(iter(answers))) > 1000
