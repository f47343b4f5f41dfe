"""The scale series' plan: every saved question, a time budget split between sizes and engines, and
mfkg's store timed beside the raw engine at the smallest size only (fast: the engines are not run)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mfkg.bench.budget import budget_split
from mfkg.bench.scale import _select_names, bench_scale
from mfkg.query.saved import SavedQueries


def test_every_saved_question_is_in_the_series() -> None:
    names = _select_names(None)
    assert set(names) == set(SavedQueries.load().queries)
    assert "lineage-graph" in names   # a CONSTRUCT question, not only the SELECT ones


def test_budget_split_by_size_plus_a_fixed_part() -> None:
    split = budget_split([1_000_000, 5_000_000], 720, virtuoso=True)
    # weights 6M (Oxigraph at the smallest size also times mfkg's store), 3M, 7M, 7M of 23M
    assert split == {"1000000": {"oxigraph": 187.8, "virtuoso": 93.9}, "5000000": {"oxigraph": 219.1, "virtuoso": 219.1}}
    assert budget_split([1000], 100, virtuoso=False) == {"1000": {"oxigraph": 100.0}}
    assert sum(sum(x.values()) for x in split.values()) == pytest.approx(720, abs=0.2)


def test_each_part_gets_its_share_of_what_is_left(fixture_build: Path) -> None:
    calls: list[tuple[str, dict[str, Any], float]] = []
    now = [0.0]

    def child(task: str, args: dict[str, Any], timeout: float) -> dict[str, Any]:
        calls.append((task, args, timeout))
        now[0] += 10.0   # each part finishes 10 s in, well inside its share
        return {"queries": {}}

    logged: list[str] = []
    out = bench_scale(fixture_build, [2000, 6000], 1, 0.5, child, limit_s=5, total_s=160, log=logged.append,
                      clock=lambda: now[0])
    # 160 s split by weight; each part's unused time goes to the parts after it, the last gets all that is left
    assert [(t, a["synthetic"] != "", s) for t, a, s in calls] == [
        ("scale", True, 63.9), ("virtuoso", True, 49.9), ("scale", True, 70.0), ("virtuoso", True, 130.0)]
    assert [a.get("mfkg_ratio") for t, a, _ in calls if t == "scale"] == [True, False]
    assert out["6000"]["budget_s"] == {"oxigraph": 70.0, "virtuoso": 130.0}
    assert "scale series budget" in logged[0] and "of 160 s" in logged[0]


def test_a_part_that_used_its_share_leaves_the_rest_theirs(fixture_build: Path) -> None:
    calls: list[float] = []
    now = [0.0]

    def child(task: str, args: dict[str, Any], timeout: float) -> dict[str, Any]:
        calls.append(timeout)
        now[0] += timeout   # stopped at its budget
        return {"queries": {}}

    bench_scale(fixture_build, [2000, 6000], 1, 0.5, child, limit_s=5, total_s=160, log=lambda _: None,
                clock=lambda: now[0])
    assert sum(calls) == pytest.approx(160, abs=0.5)
    assert calls[-1] == pytest.approx(160 * 2006000 / 10018000, abs=0.5)


def test_bound_notes_name_saved_questions() -> None:
    from mfkg.bench.bounds import BOUNDED_BY

    assert set(BOUNDED_BY) <= set(SavedQueries.load().queries)
    assert all(note.split(":")[0] in {"ROWS", "AGGREGATE", "SUBSELECT", "SCAN", "FIXED", "JOIN"} for note in BOUNDED_BY.values())


def test_rdflib_questions_are_stopped_at_their_limit(fixture_build: Path) -> None:
    """rdflib's engine takes minutes on some questions: each is stopped at its limit and reported as a
    lower bound, and the next question still runs."""
    from mfkg.bench.workers import worker_rdflib

    out = worker_rdflib({"build_dir": str(fixture_build), "queries": ["catalog", "clip-protein-anchor"],
                         "query_limit_s": 0.0001})
    assert out["queries"]["catalog"] == {"error": "stopped at the 0.0001 s limit", "over_limit": True, "at_least_ms": 0.1}
    unlimited = worker_rdflib({"build_dir": str(fixture_build), "queries": ["catalog"]})
    assert unlimited["queries"]["catalog"]["rows"] > 0


class _FakePipe:
    """What a question process sends, in order; `None` stands for silence past the deadline."""

    def __init__(self, messages: list[Any]):
        self.messages = list(messages)

    def poll(self, timeout: float) -> bool:
        if self.messages and self.messages[0] is None:
            self.messages.pop(0)
            return False
        if not self.messages:
            raise EOFError
        return True

    def recv(self) -> Any:
        return self.messages.pop(0)


def test_one_process_answers_the_questions_in_turn_and_one_over_the_limit_ends_it() -> None:
    from mfkg.bench.scale import _collect, _Progress

    progress = _Progress(None, {})
    done = {"median_ms": 1.0, "rows": 3, "runs": 5}
    pipe = _FakePipe([("begin", "a"), ("done", done), ("begin", "b"), ("done", {**done, "partial": True}), None])
    left = _collect(pipe, ["a", "b", "c"], 0.01, progress)
    assert left == ["c"]   # asked again in a new process
    assert progress.data["queries"]["a"] == done
    assert progress.data["queries"]["b"]["mfkg_note"] == "mfkg's store did not finish within the 0.01 s limit"
    assert _collect(_FakePipe([("begin", "c"), None]), left, 0.01, progress) == []
    assert progress.data["queries"]["c"] == {"error": "did not finish in 0.01 s", "over_limit": True}
    assert _collect(_FakePipe([]), ["d", "e"], 0.01, progress) == []   # the process died before its first question
    assert progress.data["queries"]["d"] == {"error": "the question process did not start"}
    assert _collect(_FakePipe([("begin", "f")]), ["f", "g"], 0.01, progress) == ["g"]   # it died during one
    assert progress.data["queries"]["f"] == {"error": "the question's process ended without an answer"}


def test_virtuoso_is_given_a_multiple_of_oxigraphs_time_within_the_question_limit() -> None:
    from mfkg.bench.virtuoso import VIRTUOSO_FACTOR, VIRTUOSO_MIN_LIMIT_S, virtuoso_limit

    assert virtuoso_limit(20, None) == 20.0                       # Oxigraph did not measure it: the whole limit
    assert virtuoso_limit(20, 3.0) == VIRTUOSO_MIN_LIMIT_S        # a quick question: the floor
    assert virtuoso_limit(20, 2000.0) == round(VIRTUOSO_FACTOR * 2.0, 1)
    assert virtuoso_limit(20, 60_000.0) == 20.0                   # never past the question limit


def test_questions_over_a_second_are_printed_with_their_bounds_and_what_did_not_help() -> None:
    from mfkg.bench.bounds import BOUNDED_BY, NOT_RESCUED
    from mfkg.bench.report_scale import scale_lines

    names = sorted(SavedQueries.load().queries)
    fast = {n: {"median_ms": 5.0, "rows": 1} for n in names}
    slow = {**fast, "catalog": {"median_ms": 14_600.0, "rows": 106_628}}
    text = "\n".join(scale_lines({"5000000": {"triples": 5_000_000, "queries": slow}}))
    assert "target every question < 1 s at 5M: MISSED for catalog" in text
    assert f"    catalog: {BOUNDED_BY['catalog']}" in text
    assert f"  and what did not help: {NOT_RESCUED}" in text
    met = "\n".join(scale_lines({"5000000": {"triples": 5_000_000, "queries": fast}}))
    assert "target every question < 1 s at 5M: met" in met
    assert "what bounded" not in met and "did not help" not in met


def test_questions_whose_rows_differ_between_engines_are_named() -> None:
    """A ratio compares like with like only where both engines gave the same answer: where the row counts
    differ (as when Virtuoso read escaped local names with their backslash), the line names them."""
    from mfkg.bench.report_scale import scale_lines

    oxigraph = {"catalog": {"median_ms": 5.0, "rows": 10}, "leaderboard": {"median_ms": 5.0, "rows": 868}}
    virtuoso = {"catalog": {"median_ms": 4.0, "rows": 10}, "leaderboard": {"median_ms": 4.0, "rows": 18}}
    text = "\n".join(scale_lines({"1000000": {"triples": 10**6, "queries": oxigraph, "virtuoso": {"queries": virtuoso}}}))
    assert "  rows differ at 1M (Oxigraph vs Virtuoso): leaderboard (868 vs 18)" in text.splitlines()
    same = {**virtuoso, "leaderboard": {"median_ms": 4.0, "rows": 868}}
    assert "rows differ" not in "\n".join(scale_lines({"1000000": {"triples": 10**6, "queries": oxigraph,
                                                                   "virtuoso": {"queries": same}}}))
