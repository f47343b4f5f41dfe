"""A small smoke run of the benchmark, so it cannot rot. It asserts that figures were produced, never how fast."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, run_cli
from mfkg.query.saved import SavedQueries
from support.forks import record_forks


def test_bench_smoke(tmp_path: Path) -> None:
    """On the small fixture data: the real catalogue's figures come from `make bench`."""
    out = tmp_path / "bench.json"
    r = run_cli("bench", "--data", str(FIXTURE_DATA), "--build-dir", str(tmp_path / "build"), "--sizes", "3000", "--repeat", "1",
                "--html-sizes", "150", "--cypher-edges", "1000", "--load-seconds", "0.2", "--no-virtuoso", "--growth-sizes", "",
                "--suite-timing", str(tmp_path / "none.xml"), "--output", str(out), timeout=900)
    assert r.code == 0, r.err[-3000:]
    report = json.loads(out.read_text())
    assert report["curated"]["build"]["median_ms"] > 0 and report["curated"]["build_and_validate"]["median_ms"] > 0
    assert report["curated"]["warm_queries"] and report["curated"]["engines"]
    scale = report["scale"]["3000"]
    assert scale["triples"] > 3000 and scale["queries"]
    assert set(scale["queries"]) == set(SavedQueries.load().queries), "every saved question is measured, not a selection"
    assert all("median_ms" in x or "error" in x for x in scale["queries"].values())
    assert report["growth"]["runs"]["curated"]["stages_ms"]
    assert "make test" in report["suite"]["error"]
    assert "rdflib" in report["scale"]["3000"]
    assert report["cypher"]["curated"]["ladybug"]["queries"]
    assert report["html"]["chromium"]["synthetic_150_nodes"]["median_ms"] > 0
    assert report["endpoint"]["catalog"]["64"]["mfkg serve"]["requests"] > 0
    assert "build + validate in one pass" in r.out
    env = report["environment"]
    assert env["reference_ms_at_start"] > 0 and env["reference_ms_at_end"] > 0 and "host speed:" in r.out
    from mfkg.bench.table import bench_table

    assert f"took {env['reference_ms_at_start']:g} ms at the start" in bench_table(report)
    # the host's speed as each section started, and around the one-pass build + validate
    assert set(report["host_ms"]) == set(report["sections_s"]) and all(v > 0 for v in report["host_ms"].values())
    before, after = report["curated"]["build_and_validate"]["host_ms"]
    both_before, both_after = report["curated"]["build_and_validate"]["host_ms_every_core"]
    assert before > 0 and after > 0 and both_before > 0 and both_after > 0
    assert f"host workload {before:g} → {after:g} ms; on every core at once {both_before:g} → {both_after:g} ms" \
        in bench_table(report)
    assert f"host workload {before:g} -> {after:g} ms; on every core at once {both_before:g} -> {both_after:g} ms" in r.out
    # and on every core at once as each section started, where a busy second core shows
    assert set(report["host_ms_every_core"]) == set(report["sections_s"])
    assert "on every core at once (the slowest core), as each section started: curated " in bench_table(report)
    assert "the same workload on every core at once, as each section started (the slowest core): curated " in r.out
    assert "as each section started: curated " in bench_table(report) and "as each section started: curated " in r.out
    # everyday commands on the full path, as whole processes
    assert all(v["median_ms"] > 0 for v in report["curated"]["cold_commands"].values()), report["curated"]["cold_commands"]
    assert "cold commands that resolve names" in bench_table(report) and "cold `mfkg compare scgpt geneformer`" in r.out
    for heading in ("CURATED GRAPH", "ENGINES ON THE CURATED GRAPH", "SCALE SERIES", "CYPHER ENGINES", "HTML EXPLORER",
                    "SPARQL ENDPOINT UNDER LOAD", "GROWTH", "TEST SUITE", "target `make bench` < 1200 s"):
        assert heading in r.out


