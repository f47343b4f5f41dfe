"""Shared fixtures. Tests write only below pytest's tmp_path; fixtures under tests/fixtures are read-only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"
REAL_DATA = ROOT / "data"
ARTIFACTS = ROOT / "test-artifacts"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300) -> CliResult:
    """Run `python -m mfkg ARGS` as a user would, in a separate process."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("MFKG_DEBUG", None)
    proc = subprocess.run([sys.executable, "-m", "mfkg", *args], cwd=cwd or ROOT, env=full_env,
                          capture_output=True, text=True, timeout=timeout)
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    """A writable copy of the small fixture data set."""
    dst = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, dst)
    return dst


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real curated data built, reasoned over and loaded into a store, once per session."""
    from mfkg.build import build
    from mfkg.reason import run_reasoner

    out = tmp_path_factory.mktemp("build")
    build(REAL_DATA, out / "mfkg.ttl")
    result = run_reasoner(out / "mfkg.ttl", out / "mfkg-inferred.ttl")
    assert result.consistent
    return out


@pytest.fixture(scope="session")
def real_store(real_build: Path):  # type: ignore[no-untyped-def]
    from mfkg.store import open_store

    return open_store(real_build)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
