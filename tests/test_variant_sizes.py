"""A variant's size against its model's stated range: a violation when one source states both, a
warning when the figures come from different sources or the range is the seed's; each message
names the files and lines of both figures."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA
from mfkg.curation.load import load_catalog, violations
from mfkg.curation.sizes import variant_sizes
from test_errors import _assert_failed, _build, _edit, _line_of

GENEFORMER = "data/models/geneformer.yaml"


def _model_claim(data: Path, qualifier: str, value: int, source: str, cid: str = "params-range") -> int:
    """Add a model-level parameter_count claim to the fixture's Geneformer; return the line of its value."""
    model = data / "models" / "geneformer.yaml"
    _edit(model, "claims:\n", f"claims:\n  - id: {cid}\n    property: parameter_count\n    value: {value}\n"
                              f"    qualifier: {qualifier}\n    source: {source}\n    locator: Model Details\n")
    return _line_of(model, f"value: {value}")


def _variant_line(data: Path, value: int) -> int:
    return _line_of(data / "models" / "geneformer.yaml", f"value: {value}")


@pytest.fixture
def earlier(fixture_copy: Path, tmp_path: Path) -> tuple[Path, Path, bytes]:
    out = tmp_path / "out" / "mfkg.ttl"
    r = _build(FIXTURE_DATA, out)
    assert r.code == 0, r.err
    return fixture_copy, out, out.read_bytes()


def test_the_fixture_has_no_size_problem() -> None:
    catalog, problems = load_catalog(FIXTURE_DATA)
    assert not violations(problems)
    assert list(variant_sizes(catalog)) == []


def test_one_source_stating_both_stops_the_build(earlier) -> None:  # type: ignore[no-untyped-def]
    data, out, before = earlier
    stated = _model_claim(data, "up-to", 104000000, "czi-geneformer-card")
    line = _variant_line(data, 316000000)
    t = time.perf_counter()
    r = _build(data, out)
    assert time.perf_counter() - t < 20, "the build is bounded in time"
    _assert_failed(r, out, before,
                   f"{GENEFORMER}:{line}: field 'claims[4].value': variant 'geneformer-v2-316m' has 316,000,000 "
                   "parameters (claim 'params-v2-316m', source czi-geneformer-card), more than the model's stated "
                   f"up to 104,000,000 ({GENEFORMER}:{stated}, claim 'params-range', source czi-geneformer-card)",
                   "both figures come from czi-geneformer-card: re-read it and correct the claim that misquotes it")


def test_different_sources_are_a_warning(fixture_copy: Path, tmp_path: Path) -> None:
    stated = _model_claim(fixture_copy, "up-to", 104000000, "theodoris2023geneformer")
    catalog, problems = load_catalog(fixture_copy)
    assert not violations(problems)
    sizes = [p for p in problems if "parameters" in p.message]
    assert [(p.severity, p.file, p.line) for p in sizes] == [
        ("warning", GENEFORMER, _variant_line(fixture_copy, 316000000))]
    assert f"({GENEFORMER}:{stated}, claim 'params-range', source theodoris2023geneformer)" in sizes[0].message
    assert "give that claim `variant:`" in sizes[0].fix
    r = _build(fixture_copy, tmp_path / "b" / "mfkg.ttl")   # a warning does not stop the build
    assert r.code == 0, r.err


def test_a_lower_bound_and_rounding(fixture_copy: Path) -> None:
    _model_claim(fixture_copy, "more-than", 100000000, "theodoris2023geneformer")
    catalog, _ = load_catalog(fixture_copy)
    found = list(variant_sizes(catalog))
    assert [p.message.split(",")[0] for p in found] == ["variant 'geneformer-v1-10m' has 10"]
    assert "less than the model's stated more than 100,000,000" in found[0].message


@pytest.mark.parametrize(("qualifier", "value", "hits"), [
    ("approximately", 100000000, ["geneformer-v1-10m", "geneformer-v2-316m"]),   # 104M is "about 100M"
    ("up-to", 300000000, []),                                                      # 316M rounds to 300M
    ("up-to", 250000000, ["geneformer-v2-316m"]),
])
def test_point_and_bound_with_slack(fixture_copy: Path, qualifier: str, value: int, hits: list[str]) -> None:
    _model_claim(fixture_copy, qualifier, value, "theodoris2023geneformer")
    catalog, _ = load_catalog(fixture_copy)
    assert [p.message.split("'")[1] for p in variant_sizes(catalog)] == hits


def test_a_seed_range_is_a_warning_naming_the_seed_file(fixture_copy: Path) -> None:
    _model_claim(fixture_copy, "up-to", 316000000, "czi-geneformer-card", cid="params-up-to-316m")
    seeds = fixture_copy / "seed_claims.yaml"
    seeds.write_text(seeds.read_text(encoding="utf-8") +
                     "- id: geneformer-params\n  section: 7\n  seed_text: Geneformer 100M\n  about: model/geneformer\n"
                     "  statement: Geneformer has about 100 million parameters.\n  seed_value: 100000000\n"
                     "  verdict: partially-agrees\n  checked_against: [geneformer/params-up-to-316m]\n",
                     encoding="utf-8")
    seed_line = _line_of(seeds, "seed_value: 100000000")
    catalog, problems = load_catalog(fixture_copy)
    assert not violations(problems)
    found = list(variant_sizes(catalog))
    assert [(p.severity, p.message.split("'")[1]) for p in found] == [
        ("warning", "geneformer-v1-10m"), ("warning", "geneformer-v2-316m")]
    assert all(f"(data/seed_claims.yaml:{seed_line}, seed claim 'geneformer-params')" in p.message for p in found)
