"""Errors a user can act on: one sentence with file, line, field and fix; exit 1 for invalid data,
2 for anything else; never a traceback; the previous output left untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_cli, run_cli_here


def _build(data: Path, out: Path):  # type: ignore[no-untyped-def]
    """`mfkg build` in this process (the same verb, sentences and exit codes as a whole process; the
    tests at the end of this file run whole processes)."""
    return run_cli_here("build", "--data", str(data), "--output", str(out))


@pytest.fixture
def built(fixture_copy: Path, fixture_build: Path, tmp_path: Path) -> tuple[Path, Path, bytes]:
    """A copy of the data and an earlier build of it (the session's build of the same data, with its cache)."""
    shutil.copytree(fixture_build, tmp_path / "out")
    out = tmp_path / "out" / "mfkg.ttl"
    return fixture_copy, out, out.read_bytes()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


def _assert_failed(r, out: Path, before: bytes, *fragments: str, code: int = 1) -> None:  # type: ignore[no-untyped-def]
    assert r.code == code, (r.code, r.out, r.err)
    assert "Traceback" not in r.err + r.out
    for frag in fragments:
        assert frag in r.err, f"{frag!r} not in:\n{r.err}"
    assert out.read_bytes() == before, "a failed build changed the previous output"


def test_yaml_syntax_error(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "scgpt.yaml"
    _edit(model, "label: scGPT", "label: [scGPT")
    r = _build(data, out)
    _assert_failed(r, out, before, "data/models/scgpt.yaml:", "YAML syntax error")


def test_unknown_field_suggests_the_right_one(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "scgpt.yaml"
    _edit(model, "label: scGPT", "lable: scGPT\nlabel: scGPT")
    line = _line_of(model, "lable:")
    r = _build(data, out)
    _assert_failed(r, out, before, f"data/models/scgpt.yaml:{line}: field 'lable': unknown field 'lable'",
                   "did you mean 'label'?")


def test_wrong_type(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "geneformer.yaml"
    _edit(model, "    value: 10000000\n", "    value: 10M\n")
    line = _line_of(model, "value: 10M")
    r = _build(data, out)
    _assert_failed(r, out, before, f"data/models/geneformer.yaml:{line}: field 'claims[1].value':",
                   "valid integer, got '10M'", "1 problem(s) found")


def test_year_as_string(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "scgpt.yaml"
    _edit(model, "year: 2023", 'year: "2023"')
    line = _line_of(model, 'year: "2023"')
    r = _build(data, out)
    _assert_failed(r, out, before, f"data/models/scgpt.yaml:{line}: field 'year':", "integer")


def test_missing_required_field(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "scgpt.yaml"
    _edit(model, "label: scGPT\n", "")
    r = _build(data, out)
    _assert_failed(r, out, before, "data/models/scgpt.yaml:1: field 'label': required field 'label' is missing")


def test_dangling_reference_with_suggestion(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "scvi.yaml"
    _edit(model, "patterns: [unimodal-integration]", "patterns: [unimodal-integraton]")
    line = _line_of(model, "unimodal-integraton")
    r = _build(data, out)
    _assert_failed(r, out, before, f"data/models/scvi.yaml:{line}: field 'patterns[0]':",
                   "'unimodal-integraton' is not a known pattern id", "did you mean 'unimodal-integration'?")


def test_duplicate_id(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    tasks = data / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text + "- id: cell-type-annotation\n  label: again\n  description: twice\n  requires_paired: false\n",
                     encoding="utf-8")
    r = _build(data, out)
    _assert_failed(r, out, before, "data/tasks.yaml:", "duplicate id 'cell-type-annotation' (first defined in data/tasks.yaml:")


def test_file_name_must_match_id(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    shutil.copy(data / "models" / "scgpt.yaml", data / "models" / "scgpt-copy.yaml")
    r = _build(data, out)
    _assert_failed(r, out, before, "data/models/scgpt-copy.yaml:1: field 'id': id 'scgpt' does not match the file name",
                   "duplicate id 'scgpt'")


def test_empty_file(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    (data / "models" / "empty.yaml").write_text("\n", encoding="utf-8")
    r = _build(data, out)
    _assert_failed(r, out, before, "data/models/empty.yaml:1: the file is empty")


def test_unreadable_file(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    (data / "models" / "binary.yaml").write_bytes(b"id: x\n\xff\xfe\x00label")
    r = _build(data, out)
    _assert_failed(r, out, before, "data/models/binary.yaml:1:", "not valid UTF-8")


def test_all_errors_reported_in_one_run(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    _edit(data / "models" / "scgpt.yaml", "year: 2023", "year: soon")
    _edit(data / "models" / "scvi.yaml", "patterns: [unimodal-integration]", "patterns: [nope]")
    (data / "models" / "empty.yaml").write_text("", encoding="utf-8")
    r = _build(data, out)
    _assert_failed(r, out, before, "scgpt.yaml", "scvi.yaml", "empty.yaml", "3 problem(s) found")


def test_missing_data_folder_is_exit_2(tmp_path: Path) -> None:
    r = _build(tmp_path / "nowhere", tmp_path / "o.ttl")
    assert r.code == 2 and "the data folder does not exist" in r.err and "Traceback" not in r.err


def test_output_is_a_folder_is_exit_2(fixture_copy: Path, tmp_path: Path) -> None:
    r = _build(fixture_copy, tmp_path)
    assert r.code == 2 and "is a folder" in r.err and "Traceback" not in r.err


def test_unknown_verb_is_exit_2() -> None:
    r = run_cli("frobnicate")
    assert r.code == 2 and "No such command" in r.err and "Traceback" not in r.err


@pytest.mark.parametrize("args,message", [
    (["push", "--endpoint", "http://127.0.0.1:9/x"], "run 'mfkg build' first"),
    (["serve", "--port", "9"], "run 'mfkg build' first"),
    (["diff", "missing.nq", "missing.ttl"], "missing.nq: file not found"),
    (["merge", "missing.trig"], "missing.trig: file not found"),
    (["sparql"], "exactly one of the two"),
])
def test_verbs_fail_in_one_sentence_without_their_input(args: list[str], message: str, tmp_path: Path) -> None:
    r = run_cli(*args, "--build-dir", str(tmp_path / "build")) if args[0] in ("push", "serve", "merge", "sparql") \
        else run_cli(*args, cwd=tmp_path)
    assert r.code == 2, (r.code, r.err)
    assert message in r.err and "Traceback" not in r.err and "internal error" not in r.err


@pytest.mark.parametrize("cached", [True, False], ids=["cached", "no-cache"])
def test_a_missing_or_broken_ontology_is_one_sentence(built: tuple[Path, Path, bytes], tmp_path: Path,
                                                       cached: bool) -> None:
    data, out, before = built
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix owl: <http://www.w3.org/2002/07/owl#> .\nthis is not turtle\n", encoding="utf-8")
    flags = [] if cached else ["--no-cache"]
    for ontology, fragment in ((tmp_path / "missing.ttl", "missing.ttl"), (broken, "line 2")):
        r = run_cli("build", *flags, "--data", str(data), "--ontology", str(ontology), "--output", str(out))
        _assert_failed(r, out, before, fragment, code=2)
        assert "internal error" not in r.err
