"""A small smoke run of the benchmark, so it cannot rot. It asserts that figures were produced, never how fast."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import FIXTURE_DATA, run_cli


def test_bench_smoke(tmp_path: Path) -> None:
    """On the small fixture data: the real catalogue's figures come from `make bench`."""
    out = tmp_path / "bench.json"
    r = run_cli("bench", "--data", str(FIXTURE_DATA), "--build-dir", str(tmp_path / "build"), "--sizes", "3000", "--repeat", "1",
                "--html-sizes", "150", "--cypher-edges", "1000", "--load-seconds", "0.5", "--output", str(out), timeout=900)
    assert r.code == 0, r.err[-3000:]
    report = json.loads(out.read_text())
    assert report["curated"]["build"]["median_ms"] > 0
    assert report["curated"]["warm_queries"] and report["curated"]["engines"]
    assert report["scale"]["3000"]["triples"] > 3000 and report["scale"]["3000"]["queries"]
    assert "rdflib" in report["scale"]["3000"]
    assert report["cypher"]["curated"]["ladybug"]["queries"]
    assert report["html"]["chromium"]["synthetic_150_nodes"]["median_ms"] > 0
    assert report["endpoint"]["catalog"]["64"]["mfkg serve"]["requests"] > 0
    for heading in ("CURATED GRAPH", "ENGINES ON THE CURATED GRAPH", "SCALE SERIES", "CYPHER ENGINES", "HTML EXPLORER",
                    "SPARQL ENDPOINT UNDER LOAD"):
        assert heading in r.out
