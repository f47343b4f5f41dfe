"""The collector's thresholds are raised while a catalogue is compiled, and put back afterwards."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from mfkg.gcpolicy import BULK_THRESHOLDS, bulk, fewer_collections


@pytest.fixture
def default_thresholds():  # type: ignore[no-untyped-def]
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


def test_thresholds_are_raised_inside_and_restored_after(default_thresholds) -> None:  # type: ignore[no-untyped-def]
    with fewer_collections():
        assert gc.get_threshold() == BULK_THRESHOLDS
        with fewer_collections():   # nested: left as they are, and still raised after the inner block
            assert gc.get_threshold() == BULK_THRESHOLDS
        assert gc.get_threshold() == BULK_THRESHOLDS
    assert gc.get_threshold() == (700, 10, 10)


def test_thresholds_are_restored_when_the_block_fails(default_thresholds) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError), fewer_collections():
        raise ValueError("a bad record")
    assert gc.get_threshold() == (700, 10, 10)


def test_higher_thresholds_of_the_caller_are_kept(default_thresholds) -> None:  # type: ignore[no-untyped-def]
    gc.set_threshold(500_000, 10, 10)
    with fewer_collections():
        assert gc.get_threshold() == (500_000, 10, 10)
    assert gc.get_threshold() == (500_000, 10, 10)


def test_build_and_validate_compile_with_fewer_collections(default_thresholds, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import mfkg.rdf.incremental as incremental
    from mfkg.rdf.compile import build
    from mfkg.validation.validate import validate

    seen: list[tuple[int, int, int]] = []

    def compile_cached(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.get_threshold())
        raise RuntimeError("stop here")

    monkeypatch.setattr(incremental, "compile_cached", compile_cached)
    with pytest.raises(RuntimeError):
        build(tmp_path / "data", tmp_path / "build" / "mfkg.ttl")
    assert seen == [BULK_THRESHOLDS] and gc.get_threshold() == (700, 10, 10)

    import mfkg.validation.validate as validate_module

    monkeypatch.setattr(validate_module, "_validate", lambda *a, **k: seen.append(gc.get_threshold()) or 1 / 0)
    monkeypatch.setenv("MFKG_CACHE_DIR", "off")
    with pytest.raises(ZeroDivisionError):
        validate(tmp_path / "data")
    assert seen[-1] == BULK_THRESHOLDS and gc.get_threshold() == (700, 10, 10)


def test_every_bulk_entry_point_is_wrapped(default_thresholds) -> None:  # type: ignore[no-untyped-def]
    from mfkg.outputs.exporting import export
    from mfkg.outputs.release import release
    from mfkg.rdf.compile import build, compile_checked, write_graph
    from mfkg.validation.validate import validate, validate_graph
    from mfkg.viz.site import write_site

    for fn in (export, release, build, compile_checked, write_graph, validate, validate_graph, write_site):
        assert getattr(fn, "__wrapped__", None) is not None, fn.__name__
    assert bulk(gc.get_threshold)() == BULK_THRESHOLDS and gc.get_threshold() == (700, 10, 10)
