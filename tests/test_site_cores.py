"""The explorer site is the same bytes whether its views and entity pages are written by this process
alone or shared with forked copies of it (`mfkg.forked`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mfkg import forked

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forking is used on Linux only")


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_the_site_is_the_same_on_one_core_or_two(real_site: Path, real_build: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from mfkg.propgraph.kept import build_projection
    from mfkg.query.store import open_store
    from mfkg.viz.site import write_site

    # `real_site` was written by `mfkg viz --site` with the cores this machine has; here the other way
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
    write_site(open_store(real_build), tmp_path / "site", build_projection(real_build))
    assert calls == [1 if shared else 2]
    ours, theirs = _files(tmp_path / "site"), _files(real_site)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
