"""The scale series' plan: every saved question, a time budget split between sizes and engines, and
mfkg's store timed beside the raw engine at the smallest size only (fast: the engines are not run)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mfkg.bench.scale import _select_names, bench_scale, budget_split
from mfkg.query.saved import SavedQueries


def test_every_saved_question_is_in_the_series() -> None:
    names = _select_names(None)
    assert set(names) == set(SavedQueries.load().queries)
    assert "lineage-graph" in names   # a CONSTRUCT question, not only the SELECT ones


def test_budget_split_in_proportion_to_size() -> None:
    split = budget_split([1_000_000, 5_000_000], 720, virtuoso=True)
    assert split == {"1000000": {"oxigraph": 60.0, "virtuoso": 60.0}, "5000000": {"oxigraph": 300.0, "virtuoso": 300.0}}
    assert budget_split([1000], 100, virtuoso=False) == {"1000": {"oxigraph": 100.0}}


def test_each_part_is_stopped_at_its_share(fixture_build: Path) -> None:
    calls: list[tuple[str, dict[str, Any], float]] = []

    def child(task: str, args: dict[str, Any], timeout: float) -> dict[str, Any]:
        calls.append((task, args, timeout))
        return {"queries": {}}

    logged: list[str] = []
    out = bench_scale(fixture_build, [2000, 6000], 1, 0.5, child, limit_s=5, total_s=160, log=logged.append)
    assert [(t, a["synthetic"] != "", round(s)) for t, a, s in calls] == [
        ("scale", True, 20), ("virtuoso", True, 20), ("scale", True, 60), ("virtuoso", True, 60)]
    assert [a.get("mfkg_ratio") for t, a, _ in calls if t == "scale"] == [True, False]
    assert out["6000"]["budget_s"] == {"oxigraph": 60.0, "virtuoso": 60.0}
    assert "scale series budget" in logged[0] and "of 160 s" in logged[0]


def test_bound_notes_name_saved_questions() -> None:
    from mfkg.bench.bounds import BOUNDED_BY

    assert set(BOUNDED_BY) <= set(SavedQueries.load().queries)
    assert all(note.split(":")[0] in {"ROWS", "AGGREGATE", "SUBSELECT", "SCAN", "FIXED", "JOIN"} for note in BOUNDED_BY.values())
