"""The console script's quick path reads query headers, the store's manifest and writes JSON results
without `re` and `json` (their import alone costs a cold `mfkg query run` about a quarter of its time).
Each reader written with string methods gives what the regular expression or `json` it replaced gives,
on arbitrary text."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mfkg.query.header import _digit_runs, header_line, param_fields, query_form
from mfkg.query.manifest import manifest_bytes, read_manifest
from mfkg.query.results import grouped_number, json_text

# the expressions the readers replaced, as they were
HEADER = re.compile(r"^#\s*(title|description|sections|param|kinds|severity|examples):\s*(.*)$")
PARAM = re.compile(r"^(?P<name>[a-z_][a-z0-9_]*)\s*\((?P<type>[a-z|-]+(?: ids?)?)\)\s*(=\s*(?P<default>[^—]*?))?\s*"
                   r"(—\s*(?P<desc>.*))?$")
FORM = re.compile(r"\b(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.IGNORECASE)

# text made mostly of the characters the expressions care about, so the odd cases come up often
PIECES = st.sampled_from(["#", " ", "  ", "\t", ":", "title", "param", "sections", "kinds", "examples", "(", ")", "=",
                          "—", "-", "|", "model", "ids", " id", "id", "integer", "n", "_x9", "A", "é", "٣", "1", "42",
                          "select", "SELECT", "Ask", "describe", "construct", "x_select", "selection", "\u3000",
                          "\n", "\r", "\\", '"', "\x00", "\x1f", "\x7f", "\ud800", "ſ", "K"])
TEXT = st.lists(PIECES, max_size=14).map("".join) | st.text(max_size=40)


@settings(max_examples=600, deadline=None)
@given(TEXT)
def test_header_lines_read_as_the_expression_read_them(line: str) -> None:
    m = HEADER.match(line.strip())
    assert header_line(line) == ((m.group(1), m.group(2).strip()) if m else None)


@settings(max_examples=1200, deadline=None)
@given(TEXT)
def test_parameter_declarations_read_as_the_expression_read_them(value: str) -> None:
    value = value.strip()   # as `read_header` hands them over
    m = PARAM.match(value)
    expected = None
    if m:
        default = m.group("default")
        expected = (m.group("name"), m.group("type"), default.strip() if default else None,
                    (m.group("desc") or "").strip())
    assert param_fields(value) == expected


@settings(max_examples=600, deadline=None)
@given(st.lists(TEXT, max_size=6).map("\n".join))
def test_the_query_form_is_found_as_the_expression_found_it(text: str) -> None:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    m = FORM.search(body)
    expected = m.group(1).upper() if m else "SELECT"
    assert query_form(text) == expected


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_digit_runs_and_grouped_numbers_read_as_the_expressions(text: str) -> None:
    assert _digit_runs(text) == re.findall(r"\d+", text)
    assert grouped_number(text) == (f"{int(text):,}" if re.fullmatch(r"-?\d{5,}", text) else text)


JSONISH = st.recursive(st.text(), lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                       max_leaves=20)


@settings(max_examples=600, deadline=None)
@given(JSONISH)
def test_json_text_writes_what_json_writes(value: object) -> None:
    assert json_text(value) == json.dumps(value, ensure_ascii=False, indent=1)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(min_size=1), st.tuples(st.text(min_size=1), st.integers(0, 2**63), st.integers(0, 2**63),
                                                      st.text("0123456789abcdef", min_size=64, max_size=64)),
                       max_size=4))
def test_the_manifest_reads_back_what_was_written(tmp_path_factory, entries) -> None:  # type: ignore[no-untyped-def]
    data = {g: {"path": p, "size": size, "mtime_ns": mtime, "sha256": digest} for g, (p, size, mtime, digest) in entries.items()}
    path = Path(tmp_path_factory.mktemp("manifest")) / "manifest.tsv"
    path.write_bytes(manifest_bytes(data))
    assert read_manifest(path) == data


def test_a_manifest_that_does_not_read_is_none(tmp_path: Path) -> None:
    path = tmp_path / "manifest.tsv"
    good = manifest_bytes({"g": {"path": "a\tb", "size": 1, "mtime_ns": 2, "sha256": "ab"}})
    for bad in (b"", good[:-1], good.replace(b"\t1\t", b"\tone\t"), b'{"g": {}}\n', good.replace(b"a\\tb", b"a\\qb"),
                good + b"g2\t1\n", b"\xff\xfe"):
        path.write_bytes(bad)
        assert read_manifest(path) is None, bad
    assert read_manifest(tmp_path / "missing.tsv") is None


def test_csv_and_tsv_are_written_by_the_csv_modules_own_writer() -> None:
    import _csv
    import csv

    assert _csv.writer is csv.writer


def test_a_store_with_an_older_json_manifest_is_rebuilt_once_and_the_json_removed(tmp_path: Path) -> None:
    from conftest import FIXTURE_DATA
    from mfkg.pipeline import run_pipeline
    from mfkg.project import BuildFolder
    from mfkg.query.manifest import MANIFEST
    from mfkg.query.store import open_store

    run_pipeline(BuildFolder(tmp_path), data_dir=FIXTURE_DATA, validate=False, reason=False)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    answer = open_store(tmp_path).select(count).rows
    folder = BuildFolder(tmp_path).store
    (folder / MANIFEST).rename(folder / "manifest.json")   # as an older mfkg left it
    assert open_store(tmp_path).select(count).rows == answer
    assert (folder / MANIFEST).is_file() and not (folder / "manifest.json").exists()
    written = (folder / MANIFEST).stat().st_mtime_ns
    assert open_store(tmp_path).select(count).rows == answer
    assert (folder / MANIFEST).stat().st_mtime_ns == written, "a current store is opened as it is"


def test_the_same_build_folder_spelled_another_way_is_the_same_store(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A relative, an absolute and a dotted spelling of one build folder (and a link to it) open the store
    as it is: no rebuild, and what is kept beside it stays valid."""
    import os

    from conftest import FIXTURE_DATA
    from mfkg.pipeline import run_pipeline
    from mfkg.project import BuildFolder
    from mfkg.query.manifest import MANIFEST
    from mfkg.query.quick import run_quick
    from mfkg.query.store import open_store

    build = tmp_path / "build"
    run_pipeline(BuildFolder(build), data_dir=FIXTURE_DATA, validate=False, reason=False)
    monkeypatch.chdir(tmp_path)
    open_store("build")
    folder = BuildFolder(build).store
    stamp = ((folder / MANIFEST).read_bytes(), (folder / "oxigraph").stat().st_mtime_ns)
    os.symlink(build, tmp_path / "link")
    for spelling in (str(build), "./build/", "build//", str(tmp_path / "link")):
        open_store(spelling)
        assert ((folder / MANIFEST).read_bytes(), (folder / "oxigraph").stat().st_mtime_ns) == stamp, spelling
        assert run_quick("catalog", {}, spelling) is not None, f"{spelling}: the quick path found the store not current"
