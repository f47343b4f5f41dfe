"""`mfkg query run NAME` answered without the CLI framework prints what the full CLI prints."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, ROOT
from mfkg.entry import _parse

CASES = [
    ["query", "run", "models-min-cells", "--param", "min_cells=1000000"],
    ["query", "run", "models-min-cells", "--param=min_cells=1000000", "--format", "json"],
    ["query", "run", "models-min-cells", "--param", "min_cells=1000000", "--format=csv", "--asserted-only"],
    ["query", "run", "models-min-cells", "--wide", "--param", "min_cells=1000000"],
    ["query", "run", "catalog", "--format", "tsv"],
    ["query", "run", "model-card", "--param", "model=SCGPT"],       # a name, through the resolver
    ["query", "run", "model-card", "--param", "model=scgtp"],       # did you mean
    ["query", "run", "no-such-question"],
    ["query", "run", "models-min-cells", "--param", "min_cells=many"],
]


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mfkg.pipeline import run_pipeline
    from mfkg.project import BuildFolder

    out = tmp_path_factory.mktemp("entry-build")
    run_pipeline(BuildFolder(out), data_dir=FIXTURE_DATA, validate=False, reason=False)
    return out


def _run(args: list[str], fast: bool) -> tuple[int, str, str]:
    code = ("from mfkg.entry import main; main()" if fast else "from mfkg.cli import main; main()")
    proc = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a[2:]))
def test_the_quick_path_prints_what_the_full_cli_prints(args: list[str], fixture_build: Path) -> None:
    argv = [*args, "--build-dir", str(fixture_build)]
    assert _parse(argv) is not None, "this command line should take the quick path"
    assert _run(argv, fast=True) == _run(argv, fast=False)


@pytest.mark.parametrize("argv", [
    ["query", "run"], ["query", "list"], ["query", "run", "catalog", "--endpoint", "http://x"],
    ["query", "run", "catalog", "--lang", "cypher"], ["query", "run", "catalog", "--help"],
    ["query", "run", "catalog", "--format", "xml"], ["query", "run", "a", "b"], ["build"],
    ["query", "run", "catalog", "--param", "novalue"],
])
def test_anything_else_goes_to_the_full_cli(argv: list[str]) -> None:
    assert _parse(argv) is None
