"""Incremental builds: after an edit, `mfkg build` reuses the cache for unchanged files and writes the
same bytes as a build from nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, REAL_DATA
from mfkg.curation.load import load_or_raise
from mfkg.project import DEFAULT_ONTOLOGY
from mfkg.rdf.compile import build
from mfkg.rdf.incremental import CACHE_FOLDER, caches, compile_lines
from mfkg.rdf.serialise import serialize_turtle
from mfkg.rdf.triples import build_graph


def _fresh(data: Path, tmp: Path, name: str) -> bytes:
    out = tmp / name / "mfkg.ttl"
    build(data, out, cache=False)
    return out.read_bytes()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} no longer holds {old!r}; update the test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("edit", ["description", "modality", "new-file", "seed-claim-context"])
def test_incremental_build_is_byte_identical_to_a_fresh_one(tmp_path: Path, edit: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    out = tmp_path / "build" / "mfkg.ttl"
    first = build(data, out)
    assert _fresh(data, tmp_path, "before") == out.read_bytes()
    if edit == "description":
        _edit(data / "models" / "scgpt.yaml", "description: ", "description: Edited in a test. ")
    elif edit == "modality":
        _edit(data / "models" / "scgpt.yaml", "modality: perturbation", "modality: text")
    elif edit == "new-file":
        text = (data / "models" / "scgpt.yaml").read_text(encoding="utf-8")
        (data / "models" / "scgpt-copy.yaml").write_text(text.replace("id: scgpt", "id: scgpt-copy", 1)
                                                         .replace("label: scGPT", "label: scGPT copy", 1),
                                                         encoding="utf-8")
    else:   # a new claim: the seed claims, which name claims, are compiled again
        _edit(data / "models" / "scgpt.yaml", "  - id: whole-human-33m-readme",
              "  - id: pretraining-cells-33m-again\n    property: pretraining_cells\n    value: 33000000\n"
              "    variant: whole-human\n    source: cui2024scgpt\n    locator: Abstract\n"
              "  - id: whole-human-33m-readme")
    again = build(data, out)
    assert again.triples >= first.triples - 20
    assert out.read_bytes() == _fresh(data, tmp_path, "after")


def test_the_cache_is_used_and_a_damaged_entry_is_only_a_miss(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    out = tmp_path / "build" / "mfkg.ttl"
    build(data, out)
    entries = sorted(p for p in (tmp_path / "build" / CACHE_FOLDER).rglob("*") if p.is_file())
    assert len(entries) > 10
    for p in entries[::3]:
        p.write_bytes(b"not a pickle")
    build(data, out)
    assert out.read_bytes() == _fresh(data, tmp_path, "fresh")
    records, triples = caches(tmp_path / "build")
    catalog = load_or_raise(data, records)
    compile_lines(catalog, DEFAULT_ONTOLOGY, triples)
    assert records.misses == 0 and triples.misses == 0, "the entries rewritten by the second build were not reused"


@pytest.mark.slow
def test_the_whole_graph_path_and_the_cached_path_agree_on_the_real_data(tmp_path: Path) -> None:
    out = tmp_path / "build" / "mfkg.ttl"
    build(REAL_DATA, out)
    graph = build_graph(load_or_raise(REAL_DATA), DEFAULT_ONTOLOGY)
    assert serialize_turtle(graph) == out.read_bytes()


def test_a_build_without_the_cache_gives_the_whole_graph_paths_bytes(tmp_path: Path) -> None:
    """`build(cache=False)` compiles unit by unit with a cache that keeps nothing; the rdflib graph of the
    whole catalogue (what `mfkg run` and `mfkg validate` compile) must serialise to the same bytes."""
    out = tmp_path / "build" / "mfkg.ttl"
    build(FIXTURE_DATA, out, cache=False)
    assert not (tmp_path / "build" / CACHE_FOLDER).exists(), "a build without the cache wrote one"
    assert serialize_turtle(build_graph(load_or_raise(FIXTURE_DATA), DEFAULT_ONTOLOGY)) == out.read_bytes()


def test_the_pipeline_writes_the_bytes_of_mfkg_build(tmp_path: Path) -> None:
    """`mfkg run` writes the graph from lines it shares with the reasoner and the checks (`GraphText`);
    the file must be the one `mfkg build` writes."""
    from mfkg.pipeline import run_pipeline
    from mfkg.project import BuildFolder

    run = run_pipeline(BuildFolder(tmp_path / "run"), data_dir=REAL_DATA, validate=False, reason=False)
    assert (tmp_path / "run" / "mfkg.ttl").read_bytes() == _fresh(REAL_DATA, tmp_path, "build")
    # and says as many triples as `mfkg build` (counted from the lines, not by rdflib's store)
    assert run.build.triples == build(REAL_DATA, tmp_path / "again" / "mfkg.ttl", cache=False).triples
