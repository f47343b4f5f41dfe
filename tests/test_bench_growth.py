"""The growth benchmark's synthetic catalogues and its report, at tiny sizes, and the suite's timing
file. Figures are never asserted, only their presence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, ROOT, run_cli
from mfkg.bench.catalogue import generate_catalogue
from mfkg.bench.growth import STAGES, bench_growth, exponents, growth_lines
from mfkg.bench.suite import suite_lines, suite_time


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_synthetic_catalogue_passes_check_and_is_seeded(tmp_path: Path) -> None:
    for n in (20, 40):
        counts = generate_catalogue(FIXTURE_DATA, tmp_path / f"d{n}", n)
        assert counts["total_models"] == n and len(list((tmp_path / f"d{n}" / "models").glob("*.yaml"))) == n
        assert counts["publications"] > 0
        r = run_cli("check", "--data", str(tmp_path / f"d{n}"))
        assert r.code == 0, r.out + r.err
    generate_catalogue(FIXTURE_DATA, tmp_path / "again", 40)
    assert _files(tmp_path / "again") == _files(tmp_path / "d40")
    generate_catalogue(FIXTURE_DATA, tmp_path / "other-seed", 40, seed=7)
    assert _files(tmp_path / "other-seed") != _files(tmp_path / "d40")


def test_synthetic_copies_carry_results_of_their_model(tmp_path: Path) -> None:
    generate_catalogue(FIXTURE_DATA, tmp_path / "d", 60)
    import yaml

    rows = [r for p in (tmp_path / "d" / "results").glob("synthetic-*.yaml") for r in yaml.safe_load(p.read_text())]
    assert rows and all(re.search(r"-s\d+$", r["model"]) and r["id"].endswith(r["model"][r["model"].rindex("-s"):])
                        for r in rows)


def test_growth_exponent_is_the_log_log_slope() -> None:
    runs = [{"models": m, "stages_ms": {s: float(m * m if s == "validate" else m) for s in STAGES}} for m in (10, 20, 40)]
    ex = exponents(runs)
    assert ex["build"] == 1.0 and ex["validate"] == 2.0
    assert exponents(runs[:1])["build"] is None


@pytest.mark.java
@pytest.mark.slow
def test_growth_smoke_has_every_stage(tmp_path: Path) -> None:
    """Tiny sizes through the real child processes: every stage of every size has a time."""
    from mfkg.bench.run import _child

    g = bench_growth(FIXTURE_DATA, [20, 40], _child, timeout=600, log=lambda _m: None)
    assert set(g["runs"]) == {"curated", "20", "40"}
    for label, r in g["runs"].items():
        assert set(r["stages_ms"]) == set(STAGES), (label, r)
        assert r["valid"] and r["site_files"] > 0
    assert g["runs"]["40"]["models"] == 40 and g["runs"]["20"]["models"] == 20
    assert set(g["exponents"]) == set(STAGES) and all(v is not None for v in g["exponents"].values())
    text = "\n".join(growth_lines(g))
    for s in (*STAGES, "exponent", "GROWTH"):
        assert s in text


def test_suite_time_reads_the_junit_file(tmp_path: Path) -> None:
    xml = tmp_path / "junit.xml"
    xml.write_text('<?xml version="1.0"?><testsuites><testsuite name="pytest" errors="0" failures="1" skipped="2" '
                   'tests="5" time="123.4" timestamp="2026-12-01T20:00:00"><testcase classname="tests.test_a" name="test_x" '
                   'time="100.0"/><testcase classname="tests.test_b" name="test_y" time="3.0"/></testsuite></testsuites>')
    s = suite_time(xml)
    assert (s["seconds"], s["tests"], s["failures"], s["skipped"]) == (123.4, 5, 1, 2)
    assert s["slowest"][0] == {"test": "tests.test_a::test_x", "seconds": 100.0}
    assert "123 s" in "\n".join(suite_lines(s))
    assert "make test" in suite_time(tmp_path / "missing.xml")["error"]


def test_makefile_test_target_writes_the_timing_file() -> None:
    from mfkg.bench.suite import SUITE_TIMING

    assert f"--junitxml={SUITE_TIMING}" in (ROOT / "Makefile").read_text()
