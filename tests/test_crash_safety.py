"""Crash safety: real `mfkg` processes killed (SIGKILL) at random moments leave every earlier output
usable, and the next run succeeds with output identical to an uninterrupted one; two builds into one
folder at once leave a consistent folder. Kill points come from a seeded generator
(MFKG_KILL_SEED to replay another sequence)."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, ROOT, run_cli
from mfkg.errors import MfkgError
from mfkg.files import folder_lock
from mfkg.query.manifest import MANIFEST

SEED = int(os.environ.get("MFKG_KILL_SEED", "21"))


def _start(*args: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "MFKG_DEBUG"}
    return subprocess.Popen([sys.executable, "-m", "mfkg", *args], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _timed(*args: str) -> float:
    t = time.perf_counter()
    r = run_cli(*args)
    assert r.code == 0, r.err
    return time.perf_counter() - t


def _kill_at(args: tuple[str, ...], delay: float) -> None:
    proc = _start(*args)
    try:
        proc.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()


def _tree(path: Path, *, written: bool = False) -> dict[str, str]:
    """Every file below `path` (or the file itself) by relative name, with its sha256. With `written`,
    only the files a reader sees: not the temporary file a killed writer left beside its target (hidden,
    named after the target and the writer's pid; the next write of that target removes it, which the end
    of the test checks)."""
    if path.is_file():
        return {path.name: hashlib.sha256(path.read_bytes()).hexdigest()}
    return {str(f.relative_to(path)): hashlib.sha256(f.read_bytes()).hexdigest()
            for f in sorted(path.rglob("*")) if f.is_file()
            and not (written and f.name.startswith(".") and f.name.endswith(".tmp"))}


def _release_is_whole(folder: Path) -> bool:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return all(hashlib.sha256((folder / f["path"]).read_bytes()).hexdigest() == f["sha256"] for f in manifest["files"])


COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.mark.slow
def test_killed_processes_leave_usable_outputs_and_the_next_run_recovers(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    build = tmp_path / "build"
    b = str(build)
    graph = build / "mfkg.ttl"
    store = build / "store"
    export_targets = {"turtle": build / "x.ttl", "jsonld": build / "x.jsonld", "rdfxml": build / "x.rdf",
                      "neo4j": build / "neo4j", "nquads": build / "x.nq"}
    release = build / "release" / "r"
    verbs: dict[str, tuple[str, ...]] = {
        "build": ("build", "--data", str(FIXTURE_DATA), "--output", str(graph)),
        "store": ("sparql", COUNT, "--build-dir", b),
        "release": ("release", "--output", str(release), "--build-dir", b),
    }
    verbs |= {f"export-{fmt}": ("export", "--format", fmt, "--output", str(p), "--build-dir", b)
              for fmt, p in export_targets.items()}
    outputs = {"build": graph, "release": release} | {f"export-{fmt}": p for fmt, p in export_targets.items()}

    # the uninterrupted runs: their outputs are the reference, their durations bound the kill points
    durations = {name: _timed(*args) for name, args in verbs.items()}
    reference = {name: _tree(path) for name, path in outputs.items()}
    answer = run_cli(*verbs["store"]).out
    assert "3208" in answer or answer.strip()

    plan = ["build"] * 16 + ["store"] * 10 + ["release"] * 6 + \
        [f"export-{fmt}" for fmt in export_targets] * 3 + ["export-turtle", "export-neo4j", "export-jsonld"]
    assert len(plan) == 50
    rng.shuffle(plan)
    for i, name in enumerate(plan):
        delay = rng.uniform(0.05, durations[name] * 1.1)
        if name == "store":
            (store / MANIFEST).unlink(missing_ok=True)   # the next query rebuilds the store
        _kill_at(verbs[name], delay)
        where = f"kill point {i} ({name} at {delay:.2f} s, seed {SEED})"
        # the earlier output is still whole: a killed writer never leaves half a file in its place
        if name in outputs:
            assert _tree(outputs[name], written=True) == reference[name], f"{where}: the earlier output changed"
        if name == "release":
            assert _release_is_whole(release), f"{where}: the earlier release is not whole"
        assert _graph_parses(graph), f"{where}: the graph does not parse"
        # the next run recovers by itself, with the same output as an uninterrupted one
        r = run_cli(*verbs[name])
        assert r.code == 0, f"{where}: the next run failed: {r.err}"
        if name == "store":
            assert r.out == answer, f"{where}: the rebuilt store answers differently"
        else:
            assert _tree(outputs[name]) == reference[name], f"{where}: the next run wrote something else"
    leftovers = [p.name for p in build.rglob("*") if ".tmp" in p.name or ".old" in p.name]
    assert not leftovers, f"temporary files left behind: {leftovers}"


def _graph_parses(path: Path) -> bool:
    """The whole file is Turtle with at least one triple (a strict parser: any damage raises)."""
    import pyoxigraph as ox

    return sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)) > 0


@pytest.mark.slow
@pytest.mark.java
def test_killed_reasoner_leaves_the_inferred_graph(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    build = tmp_path / "build"
    assert run_cli("build", "--data", str(FIXTURE_DATA), "--output", str(build / "mfkg.ttl")).code == 0
    duration = _timed("reason", "--build-dir", str(build))
    reference = (build / "mfkg-inferred.ttl").read_bytes()
    for i in range(5):
        delay = rng.uniform(0.05, duration * 1.1)
        _kill_at(("reason", "--build-dir", str(build)), delay)
        assert (build / "mfkg-inferred.ttl").read_bytes() == reference, f"kill point {i} at {delay:.2f} s"
        assert run_cli("reason", "--build-dir", str(build)).code == 0
        assert (build / "mfkg-inferred.ttl").read_bytes() == reference


def test_two_builds_into_one_folder_leave_it_consistent(tmp_path: Path) -> None:
    """Two different data folders built into one build folder at once: the graph and build-info.json
    always come from the same build (one writer at a time, each file renamed into place)."""
    data_a, data_b = tmp_path / "a" / "data", tmp_path / "b" / "data"
    shutil.copytree(FIXTURE_DATA, data_a)
    shutil.copytree(FIXTURE_DATA, data_b)
    model = data_b / "models" / "scgpt.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace("label: scGPT", "label: scGPT-B", 1), encoding="utf-8")
    refs = {}
    for name, data in (("a", data_a), ("b", data_b)):
        out = tmp_path / f"ref-{name}" / "mfkg.ttl"
        assert run_cli("build", "--data", str(data), "--output", str(out)).code == 0
        refs[out.read_bytes()] = str(data.resolve())
    shared = tmp_path / "shared" / "mfkg.ttl"
    for _ in range(2):
        procs = [_start("build", "--data", str(d), "--output", str(shared)) for d in (data_a, data_b)]
        assert [p.wait(timeout=120) for p in procs] == [0, 0]
        info = json.loads((shared.parent / "build-info.json").read_text(encoding="utf-8"))
        assert refs.get(shared.read_bytes()) == info["data"], "the graph and build-info.json come from different builds"


def test_a_second_writer_waits_for_the_lock(tmp_path: Path) -> None:
    lock = tmp_path / ".mfkg.lock"
    held = threading.Event()
    release_it = threading.Event()

    def holder() -> None:
        with folder_lock(lock, "first"):
            held.set()
            release_it.wait(5)

    t = threading.Thread(target=holder)
    t.start()
    held.wait(5)
    with pytest.raises(MfkgError, match="another mfkg process has been writing into"):
        with folder_lock(lock, "second", wait=0.2):
            pass
    release_it.set()
    t.join()
    with folder_lock(lock, "third", wait=0.2):   # free again once the holder is done
        pass


def test_an_open_store_keeps_answering_while_another_process_rebuilds_it(tmp_path: Path) -> None:
    """What `mfkg serve` relies on: its read-only store stays usable while a rebuild replaces it."""
    from mfkg.query.store import open_store
    from mfkg.rdf.compile import build as run_build

    build = tmp_path / "build"
    run_build(FIXTURE_DATA, build / "mfkg.ttl")
    serving = open_store(build)
    before = serving.select(COUNT).rows
    extra = tmp_path / "extra.nt"
    extra.write_text('<http://example.org/a> <http://example.org/b> "c" .\n', encoding="utf-8")
    assert run_cli("merge", str(extra), "--build-dir", str(build)).code == 0
    r = run_cli("sparql", COUNT, "--build-dir", str(build))   # this process rebuilds the store
    assert r.code == 0, r.err
    assert serving.select(COUNT).rows == before   # the old store still answers, from the old data
    assert open_store(build).select(COUNT).rows != before


def test_a_writer_killed_before_its_rename_leaves_nothing_after_the_next_write(tmp_path: Path) -> None:
    """A writer killed between creating its temporary file and renaming it (SIGKILL: no clean-up)
    leaves that file; the next write of the same output removes it, and leaves a live writer's alone."""
    import signal
    import subprocess
    import sys

    from mfkg.files import atomic_write

    target = tmp_path / "context.jsonld"
    code = ("import os, sys, tempfile, time\n"
            f"fd, tmp = tempfile.mkstemp(prefix='.context.jsonld.' + str(os.getpid()) + '.', suffix='.tmp', dir={str(tmp_path)!r})\n"
            "print(tmp, flush=True)\ntime.sleep(60)\n")
    killed = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    live = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert killed.stdout is not None and live.stdout is not None
        orphan, running = Path(killed.stdout.readline().strip()), Path(live.stdout.readline().strip())
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        atomic_write(target, b"{}")
        assert target.read_bytes() == b"{}"
        assert not orphan.exists(), "the killed writer's temporary file is still there"
        assert running.exists(), "a live writer's temporary file was removed"
    finally:
        live.kill()
        live.wait()
