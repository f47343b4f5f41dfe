"""Hostile and careless input in the curated data: bounded in time and size, refused in one sentence
with file, line and fix, exit 1, and the earlier build left as it was."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA
from mfkg.curation.limits import MAX_DEPTH, MAX_RECORDS_PER_FILE, MAX_TEXT
from mfkg.curation.yamlio import read_yaml
from mfkg.errors import Problem
from test_errors import _assert_failed, _build, _edit, _line_of


@pytest.fixture(scope="module")
def reference_build(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    out = tmp_path_factory.mktemp("reference") / "mfkg.ttl"
    r = _build(FIXTURE_DATA, out)
    assert r.code == 0, r.err
    return out.read_bytes()


@pytest.fixture
def built(fixture_copy: Path, tmp_path: Path, reference_build: bytes) -> tuple[Path, Path, bytes]:
    """A writable copy of the fixture data and an earlier build of it (built once per module)."""
    out = tmp_path / "out" / "mfkg.ttl"
    out.parent.mkdir()
    out.write_bytes(reference_build)
    return fixture_copy, out, reference_build


def _timed_build(data: Path, out: Path, bound: float):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    r = _build(data, out)
    elapsed = time.perf_counter() - t
    assert elapsed < bound, f"the build took {elapsed:.1f} s (bound {bound} s)"
    return r


def _alias_bomb(levels: int = 9) -> str:
    lines = ['bomb0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"bomb{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ resource limits
def test_alias_bomb_fails_fast(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "scgpt.yaml"
    model.write_text(model.read_text(encoding="utf-8") + _alias_bomb(), encoding="utf-8")
    line = _line_of(model, "bomb0:")
    t = time.perf_counter()
    problems: list[Problem] = []
    assert read_yaml(model, "data/models/scgpt.yaml", problems) is None
    assert time.perf_counter() - t < 1.0
    r = _timed_build(data, out, 20)
    _assert_failed(r, out, before, f"data/models/scgpt.yaml:{line}: the file uses an anchor (&a0)",
                   "may not use YAML anchors or aliases", "write the value out in full")


def test_alias_alone_is_refused_too(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_text("- id: a\n  label: &l A\n- id: b\n  label: *l\n", encoding="utf-8")
    problems: list[Problem] = []
    assert read_yaml(f, "x.yaml", problems) is None
    assert problems[0].line == 2 and "anchor (&l)" in problems[0].message


def test_huge_file_is_refused_before_parsing(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "scgpt.yaml"
    _edit(model, "description: ", "description: " + "x" * 24_000_000 + " ")
    r = _timed_build(data, out, 20)
    _assert_failed(r, out, before, "data/models/scgpt.yaml:1: the file is 24,00", "bytes, more than the",
                   "split its records over several files")


def test_long_description_is_refused(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "scgpt.yaml"
    _edit(model, "description: ", "description: " + "y" * (MAX_TEXT + 1) + " ")
    line = _line_of(model, "description: ")
    _assert_failed(_timed_build(data, out, 20), out, before,
                   f"data/models/scgpt.yaml:{line}: field 'description': the text is ",
                   f"characters long, more than the {MAX_TEXT:,} a value may hold", "shorten it")


def test_deep_nesting_is_refused(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "scgpt.yaml"
    deep = "[" * (MAX_DEPTH + 5) + "1" + "]" * (MAX_DEPTH + 5)
    model.write_text(model.read_text(encoding="utf-8") + f"species: {deep}\n", encoding="utf-8")
    line = _line_of(model, "species: [[")
    _assert_failed(_timed_build(data, out, 20), out, before,
                   f"data/models/scgpt.yaml:{line}: the values nest more than {MAX_DEPTH} levels deep", "flatten")


def test_too_many_records_are_refused(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    extra = data / "tasks.d"
    extra.mkdir()
    (extra / "many.yaml").write_text("- {}\n" * (MAX_RECORDS_PER_FILE + 1), encoding="utf-8")
    _assert_failed(_timed_build(data, out, 30), out, before,
                   f"data/tasks.d/many.yaml:{MAX_RECORDS_PER_FILE + 1}: the file holds more than "
                   f"{MAX_RECORDS_PER_FILE:,} entries", "split its records")


def _nested(kind: str, depth: int) -> str:
    """A value nested `depth` collections deep, written the way `kind` says."""
    if kind == "flow":
        return "x: " + "[" * depth + "1" + "]" * depth + "\n"
    if kind == "block-list":
        return "".join("  " * i + "-\n" for i in range(depth - 1)) + "  " * (depth - 1) + "- 1\n"
    return "".join("  " * i + f"k{i}:\n" for i in range(depth - 1)) + "  " * (depth - 1) + "k: 1\n"


@pytest.mark.parametrize("kind", ["flow", "block-list", "block-map"])
@pytest.mark.parametrize("depth", [MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1])
def test_nodes_are_held_to_the_bounds_the_scan_holds_events_to(kind: str, depth: int) -> None:
    """A text without anchors is composed first and its bounds checked on the nodes; the verdict must be
    the scan's, at and around every bound, or the scan would no longer be what guards construction."""
    from mfkg.curation.yamlio import _Loader, _parser_bounds_nesting, _scan, _within_bounds

    assert _parser_bounds_nesting(), "libyaml no longer bounds nesting: every text is scanned first (slower)"
    texts = [_nested(kind, depth)]
    texts += ["- {}\n" * n for n in (MAX_RECORDS_PER_FILE, MAX_RECORDS_PER_FILE + 1)] if kind == "flow" else []
    texts += ["".join(f"k{i}: 1\n" for i in range(n)) for n in (MAX_RECORDS_PER_FILE // 2, MAX_RECORDS_PER_FILE // 2 + 1)] \
        if kind == "block-map" else []
    for text in texts:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        assert _within_bounds(node) == _scan(text, "x.yaml", []), text[:80]


def test_a_text_refused_for_two_reasons_gets_the_scans_sentence(tmp_path: Path) -> None:
    """Nested too deep, then broken further on: the reader reports what the scan meets first (the nesting),
    not the syntax error the composer stops at."""
    f = tmp_path / "x.yaml"
    f.write_text(_nested("flow", MAX_DEPTH + 2) + "y: [unclosed\n", encoding="utf-8")
    problems: list[Problem] = []
    assert read_yaml(f, "x.yaml", problems) is None
    assert len(problems) == 1 and f"nest more than {MAX_DEPTH} levels" in problems[0].message


# ------------------------------------------------------------------ text no export can carry
@pytest.mark.parametrize(("written", "message"), [
    (r'"sc\0GPT"', "the text contains the control character U+0000 at position 3"),
    (r'"sc\x07GPT"', "the text contains the control character U+0007 at position 3"),
    (r'"sc\x85GPT"', "the text contains the control character U+0085 at position 3"),
    ('"sce\u0301GPT"', "the text is not NFC-normalised"),
])
def test_text_later_stages_cannot_carry(built, written: str, message: str) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "scgpt.yaml"
    _edit(model, "label: scGPT", f"label: {written}")
    _assert_failed(_build(data, out), out, before, f"data/models/scgpt.yaml:2: field 'label': {message}", "fix:")


def test_unpaired_surrogates_never_get_in(built) -> None:  # type: ignore[no-untyped-def]
    from mfkg.curation.limits import text_problem

    assert text_problem("sc\ud800GPT", "description") == "contains an unpaired surrogate U+D800 at position 3"
    data, out, before = built
    model = data / "models" / "scgpt.yaml"
    _edit(model, "label: scGPT", 'label: "sc\\uD800GPT"')   # the YAML escape is refused by the parser
    _assert_failed(_build(data, out), out, before, "data/models/scgpt.yaml:2: YAML syntax error")
    raw = model.read_bytes().replace(b"sc\\uD800GPT", b"sc\xed\xa0\x80GPT")   # encoded in the file: not UTF-8
    model.write_bytes(raw)
    _assert_failed(_build(data, out), out, before, "data/models/scgpt.yaml:1: the file is not valid UTF-8")


def test_nul_in_a_description_is_refused(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "totalvi.yaml"
    text = model.read_text(encoding="utf-8")
    model.write_text(re.sub(r"^description: (.*)$", lambda m: f'description: "{m.group(1)}\\0"', text, count=1,
                            flags=re.M), encoding="utf-8")
    line = _line_of(model, "description:")
    _assert_failed(_build(data, out), out, before,
                   f"data/models/totalvi.yaml:{line}: field 'description': the text contains the control character U+0000",
                   "remove the character")


def test_non_nfc_is_allowed_in_prose_but_not_in_names(fixture_copy: Path, tmp_path: Path) -> None:
    model = fixture_copy / "models" / "totalvi.yaml"
    _edit(model, "innovation: Joint", "innovation: Caf\u0065\u0301 joint")
    r = _build(fixture_copy, tmp_path / "b" / "mfkg.ttl")
    assert r.code == 0, r.err


# ------------------------------------------------------------------ semantic checks
def test_lineage_cycle_names_the_files(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    scvi = data / "models" / "scvi.yaml"
    scvi.write_text(scvi.read_text(encoding="utf-8").rstrip("\n") +
                    "\nderived_from:\n  - {model: totalvi, kind: successor-of}\n", encoding="utf-8")
    line = _line_of(scvi, "model: totalvi")
    totalvi_line = _line_of(data / "models" / "totalvi.yaml", "model: scvi")
    _assert_failed(_build(data, out), out, before,
                   f"data/models/scvi.yaml:{line}: field 'derived_from[0].model': lineage cycle: "
                   f"scvi (data/models/scvi.yaml:{line}) derives from totalvi (data/models/totalvi.yaml:{totalvi_line}) "
                   "derives from scvi again", "remove the derived_from entry")


def test_three_model_cycle_is_reported_once(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    for child, parent in (("scvi", "geneformer"), ("geneformer", "totalvi")):
        f = data / "models" / f"{child}.yaml"
        text = f.read_text(encoding="utf-8")
        assert "derived_from:" not in text
        f.write_text(text.rstrip("\n") + f"\nderived_from:\n  - {{model: {parent}, kind: successor-of}}\n",
                     encoding="utf-8")
    r = _build(data, out)
    _assert_failed(r, out, before, "lineage cycle: geneformer (data/models/geneformer.yaml:",
                   "derives from totalvi (data/models/totalvi.yaml:", "derives from scvi (data/models/scvi.yaml:")
    assert r.err.count("lineage cycle") == 1


def test_same_doi_under_two_ids(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    pub = data / "publications" / "czi2025cellxgene.yaml"
    _edit(pub, "doi: 10.1093/nar/gkae1142", "doi: 10.1038/S41592-024-02201-0")
    line = _line_of(pub, "doi:")
    _assert_failed(_build(data, out), out, before,
                   f"data/publications/czi2025cellxgene.yaml:{line}: field 'doi': the DOI 10.1038/S41592-024-02201-0 "
                   "is also the doi of publication 'cui2024scgpt' (data/publications/cui2024scgpt.yaml:7)",
                   "keep one record")


def test_same_arxiv_id_under_two_ids(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    pub = data / "publications" / "vaswani2017attention.yaml"
    _edit(pub, 'arxiv: "1706.03762"', 'arxiv: "1312.6114"')
    line = _line_of(pub, "arxiv:")
    _assert_failed(_build(data, out), out, before,
                   f"data/publications/vaswani2017attention.yaml:{line}: field 'arxiv': the arXiv id 1312.6114 is also "
                   "the arxiv of publication 'kingma2014vae' (data/publications/kingma2014vae.yaml:7)")


def test_two_models_with_one_name(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    scvi = data / "models" / "scvi.yaml"
    _edit(scvi, "aliases: [", "aliases: [SCGPT, ")
    line = _line_of(scvi, "aliases:")
    _assert_failed(_build(data, out), out, before,
                   f"data/models/scvi.yaml:{line}: field 'aliases[0]': the name 'SCGPT' is also a name of model "
                   "'scgpt' (data/models/scgpt.yaml:2)", "rename one of them")


def test_claim_source_outside_the_models_publications_is_a_warning(fixture_copy: Path, tmp_path: Path) -> None:
    from mfkg.curation.load import load_catalog, violations
    from mfkg.validation.validate import validate

    model = fixture_copy / "models" / "totalvi.yaml"
    _edit(model, "    source: gayoso2021totalvi\n", "    source: lopez2018scvi\n")
    line = _line_of(model, "source: lopez2018scvi")
    _, problems = load_catalog(fixture_copy)
    assert not violations(problems)
    assert [(p.severity, p.line, p.field) for p in problems] == [("warning", line, "claims[0].source")]
    r = _build(fixture_copy, tmp_path / "b" / "mfkg.ttl")   # a warning does not stop the build
    assert r.code == 0, r.err
    report = validate(fixture_copy, reasoner=False)
    found = [f for f in report.findings if f.stage == "schema"]
    assert [(f.severity, f.file, f.line) for f in found] == [("warning", "data/models/totalvi.yaml", line)]
    assert "not among the model's publications" in found[0].message
