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
