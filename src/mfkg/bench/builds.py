"""Build, validate and cold-start figures on the curated catalogue, with and without the caches:
a full build (nothing cached), an incremental build after one model file is edited, a rebuild of
unchanged data; validation with its caches off and on, and after one model's description is edited
(the reasoner's input is unchanged, so its cached answer is reused; SHACL re-checks only the focus
nodes the edit can reach, see `validation.shacl_delta`; the checks run again); build and validation
in one pass, as `mfkg run` makes them (caches off: one compile shared by the graph file, the checks
and HermiT, which starts as soon as the graph is there); and `mfkg query run` as a whole process
beside a minimal pyoxigraph script on the same store and query, in alternated runs."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mfkg.bench.timing import reference_ms, reference_ms_every_core, timed
from mfkg.project import BuildFolder

_RAW = """import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
for row in store.query(open(sys.argv[2]).read(), use_default_graph_as_union=True):
    [row[i] for i in range(len(row))]
"""


@contextmanager
def _cache_dir(value: str) -> Iterator[None]:
    before = os.environ.get("MFKG_CACHE_DIR")
    os.environ["MFKG_CACHE_DIR"] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("MFKG_CACHE_DIR", None)
        else:
            os.environ["MFKG_CACHE_DIR"] = before


def _edit_one_model(data: Path, n: int) -> None:
    model = sorted((data / "models").glob("*.yaml"))[0]
    text = model.read_text(encoding="utf-8")
    marker = "\ndescription: "
    if marker in text:
        head, _, rest = text.partition(marker)
        rest = rest.split("\n", 1)
        line = rest[0].rsplit(" (bench edit", 1)[0]
        text = head + marker + line + f" (bench edit {n})" + ("\n" + rest[1] if len(rest) > 1 else "")
    else:
        text += f"\n# bench edit {n}\n"
    model.write_text(text, encoding="utf-8")


def bench_builds(data_dir: Path, repeat: int) -> dict[str, Any]:
    from mfkg.pipeline import run_pipeline
    from mfkg.rdf.compile import build
    from mfkg.validation.validate import validate

    tmp = Path(tempfile.mkdtemp(prefix="mfkg-bench-builds-"))
    out: dict[str, Any] = {}
    try:
        data = tmp / "data"
        shutil.copytree(data_dir, data)
        counter = iter(range(1_000_000))
        out["build"] = timed(lambda: build(data, BuildFolder(tmp / f"full-{next(counter)}").graph, cache=False), repeat)
        cached = BuildFolder(tmp / "cached").graph
        build(data, cached)
        out["build_unchanged"] = timed(lambda: build(data, cached), repeat)
        edits = iter(range(1_000_000))

        def incremental() -> None:
            _edit_one_model(data, next(edits))
            build(data, cached)

        out["build_incremental"] = timed(incremental, repeat)
        out["build_incremental_ratio"] = round(out["build_incremental"]["median_ms"] / out["build"]["median_ms"], 3)
        with _cache_dir("off"):
            out["validate"] = timed(lambda: validate(data), max(1, repeat // 2))
            # the first two steps of `mfkg run`: one compile shared by writing the graph, the checks and HermiT;
            # the host's speed just before and after, since a shared host's speed drifts within a run
            before, before_every_core = reference_ms(3), reference_ms_every_core(3)
            out["build_and_validate"] = timed(lambda: run_pipeline(BuildFolder(tmp / f"run-{next(counter)}"), data_dir=data),
                                              max(1, repeat // 2))
            out["build_and_validate"]["host_ms"] = [before, reference_ms(3)]
            # it uses both cores: what the workload takes when run on each of them at once
            after_every_core = reference_ms_every_core(3)
            if before_every_core is not None and after_every_core is not None:
                out["build_and_validate"]["host_ms_every_core"] = [before_every_core, after_every_core]
            out["validate_without_reasoner"] = timed(lambda: validate(data, reasoner=False), max(1, repeat // 2))
        with _cache_dir(str(tmp / "user-cache")):
            validate(data)
            out["validate_cached"] = timed(lambda: validate(data), max(1, repeat // 2))

            def after_edit() -> None:   # a curator's loop: one model's text edited, then validated
                _edit_one_model(data, next(edits))
                validate(data)

            out["validate_after_edit"] = timed(after_edit, max(1, repeat // 2))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _console_script() -> list[str]:
    """The `mfkg` command a user runs: the console script pip installed beside this interpreter."""
    script = Path(sys.executable).with_name("mfkg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "mfkg"]


def _cold_env(cache: Path) -> dict[str, str]:
    """The environment of the timed processes: this checkout's mfkg first on the path, and compiled
    bytecode kept (in `cache`) as after `pip install`, even where the caller's environment turns it off."""
    import mfkg.home

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    package_parent = str(Path(mfkg.home.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_parent, env.get("PYTHONPATH", "")) if p)
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def bench_cold_start(build_dir: Path, repeat: int, query: str = "clip-protein-anchor") -> dict[str, Any]:
    """`mfkg query run QUERY` (the installed console script) as a whole process and a five-line
    pyoxigraph script that opens the same store read-only and runs the same query, alternated run by
    run, both with their bytecode compiled once beforehand; medians and their ratio."""
    from mfkg.query.saved import SavedQueries

    q = SavedQueries.load().get(query)
    with tempfile.TemporaryDirectory(prefix="mfkg-bench-cold-") as tmp:
        script, text = Path(tmp) / "raw.py", Path(tmp) / "q.rq"
        script.write_text(_RAW, encoding="utf-8")
        text.write_text(q.text, encoding="utf-8")
        store = BuildFolder(Path(build_dir)).store / "oxigraph"
        mfkg_cmd = [*_console_script(), "query", "run", query, "--build-dir", str(Path(build_dir).resolve()),
                    "--format", "json"]
        raw_cmd = [sys.executable, str(script), str(store.resolve()), str(text)]
        python_cmd = [sys.executable, "-c", "pass"]
        env = _cold_env(Path(tmp) / "pycache")
        for cmd in (mfkg_cmd, mfkg_cmd, raw_cmd, python_cmd):   # the store built once, bytecode compiled once
            subprocess.run(cmd, capture_output=True, check=True, env=env)
        times: dict[str, list[float]] = {"mfkg": [], "raw": [], "python": []}
        for _ in range(max(repeat, 5) * 2):
            for key, cmd in (("mfkg", mfkg_cmd), ("raw", raw_cmd), ("python", python_cmd)):
                t = time.perf_counter()
                subprocess.run(cmd, capture_output=True, check=True, env=env)
                times[key].append((time.perf_counter() - t) * 1000)
    med = {k: round(statistics.median(v), 1) for k, v in times.items()}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"query": query, "mfkg_ms": med["mfkg"], "raw_pyoxigraph_ms": med["raw"], "python_startup_ms": med["python"],
            "ratio": round(med["mfkg"] / med["raw"], 2), "runs": len(times["mfkg"]),
            "command": "mfkg console script" if mfkg_cmd[0].endswith("mfkg") else "python -m mfkg (no console script)",
            "load_average": None if load is None else round(load, 2)}


