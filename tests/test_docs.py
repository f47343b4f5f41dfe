"""The README cannot drift: its counts come from the graph and its verb table from the CLI."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, run_cli


def test_readme_counts_and_verbs_are_current(real_build: Path) -> None:
    r = run_cli("docs", "--check", "--build-dir", str(real_build), "--readme", str(ROOT / "README.md"))
    assert r.code == 0, r.err + "\nrun 'mfkg docs' after 'mfkg run' and commit README.md"


def test_docs_refuses_a_readme_without_markers(real_build: Path, tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# x\n", encoding="utf-8")
    r = run_cli("docs", "--build-dir", str(real_build), "--readme", str(readme))
    assert r.code == 2 and "markers" in r.err and "Traceback" not in r.err


def test_readme_bench_table_matches_the_committed_json() -> None:
    """The benchmark table is written from docs/bench.json by `mfkg docs`, never by hand."""
    import json

    from mfkg.bench.table import BENCH_JSON, bench_table
    from mfkg.outputs.readme import BENCH

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = BENCH
    assert start in text and end in text, "the README lost its benchmark markers"
    section = text[text.index(start) + len(start):text.index(end)].strip()
    report = json.loads((ROOT / BENCH_JSON).read_text(encoding="utf-8"))
    assert section == bench_table(report), "run 'mfkg docs' after writing docs/bench.json with 'mfkg bench --output'"
    for word in (report["environment"]["date"], "sizes:", "pyoxigraph"):
        assert word in section


def test_bench_table_names_sizes_and_misses(tmp_path: Path) -> None:
    """From a made-up report: sizes, the environment and an honest miss are in the table."""
    from mfkg.bench.table import bench_table

    q = {"median_ms": 1500.0, "oxigraph_over_virtuoso": 2.0}
    report = {"environment": {"date": "2026-12-01", "platform": "Linux", "machine": "x86_64", "cpus": 2, "memory_gib": 23.5,
                              "python": "3.11.7", "versions": {"pyoxigraph": "0.5.13"}},
              "settings": {"sizes": [5_000_000], "growth_sizes": [1000], "repeat": 3},
              "curated": {"build": {"median_ms": 1000.0}, "validate": {"median_ms": 3000.0},
                          "build_incremental": {"median_ms": 250.0}, "build_incremental_ratio": 0.25,
                          "validate_cached": {"median_ms": 900.0},
                          "cold_start": {"mfkg_ms": 120.0, "raw_pyoxigraph_ms": 60.0, "ratio": 2.0},
                          "engines": {"a": {"mfkg_over_raw": 1.1}}},
              "scale": {"5000000": {"triples": 5_000_000, "load_ms": 30000.0, "queries": {"catalog": q},
                                    "virtuoso": {"queries": {"catalog": {"median_ms": 750.0}}}}},
              "growth": {"runs": {"1000": {"models": 1000, "triples": 10, "stages_ms": {"build": 1.0, "validate": 2.0}}},
                         "exponents": {"build": 1.02, "validate": None}},
              "suite": {"seconds": 300.0, "tests": 900}, "total_s": 1500.0}
    table = bench_table(report)
    assert "5M triples" in table and "1,000 models" in table and "2026-12-01" in table
    assert "`catalog`" in table and "all < 1 s: **missed**" in table and "< 20 min: **missed**" in table
    assert "build 1.02, validate -" in table and "900 tests in 5.0 min" in table
    assert "≤ ⅓ of a full build: **met** (0.25)" in table and "(2.00×)" in table and "**missed** (2.00×)" in table
