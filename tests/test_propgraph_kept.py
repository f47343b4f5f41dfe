"""The property graph kept beside a build folder's store: reused while the store holds the same graph,
projected again as soon as the graph changes or the kept file is damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli_here
from mfkg.propgraph import kept
from mfkg.propgraph.kept import KEPT_FILE, build_projection
from mfkg.propgraph.projection import project, store_triples
from mfkg.query.store import open_store


def _nodes(pg) -> dict:  # type: ignore[no-untyped-def]
    return dict(pg.graph.nodes(data=True))


def _count_projections(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []

    def counted(triples):  # type: ignore[no-untyped-def]
        calls.append(1)
        return project(triples)

    monkeypatch.setattr(kept, "project", counted)
    return calls


def test_the_projection_is_kept_and_equals_a_fresh_one(fixture_folder, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    calls = _count_projections(monkeypatch)
    build = fixture_folder.path
    fresh = project(store_triples(open_store(build)))   # the store exists: its manifest is settled
    first = build_projection(build)
    second = build_projection(build)
    assert len(calls) == 1, "the second verb projected the graph again"
    assert (fixture_folder.store / KEPT_FILE).exists()
    assert _nodes(second) == _nodes(first) == _nodes(fresh)
    assert sorted(second.graph.edges(data="type")) == sorted(fresh.graph.edges(data="type"))


def test_a_changed_graph_is_projected_again(fixture_folder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    build = fixture_folder.path
    open_store(build)
    before = build_projection(build)
    assert "model/scgpt" in before.graph
    graph = fixture_folder.graph
    text = graph.read_text(encoding="utf-8")
    assert '"scGPT"' in text
    graph.write_text(text.replace('"scGPT"', '"scGPT renamed"'), encoding="utf-8")
    calls = _count_projections(monkeypatch)
    after = build_projection(build)
    assert calls, "a changed graph was answered from the kept projection"
    assert after.graph.nodes["model/scgpt"]["name"] != before.graph.nodes["model/scgpt"]["name"]
    assert build_projection(build).graph.nodes["model/scgpt"]["name"] == after.graph.nodes["model/scgpt"]["name"]


def test_a_damaged_kept_file_is_projected_again(fixture_folder, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    build = fixture_folder.path
    open_store(build)
    good = build_projection(build)
    (fixture_folder.store / KEPT_FILE).write_bytes(b"\x80\x05half a pickle")
    calls = _count_projections(monkeypatch)
    assert _nodes(build_projection(build)) == _nodes(good)
    assert calls == [1]


def test_an_unknown_view_is_refused_before_the_graph_is_projected(fixture_folder, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    calls = _count_projections(monkeypatch)
    r = run_cli_here("viz", "nosuchview", "--build-dir", str(fixture_folder.path))
    assert r.code == 2 and "choose one of" in r.err
    assert not calls