def test_scale_series_on_virtuoso(tmp_path: Path) -> None:
    """The same questions on a throw-away Virtuoso, bulk-loaded with the same files; ratios per question."""
    from mfkg.bench.run import _child
    from mfkg.bench.scale import bench_scale
    from mfkg.pipeline import run_pipeline
    from mfkg.project import BuildFolder

    run_pipeline(BuildFolder(tmp_path / "build"), data_dir=FIXTURE_DATA, validate=False)
    out = bench_scale(tmp_path / "build", [3000], 1, 0.5, _child, limit_s=30, log=lambda _m: None)["3000"]
    vt = out["virtuoso"]
    assert vt["load_ms"] > 0 and len(vt["queries"]) == len(out["queries"])
    answered = [n for n, x in out["queries"].items() if "oxigraph_over_virtuoso" in x]
    assert len(answered) > len(out["queries"]) // 2
    # the same answers (in rows) from both engines: the build's Turtle goes to Virtuoso as N-Triples, whose IRIs it
    # reads as written (it kept the backslash of escaped local names, so no copied result had a metric label)
    differ = {n: (x["rows"], vt["queries"][n]["rows"]) for n, x in out["queries"].items()
              if "rows" in x and "rows" in vt["queries"].get(n, {}) and x["rows"] != vt["queries"][n]["rows"]}
    assert set(differ) <= {"model-lineage"}, differ   # Virtuoso's transitive closure gives one more path (test_remote)
    assert out["queries"]["benchmark-results"]["rows"] > 0
    # each question was given a multiple of Oxigraph's time on it (here the floor: every question is quick)
    from mfkg.bench.virtuoso import virtuoso_limit

    assert all(vt["queries"][n]["limit_s"] == virtuoso_limit(30, out["queries"][n]["median_ms"]) < 30 for n in answered)


def test_the_workload_on_every_core_runs_one_process_per_core_and_reaps_them(monkeypatch: pytest.MonkeyPatch) -> None:
    """One forked copy per other core runs the workload beside this process; the slowest time is given,
    and no copy is left behind."""
    import os

    from mfkg.bench import timing

    forked: list[int] = []
    record_forks(monkeypatch, forked)
    got = timing.reference_ms_every_core(1)
    assert got is not None and got > 0
    assert len(forked) == len(os.sched_getaffinity(0)) - 1
    for pid in forked:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_the_slowest_core_is_the_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    """The copies' times come back through pipes: the figure is the largest of all processes' times."""
    import os

    from mfkg.bench import timing

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})   # two cores, whatever the machine
    parent = os.getpid()
    monkeypatch.setattr(timing, "reference_ms", lambda repeat=5: 10.0 if os.getpid() == parent else 250.5)
    assert timing.reference_ms_every_core(1) == 250.5
    monkeypatch.setattr(timing, "reference_ms", lambda repeat=5: 99.0 if os.getpid() == parent else 1.5)
    assert timing.reference_ms_every_core(1) == 99.0


def test_no_figure_when_no_process_can_be_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from mfkg.bench import timing

    def fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr(os, "fork", fork)
    assert timing.reference_ms_every_core(1) is None


def test_alternated_timing_runs_one_of_each_per_round() -> None:
    """Runs compared with each other take turns, so a slow spell of the machine falls on both."""
    from mfkg.bench.timing import timed_alternated

    calls: list[str] = []
    out = timed_alternated({"raw": lambda: calls.append("raw"), "mfkg": lambda: calls.append("mfkg")}, 3)
    assert calls == ["raw", "mfkg"] * 3
    assert set(out) == {"raw", "mfkg"} and all(v["runs"] == 3 and v["min_ms"] <= v["median_ms"] for v in out.values())


def test_quick_questions_get_more_alternated_rounds_for_a_steady_median() -> None:
    """A question under a millisecond is timed in hundreds of rounds; a slow one in `repeat` rounds."""
    from mfkg.bench.run import rounds_for

    assert rounds_for(0.0005, 5) == 200 and rounds_for(0.005, 5) == 50
    assert rounds_for(0.025, 5) == 10 and rounds_for(2.0, 5) == 5 and rounds_for(0.0, 3) == 120
    assert rounds_for(0.0005, 1) == 40 and rounds_for(0.5, 1) == 1   # the smoke run asks for one round
