"""The explorer site is the same bytes whether its views and entity pages are written by this process
alone or shared with forked copies of it (`mfkg.forked`), and whatever identifiers the store gave its
blank nodes (they change whenever the store is rebuilt) or the hash seed of the process."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from mfkg import forked

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forking is used on Linux only")


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_site_is_the_same_on_one_core_or_two_and_from_a_rebuilt_store(
        real_site: Path, real_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mfkg.project import BuildFolder
    from mfkg.propgraph.kept import build_projection
    from mfkg.query.store import open_store
    from mfkg.viz.site import write_site

    # the same graph files without the store: opening it rebuilds it, with new blank node identifiers
    build = tmp_path / "build"
    build.mkdir()
    for f in (BuildFolder(real_build).graph, BuildFolder(real_build).inferred):
        shutil.copy(f, build / f.name)
    # `real_site` was written by `mfkg viz --site` (another process, another hash seed) with the cores
    # this machine has; here the other way
    shared = forked.workers() > 1
    if shared:
        monkeypatch.setenv("MFKG_WORKERS", "1")
    else:
        monkeypatch.setattr(forked, "workers", lambda: 2)
    calls: list[int] = []
    real_map = forked.forked_map

    def counting(fn, items, **kw):  # type: ignore[no-untyped-def]
        calls.append(forked.workers())
        return real_map(fn, items, **kw)

    monkeypatch.setattr(forked, "forked_map", counting)
    write_site(open_store(build), tmp_path / "site", build_projection(build))
    assert calls == [1 if shared else 2]
    ours, theirs = _files(tmp_path / "site"), _files(real_site)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_the_site_reads_the_store_once_and_gives_the_bytes_of_the_kept_property_graph(
        fixture_build: Path, tmp_path: Path) -> None:
    """Without a property graph from the caller, the site projects it from the triples it reads for the
    entity pages; the pages are those written from the kept projection (`build_projection`)."""
    from mfkg.propgraph.kept import build_projection
    from mfkg.query.describe import entity_iris
    from mfkg.query.store import open_store
    from mfkg.viz.pages import EntityPages
    from mfkg.viz.site import write_site

    store = open_store(fixture_build)
    write_site(store, tmp_path / "own")
    write_site(store, tmp_path / "kept", build_projection(fixture_build))
    own, kept = _files(tmp_path / "own"), _files(tmp_path / "kept")
    assert len(own) > 20 and sorted(own) == sorted(kept)
    assert [name for name in own if own[name] != kept[name]] == []
    assert EntityPages(store, tmp_path / "x").iris == entity_iris(store._store)
