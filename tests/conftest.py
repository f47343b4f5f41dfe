"""Shared fixtures. Tests write only below pytest's tmp_path; fixtures under tests/fixtures are read-only."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"
REAL_DATA = ROOT / "data"
ARTIFACTS = ROOT / "test-artifacts"

# The reasoner's answers are cached per user; the suite keeps its own cache, shared by the tests of one
# run (and by the CLI processes they start), and never touches the user's.
# The process that makes the cache removes it when it ends; test workers inherit the variable.
if "MFKG_CACHE_DIR" not in os.environ:
    os.environ["MFKG_CACHE_DIR"] = tempfile.mkdtemp(prefix="mfkg-test-cache-")
    atexit.register(shutil.rmtree, os.environ["MFKG_CACHE_DIR"], ignore_errors=True)


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


def run_cli_here(*args: str) -> CliResult:
    """Run `mfkg ARGS` in this process (no interpreter start, no imports): the same verbs, exit codes and
    one-sentence errors as `run_cli`, for tests about a verb rather than about a whole process."""
    from click.testing import CliRunner

    class _Main:   # adapts `mfkg.cli.main` (which turns errors into sentences and exit codes) to CliRunner
        name = "mfkg"

        def main(self, args: list[str], prog_name: str | None = None, **kwargs: object) -> None:
            from mfkg.cli import main

            main(args)

    result = CliRunner().invoke(_Main(), list(args), catch_exceptions=True)  # type: ignore[arg-type]
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return CliResult(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def fixture_copy(tmp_path: Path) -> Path:
    """A writable copy of the small fixture data set."""
    dst = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, dst)
    return dst


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture data set built (graph only), once per session."""
    from mfkg.rdf.compile import build

    folder = tmp_path_factory.mktemp("fixture-build") / "build"
    build(FIXTURE_DATA, folder / "mfkg.ttl")
    return folder


@pytest.fixture
def fixture_folder(fixture_build: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A fresh copy of the fixture build folder per test, to write into."""
    from mfkg.project import BuildFolder

    target = tmp_path / "build"
    shutil.copytree(fixture_build, target)
    return BuildFolder(target)


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real curated data built, reasoned over and loaded into a store, once per session."""
    from mfkg.pipeline import run_pipeline
    from mfkg.project import BuildFolder

    out = tmp_path_factory.mktemp("build")
    result = run_pipeline(BuildFolder(out), data_dir=REAL_DATA, validate=False)
    assert result.inferred_triples, "the curated data is inconsistent"
    return out


@pytest.fixture(scope="session")
def real_site(real_build: Path) -> Path:
    """The explorer site of the real build, written once per session by `mfkg viz --site` (read only)."""
    r = run_cli("viz", "--site", "--build-dir", str(real_build))
    assert r.code == 0, r.err
    return real_build / "site"


@pytest.fixture(scope="session")
def real_export_input(real_build: Path):  # type: ignore[no-untyped-def]
    """The real build split for exports, once per session."""
    from mfkg.outputs.exporting import export_input

    return export_input(real_build)


# markers by what a test needs: `make test-fast` leaves out the ones that need external programs
_NEEDS_BY_FILE = {"test_viz.py": ("browser",), "test_notebooks.py": ("java", "slow"), "test_remote.py": ("virtuoso", "java"),
                  "test_external_validators.py": ("jena", "raptor", "java"), "test_reason.py": ("java",),
                  "test_bench.py": ("java", "slow"), "test_package.py": ("java", "slow")}
_SLOW_FIXTURES = {"real_build", "real_store", "real_export_input", "real_site", "pg", "engine"}


_NEEDS_BY_NAME = {"jena": "jena", "riot": "jena", "rapper": "raptor", "virtuoso": "virtuoso", "chromium": "browser",
                  "browser": "browser", "reason": "java", "validate_real": "java"}


# `make test` gives each test file to one worker (--dist loadfile) in collection order; the slowest files go
# first so that no long file starts last and leaves the other worker idle. The order comes from the last
# run's timings (test-artifacts/pytest-junit.xml), else from these figures (seconds, 2-core machine).
_KNOWN_SECONDS = {"test_export.py": 600, "test_fuzz.py": 220, "test_crash_safety.py": 190, "test_cypher.py": 180,
                  "test_answers.py": 130, "test_bench.py": 110, "test_queries.py": 100, "test_viz.py": 80,
                  "test_bench_growth.py": 50, "test_package.py": 50, "test_notebooks.py": 45,
                  "test_seed_browser.py": 40, "test_workbench.py": 35}


def _seconds_per_file(junit: Path) -> dict[str, float]:
    """The time of each test file in an earlier run's JUnit file, by file name ({} when there is none)."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.parse(junit).getroot()
    except (OSError, ET.ParseError):
        return {}
    seconds: dict[str, float] = {}
    for case in root.iter("testcase"):
        name = (case.get("classname") or "").rpartition(".")[2] + ".py"
        try:
            seconds[name] = seconds.get(name, 0.0) + float(case.get("time") or 0)
        except ValueError:
            continue
    return seconds


def _slowest_files_first(items: list[pytest.Item]) -> None:
    seconds = _seconds_per_file(ARTIFACTS / "pytest-junit.xml") or _KNOWN_SECONDS
    first: dict[Path, int] = {}
    for i, item in enumerate(items):
        first.setdefault(item.path, i)
    items.sort(key=lambda item: (-seconds.get(item.path.name, 0.0), first[item.path]))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    _slowest_files_first(items)
    for item in items:
        for name in _NEEDS_BY_FILE.get(item.path.name, ()):
            item.add_marker(getattr(pytest.mark, name))
        for fragment, name in _NEEDS_BY_NAME.items():
            if fragment in item.name:
                item.add_marker(getattr(pytest.mark, name))
        if _SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.java)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def real_store(real_build: Path):  # type: ignore[no-untyped-def]
    from mfkg.query.store import open_store

    return open_store(real_build)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
