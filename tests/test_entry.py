"""`mfkg query run NAME` answered without the CLI framework prints what the full CLI prints, imports
nothing heavy, and hands everything it does not answer itself to the full CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, ROOT
from mfkg.entry import _parse

# answered by the quick path itself: text, number and boolean parameters, every format, --wide, --asserted-only
QUICK = [
    ["query", "run", "models-min-cells", "--param", "min_cells=1000000"],
    ["query", "run", "models-min-cells", "--param=min_cells=1000000", "--format", "json"],
    ["query", "run", "models-min-cells", "--param", "min_cells=1_000_000", "--format=csv", "--asserted-only"],
    ["query", "run", "models-min-cells", "--wide", "--param", "min_cells=1000000"],
    ["query", "run", "models-min-cells", "--format", "md"],                 # the parameter's default
    ["query", "run", "catalog", "--format", "tsv"],
    ["query", "run", "catalog"],
    ["query", "run", "clip-protein-anchor", "--format", "json"],
    ["query", "run", "model-card", "--param", "model=scgpt"],                 # an exact id
    ["query", "run", "model-card", "--param", "model= model/geneformer "],    # kind/id
    ["query", "run", "compare-models", "--param", "models=scgpt, geneformer", "--format", "csv"],   # ids
    ["query", "run", "compare-models", "--param", "models=scgpt model/geneformer"],   # ids, spaces
    ["query", "run", "claim-sources", "--param", "about=scgpt"],              # model|dataset id
]

# handed to the full CLI by the quick path (after it has read the command line)
HANDED_OVER = [
    ["query", "run", "model-card", "--param", "model=SCGPT"],       # a name, through the resolver
    ["query", "run", "model-card", "--param", "model=scgtp"],       # did you mean
    ["query", "run", "compare-models", "--param", "models=scgpt Geneformer"],   # one name is not an id
    ["query", "run", "model-card", "--param", "model=dataset/scgpt"],           # not a model
    ["query", "run", "no-such-question"],                           # did you mean / the catalogue
    ["query", "run", "catalgo"],
    ["query", "run", "models-min-cells", "--param", "min_cells=many"],   # a bad value
    ["query", "run", "models-min-cells", "--param", "cells=5"],          # no such parameter
    ["query", "run", "models-min-cells", "--param", "min_cells="],       # an empty value
    ["query", "run", "models-min-cells", "--param", "min_cells=999999999999999"],   # no rows: which value
    ["query", "run", "lineage-graph"],                                    # CONSTRUCT prints Turtle
]

HEAVY = ("re", "json", "click", "rdflib", "pyshacl", "networkx", "owlready2", "starlette", "uvicorn", "yaml", "pydantic", "jinja2",
         "pandas", "numpy", "real_ladybug", "dataclasses", "inspect", "typing", "pathlib", "hashlib", "difflib",
         "shutil", "tempfile", "urllib", "email", "http", "importlib.metadata", "mfkg.cli", "mfkg.project",
         "mfkg.query.store", "mfkg.query.saved", "mfkg.query.resolve", "mfkg.query.describe", "mfkg.rdf", "mfkg.curation")

_DUMP = ("import atexit, sys\n"
         "atexit.register(lambda: sys.stderr.write('\\nMODULES ' + ' '.join(sorted(sys.modules)) + '\\n'))\n"
         "from mfkg.entry import main\n"
         "main()\n")


@pytest.fixture(scope="module")
def entry_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mfkg.pipeline import run_pipeline
    from mfkg.project import BuildFolder
    from mfkg.query.store import open_store

    out = tmp_path_factory.mktemp("entry-build")
    run_pipeline(BuildFolder(out), data_dir=FIXTURE_DATA, validate=False, reason=False)
    open_store(out)   # the store is built once, as the first query after a build does
    return out


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _fast(args: list[str]) -> tuple[tuple[int, str, str], set[str]]:
    """The console script's entry: (exit code, stdout, stderr) and the modules it imported."""
    proc = subprocess.run([sys.executable, "-c", _DUMP, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=_env())
    err, _, modules = proc.stderr.rpartition("\nMODULES ")
    return (proc.returncode, proc.stdout, err), set(modules.split())


def _full(args: list[str]) -> tuple[int, str, str]:
    proc = subprocess.run([sys.executable, "-c", "from mfkg.cli import main; main()", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env=_env())
    return proc.returncode, proc.stdout, proc.stderr


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize("args", QUICK, ids=lambda a: " ".join(a[2:]))
def test_the_quick_path_prints_what_the_full_cli_prints_and_imports_nothing_heavy(args: list[str],
                                                                                   entry_build: Path) -> None:
    argv = [*args, "--build-dir", str(entry_build)]
    assert _parse(argv) is not None, "this command line should take the quick path"
    fast, modules = _fast(argv)
    assert fast == _full(argv)
    assert fast[0] == 0 and fast[1]
    assert "pyoxigraph" in modules and "mfkg.query.quick" in modules
    assert not _heavy(modules), f"the quick path imported {_heavy(modules)}"


@pytest.mark.parametrize("args", HANDED_OVER, ids=lambda a: " ".join(a[2:]))
def test_what_the_quick_path_cannot_answer_the_full_cli_answers(args: list[str], entry_build: Path) -> None:
    argv = [*args, "--build-dir", str(entry_build)]
    assert _parse(argv) is not None
    fast, modules = _fast(argv)
    assert "mfkg.cli" in modules, "the quick path should have handed this over"
    assert fast == _full(argv)


def test_a_missing_build_a_changed_graph_and_merged_graphs_go_through_the_full_path(entry_build: Path, tmp_path: Path) -> None:
    args = ["query", "run", "catalog", "--format", "csv", "--build-dir"]
    missing = [*args, str(tmp_path / "nothing")]
    fast, modules = _fast(missing)
    assert fast == _full(missing) and fast[0] != 0 and "mfkg build" in fast[2]
    assert "mfkg.cli" in modules
    copy = tmp_path / "build"
    shutil.copytree(entry_build, copy)
    graph = copy / "mfkg.ttl"
    os.utime(graph, ns=(graph.stat().st_atime_ns, graph.stat().st_mtime_ns + 10**9))   # touched, same bytes
    first, modules = _fast([*args, str(copy)])
    assert "mfkg.cli" in modules, "a source newer than the manifest: the full path refreshes the manifest"
    again, modules = _fast([*args, str(copy) + "/"])   # the same folder spelled another way
    assert "mfkg.cli" not in modules, "the store is current again: the quick path answers"
    assert first == again == _full([*args, str(copy)])
    (copy / "extra-graphs.json").write_text("[]\n", encoding="utf-8")   # merged graphs: listed by the full path
    merged, modules = _fast([*args, str(copy)])
    assert "mfkg.cli" in modules and merged == first


def test_the_installed_console_script_takes_the_quick_path(entry_build: Path) -> None:
    script = Path(sys.executable).with_name("mfkg")
    if not script.exists():
        pytest.skip("the mfkg console script is not installed beside this interpreter")
    argv = ["query", "run", "catalog", "--format", "json", "--build-dir", str(entry_build)]
    proc = subprocess.run([sys.executable, "-X", "importtime", str(script), *argv], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env=_env())
    imported = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    assert proc.returncode == 0 and proc.stdout == _full(argv)[1]
    assert "mfkg.query.quick" in imported
    assert not _heavy(imported), f"the console script imported {_heavy(imported)}"


@pytest.mark.parametrize("argv", [
    ["query", "run"], ["query", "list"], ["query", "run", "catalog", "--endpoint", "http://x"],
    ["query", "run", "catalog", "--lang", "cypher"], ["query", "run", "catalog", "--help"],
    ["query", "run", "catalog", "--format", "xml"], ["query", "run", "a", "b"], ["build"],
    ["query", "run", "catalog", "--param", "novalue"],
])
def test_anything_else_goes_to_the_full_cli(argv: list[str]) -> None:
    assert _parse(argv) is None


@pytest.mark.slow
def test_the_cold_start_benchmark_times_the_installed_console_script(entry_build: Path) -> None:
    from mfkg.bench.builds import bench_cold_start

    if not Path(sys.executable).with_name("mfkg").exists():
        pytest.skip("the mfkg console script is not installed beside this interpreter")
    result = bench_cold_start(entry_build, 1)
    assert result["command"] == "mfkg console script" and result["runs"] == 10
    assert result["mfkg_ms"] > 0 and result["raw_pyoxigraph_ms"] > 0 and result["ratio"] > 0
