"""Benign variation is not an error and changes nothing: CRLF line endings, a UTF-8 byte-order mark,
spaces at the ends of lines and a data folder of another name give the same graph, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA
from mfkg.rdf.compile import build


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("reference") / "mfkg.ttl"
    build(FIXTURE_DATA, out)
    return out.read_bytes()


def _rewrite_all(data: Path, change) -> None:  # type: ignore[no-untyped-def]
    for f in sorted(data.rglob("*.yaml")):
        text = f.read_text(encoding="utf-8")
        f.write_bytes(change(text).encode("utf-8"))


@pytest.mark.parametrize(("name", "change"), [
    ("crlf", lambda t: t.replace("\n", "\r\n")),
    ("bom", lambda t: "\ufeff" + t),
    ("trailing-spaces", lambda t: t.replace("\n", "  \t \n")),
    ("all-three", lambda t: "\ufeff" + t.replace("\n", " \r\n")),
])
def test_benign_variation_gives_the_same_bytes(name: str, change, reference: bytes,  # type: ignore[no-untyped-def]
                                               tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    _rewrite_all(data, change)
    out = tmp_path / "out" / "mfkg.ttl"
    build(data, out)
    assert out.read_bytes() == reference


def test_a_data_folder_of_another_name_gives_the_same_bytes(reference: bytes, tmp_path: Path) -> None:
    data = tmp_path / "curated-elsewhere"
    shutil.copytree(FIXTURE_DATA, data)
    out = tmp_path / "out" / "mfkg.ttl"
    build(data, out)
    assert out.read_bytes() == reference
    text = out.read_text(encoding="utf-8")
    assert 'mfkg:sourceFile "models/scgpt.yaml"' in text and "curated-elsewhere" not in text


def test_messages_still_name_the_data_folder(tmp_path: Path) -> None:
    from mfkg.curation.load import load_catalog

    data = tmp_path / "curated-elsewhere"
    shutil.copytree(FIXTURE_DATA, data)
    model = data / "models" / "scgpt.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace("year: 2023", "year: 1900", 1), encoding="utf-8")
    _, problems = load_catalog(data)
    assert [p.file for p in problems] == ["curated-elsewhere/models/scgpt.yaml"]


@pytest.mark.parametrize("fmt", ["rdfxml", "owl", "trig", "jsonld", "graphml"])
def test_exports_are_byte_identical_across_processes(fmt: str, tmp_path: Path) -> None:
    """Serialisers that follow the store's order (and Python's per-process hash seed) still give one byte
    sequence: the graph is handed to them in sorted order."""
    from conftest import run_cli

    build_dir = tmp_path / "build"
    build(FIXTURE_DATA, build_dir / "mfkg.ttl")
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed / f"x.{fmt}"
        r = run_cli("export", "--format", fmt, "--output", str(out), "--build-dir", str(build_dir),
                    env={"PYTHONHASHSEED": seed})
        assert r.code == 0, r.err
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
