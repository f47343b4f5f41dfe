"""The quick path's exact-id lookup gives the resolver's answer for every entity of the fixture graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURE_DATA
from mfkg.query.ids import exact_entity
from mfkg.query.resolve import EntityIndex, ResolveError


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from mfkg.pipeline import run_pipeline
    from mfkg.project import BuildFolder
    from mfkg.query.store import open_store

    out: Path = tmp_path_factory.mktemp("quick-build")
    run_pipeline(BuildFolder(out), data_dir=FIXTURE_DATA, validate=False, reason=False)
    return open_store(out)


def _resolved(index: EntityIndex, name: str, kinds: list[str]) -> str | None:
    try:
        return index.resolve(name, kinds)
    except ResolveError:
        return None


def test_an_exact_id_or_kind_id_finds_what_the_resolver_finds(store) -> None:  # type: ignore[no-untyped-def]
    index = EntityIndex.from_store(store)
    found = 0
    for entry in index.entries.values():
        for name in (entry.id, f" {entry.id} ", entry.ref, entry.iri, entry.label, entry.id.upper()):
            for kinds in ([entry.kind], [entry.kind, "dataset"], ["trend"]):
                quick = exact_entity(store, name, kinds)
                assert quick is None or quick == _resolved(index, name, kinds), (name, kinds)
                found += quick is not None
    assert found >= 3 * len(index.entries), "the lookup should answer for ids, kind/id and IRIs"


def test_variant_names_and_unknown_names_go_to_the_resolver(store) -> None:  # type: ignore[no-untyped-def]
    index = EntityIndex.from_store(store)
    for key in list(index.by_variant)[:20]:
        assert exact_entity(store, key, ["model"]) in (None, _resolved(index, key, ["model"]))
    assert exact_entity(store, "no-such-entity", ["model"]) is None
    assert exact_entity(store, "model/no-such-entity", ["model"]) is None
    assert exact_entity(store, "vocab/Model", ["vocab"]) is None