# everyday commands that take the full command line (names to resolve, a query to check): each the second
# command on its build, so that what mfkg keeps beside the store (`query.kept`, `propgraph.kept`) is there
COLD_COMMANDS = {
    "model-card by name": ["query", "run", "model-card", "--param", "model=scGPT"],
    "ad-hoc sparql": ["sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"],
    "compare two models": ["compare", "scgpt", "geneformer"],
    "neighbours": ["neighbours", "scgpt"],
}


def bench_cold_commands(build_dir: Path, repeat: int) -> dict[str, Any]:
    """Each of `COLD_COMMANDS` as a whole process (the installed console script), after one untimed run:
    medians of alternated runs."""
    with tempfile.TemporaryDirectory(prefix="mfkg-bench-commands-") as tmp:
        env = _cold_env(Path(tmp) / "pycache")
        where = ["--build-dir", str(Path(build_dir).resolve())]
        commands = {name: [*_console_script(), *args, *where] for name, args in COLD_COMMANDS.items()}
        failed: dict[str, dict[str, Any]] = {}
        for name, cmd in list(commands.items()):
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
            if proc.returncode != 0:   # said in the report (the data may lack the entity), not timed
                failed[name] = {"command": "mfkg " + " ".join(COLD_COMMANDS[name]),
                                "error": (proc.stderr.strip().splitlines() or ["no message"])[-1][:200]}
                del commands[name]
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(max(repeat, 3)):
            for name, cmd in commands.items():
                t = time.perf_counter()
                subprocess.run(cmd, capture_output=True, check=True, env=env)
                times[name].append((time.perf_counter() - t) * 1000)
    return {name: {"command": "mfkg " + " ".join(COLD_COMMANDS[name]), "median_ms": round(statistics.median(v), 1),
                   "runs": len(v)} for name, v in times.items()} | failed
