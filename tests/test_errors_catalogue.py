"""Bad input in the catalogue's facets — assays, licences, lineage kinds, variants, conflicts,
benchmarks and results — gives one sentence with file, line and fix, and leaves the earlier build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import run_cli
from test_errors import _assert_failed, _build, _edit, _line_of


@pytest.fixture
def built(fixture_copy: Path, fixture_build: Path, tmp_path: Path) -> tuple[Path, Path, bytes]:
    """A copy of the data and an earlier build of it (the session's build of the same data, with its cache)."""
    shutil.copytree(fixture_build, tmp_path / "out")
    out = tmp_path / "out" / "mfkg.ttl"
    return fixture_copy, out, out.read_bytes()


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text, encoding="utf-8")


def test_unknown_assay(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "scgpt.yaml"
    _append(model, "assays:\n  - {assay: citeseq, use: training}\n")
    line = _line_of(model, "assay: citeseq")
    _assert_failed(_build(data, out), out, before, f"data/models/scgpt.yaml:{line}: field 'assays[0].assay'",
                   "'citeseq' is not a known assay id", "did you mean 'cite-seq'?")


def test_unknown_spdx_licence(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "scvi.yaml"
    _edit(model, "licence:\n", "licence:\n  code: {spdx: Apache2, locator: LICENSE}\n")
    line = _line_of(model, "spdx: Apache2")
    _assert_failed(_build(data, out), out, before, f"data/models/scvi.yaml:{line}: field 'licence.code.spdx'",
                   "'Apache2' is not an SPDX licence id", "did you mean 'Apache-2.0'?")


def test_missing_commercial_use_answer(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "scvi.yaml"
    text = model.read_text(encoding="utf-8")
    start = text.index("licence:")
    model.write_text(text[:start] + "licence:\n  access: open\n", encoding="utf-8")
    _assert_failed(_build(data, out), out, before, "data/models/scvi.yaml:", "licence.commercial_use",
                   "required field 'commercial_use' is missing")


def test_unknown_lineage_kind(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "totalvi.yaml"
    _edit(model, "kind: extends-architecture-of", "kind: forked-from")
    line = _line_of(model, "kind: forked-from")
    _assert_failed(_build(data, out), out, before, f"data/models/totalvi.yaml:{line}: field 'derived_from[0].kind'",
                   "'forked-from' is not allowed", "fine-tuned-from")


def test_claim_names_an_undeclared_variant(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "geneformer.yaml"
    text = model.read_text(encoding="utf-8")
    variant = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.strip().startswith("variant:"))
    _edit(model, f"variant: {variant}", "variant: v9-1b")
    _assert_failed(_build(data, out), out, before, "data/models/geneformer.yaml:",
                   "variant 'v9-1b' is not declared", variant)


def test_result_names_a_variant_its_model_does_not_have(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    results = data / "results" / "fixture-results.yaml"
    _edit(results, "  model: scgpt\n", "  model: scgpt\n  variant: giant\n")
    line = _line_of(results, "variant: giant")
    _assert_failed(_build(data, out), out, before, f"data/results/fixture-results.yaml:{line}: field 'variant'",
                   "'giant' is not a variant of model 'scgpt'")


def test_conflict_must_be_between_two_sourced_claims(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "geneformer.yaml"
    _append(model, "conflicts:\n  - {claims: [params-v1-10m, no-such-claim], note: test}\n")
    _assert_failed(_build(data, out), out, before, "data/models/geneformer.yaml:", "conflicts",
                   "'no-such-claim' is not a claim of this record")


def test_conflict_between_claims_about_different_variants_is_refused(built) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    model = data / "models" / "geneformer.yaml"
    _append(model, "conflicts:\n  - {claims: [params-v1-10m, params-v2-104m], note: test}\n")
    _assert_failed(_build(data, out), out, before, "data/models/geneformer.yaml:", "field 'conflicts'",
                   "are about different variants")


@pytest.mark.parametrize("old,new,fragments", [
    ("  benchmark: fixture-integration\n  metric: avg-bio\n  value: 0.5",
     "  benchmark: fixture-integratoin\n  metric: avg-bio\n  value: 0.5",
     ["'fixture-integratoin' is not a known benchmark id", "did you mean 'fixture-integration'?"]),
    ("  metric: avg-bio\n  value: 0.5", "  metric: avgbio\n  value: 0.5",
     ["'avgbio' is not a metric of benchmark 'fixture-integration'", "avg-bio, mse"]),
    ("  value: 0.5\n", "  value: 1.3\n", ["1.3 is outside the range of AvgBIO [0.0, 1.0]"]),
    ("  source: kedzierska2025zeroshot\n  locator: test fixture\n- id: fixture-hvg",
     "  locator: test fixture\n- id: fixture-hvg", ["required field 'source' is missing"]),
    ("  baseline: hvg\n", "  baseline: hvg\n  model: scgpt\n", ["a result is for exactly one model or one baseline"]),
])
def test_bad_results(built, old: str, new: str, fragments: list[str]) -> None:  # type: ignore[no-untyped-def]
    data, out, before = built
    results = data / "results" / "fixture-results.yaml"
    _edit(results, old, new)
    _assert_failed(_build(data, out), out, before, "data/results/fixture-results.yaml:", *fragments)


def test_check_reports_the_same_without_building(fixture_copy: Path) -> None:
    results = fixture_copy / "results" / "fixture-results.yaml"
    _edit(results, "  value: 0.5\n", "  value: 1.3\n")
    r = run_cli("check", "--data", str(fixture_copy))
    assert r.code == 1 and "outside the range" in r.err and "Traceback" not in r.err
