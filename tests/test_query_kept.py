"""The index of names and the query-lint vocabulary kept beside a build folder's store: reused by the next
command while the store holds the same graphs, made again as soon as a graph changes or the kept file
is damaged, never kept for an in-memory store."""

from __future__ import annotations

from pathlib import Path

import pytest

from mfkg.query import lint, resolve
from mfkg.query.lint import vocabulary
from mfkg.query.resolve import EntityIndex, index_for
from mfkg.query.store import MemoryStore, open_store


def _count(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    names, vocab = EntityIndex.from_store, lint._fetch_vocabulary

    def counted_names(store):  # type: ignore[no-untyped-def]
        calls.append("names")
        return names(store)

    def counted_vocabulary(store):  # type: ignore[no-untyped-def]
        calls.append("vocabulary")
        return vocab(store)

    monkeypatch.setattr(resolve.EntityIndex, "from_store", staticmethod(counted_names))
    monkeypatch.setattr(lint, "_fetch_vocabulary", counted_vocabulary)
    return calls


def _same(a: EntityIndex, b: EntityIndex) -> bool:
    return (a.entries.keys() == b.entries.keys() and a.by_key == b.by_key and a.by_variant == b.by_variant
            and all(vars(a.entries[k]) == vars(b.entries[k]) for k in a.entries))


def _clear(folder: Path) -> None:
    for name in ("names.pickle", "vocabulary.pickle"):
        (folder / name).unlink(missing_ok=True)


def test_the_next_command_reuses_what_the_first_asked_the_store(fixture_folder, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    _clear(fixture_folder.store)
    fresh_index = EntityIndex.from_store(open_store(fixture_folder.path))
    calls = _count(monkeypatch)
    first = open_store(fixture_folder.path)   # each open_store stands for one command
    index, vocab = index_for(first), vocabulary(first)
    assert calls == ["names", "vocabulary"]
    assert (fixture_folder.store / "names.pickle").is_file() and (fixture_folder.store / "vocabulary.pickle").is_file()
    second = open_store(fixture_folder.path)
    assert _same(index_for(second), index) and _same(index, fresh_index)
    fresh_vocab = lint._fetch_vocabulary(open_store(fixture_folder.path))
    assert vocabulary(second) == vocab == fresh_vocab
    assert calls == ["names", "vocabulary", "vocabulary"], "the second command asked the store again"
    assert index_for(second).resolve("scGPT", ["model"]).endswith("/model/scgpt")


def test_a_changed_graph_is_asked_again(fixture_folder, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    before = index_for(open_store(fixture_folder.path))
    assert "scGPT renamed" not in before.entries[next(k for k in before.entries if k.endswith("/model/scgpt"))].names
    graph = fixture_folder.graph
    graph.write_text(graph.read_text(encoding="utf-8").replace('"scGPT"', '"scGPT renamed"'), encoding="utf-8")
    calls = _count(monkeypatch)
    after = index_for(open_store(fixture_folder.path))
    assert calls == ["names"], "a changed graph was answered from the kept index"
    assert after.resolve("scGPT renamed", ["model"]).endswith("/model/scgpt")
    assert _same(index_for(open_store(fixture_folder.path)), after) and calls == ["names"]


def test_a_damaged_kept_file_is_made_again(fixture_folder, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    good = index_for(open_store(fixture_folder.path))
    (fixture_folder.store / "names.pickle").write_bytes(b"\x80\x05half a pickle")
    calls = _count(monkeypatch)
    assert _same(index_for(open_store(fixture_folder.path)), good) and calls == ["names"]
    assert _same(index_for(open_store(fixture_folder.path)), good) and calls == ["names"], "not kept again"


def test_nothing_is_kept_for_an_in_memory_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    store = MemoryStore(b'<https://w3id.org/mfkg/model/x> <https://w3id.org/mfkg/vocab/identifier> "x" .\n')
    assert index_for(store).resolve("x", ["model"]) == "https://w3id.org/mfkg/model/x"
    assert not list(tmp_path.iterdir())
