"""The explorer's readable layouts: no two labels overlap in the pattern, lineage and modality views,
and the whole graph is grouped by kind with only hub labels at the default zoom."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT
from mfkg.viz import layouts

sys.path.insert(0, str(ROOT / "tests" / "support"))
from endpoint import fixture_build


def _view_data(build: Path, name: str) -> dict:
    from mfkg.propgraph.projection import project, store_triples
    from mfkg.query.store import open_store
    from mfkg.viz.render import page_data, view_subgraph
    from mfkg.viz.views import VIEWS

    pg = project(store_triples(open_store(build)))
    v = VIEWS[name]
    sub = view_subgraph(pg, v.labels, v.edges, keep_isolated=() if v.layout == "layers" else v.labels[:1])
    return page_data(pg, sub, v.title, v.description, site=True, split_by=v.split_by, arrange=v.layout,
                     hub_kinds=v.hub_kinds)


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_build(tmp_path_factory.mktemp("layouts") / "build")


@pytest.mark.parametrize("view", ["patterns", "modalities", "lineage"])
def test_no_labels_overlap(build: Path, view: str) -> None:
    data = _view_data(build, view)
    assert data["nodes"]
    boxes = layouts.label_boxes([{"id": n["id"], "x": n["x"], "y": n["y"], "label": n["name"]} for n in data["nodes"]])
    assert layouts.overlapping(boxes) == []


def test_whole_graph_is_grouped_by_kind_with_hub_labels(build: Path) -> None:
    data = _view_data(build, "graph")
    hubs = [n for n in data["nodes"] if n["hub"]]
    assert 0 < len(hubs) < len(data["nodes"])
    centres: dict[str, list[tuple[float, float]]] = {}
    for n in data["nodes"]:
        centres.setdefault(n["kind"], []).append((n["x"], n["y"]))
    mean = {k: (sum(x for x, _ in v) / len(v), sum(y for _, y in v) / len(v)) for k, v in centres.items()}
    for n in data["nodes"]:   # every node is nearer its own kind's centre than any other kind's
        own = mean[n["kind"]]
        d = (n["x"] - own[0]) ** 2 + (n["y"] - own[1]) ** 2
        assert all(d <= (n["x"] - c[0]) ** 2 + (n["y"] - c[1]) ** 2 + 1e-6 for c in mean.values()), n["id"]


def test_overlap_detector_detects() -> None:
    assert layouts.overlapping([(0, 0, 10, 10, "a"), (5, 5, 15, 15, "b"), (20, 0, 30, 10, "c")]) == [("a", "b")]
