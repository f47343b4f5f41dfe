"""The package installs: a wheel built from this checkout, installed into a new virtual environment
outside the checkout, runs `mfkg run` and the saved questions from an empty folder with no checkout
and no MFKG_HOME — the data, ontology, shapes and queries ship inside it."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def test_wheel_runs_from_an_empty_folder(tmp_path: Path) -> None:
    # no checkout settings; the suite's reasoner/validation cache stays (the user's own is never touched, and
    # the real catalogue's reasoner answer is already in it)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MFKG_", "PYTHONPATH")) or k == "MFKG_CACHE_DIR"}
    wheels = tmp_path / "wheels"
    r = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)], tmp_path, env)
    assert r.returncode == 0, r.stderr
    (wheel,) = wheels.glob("mfkg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()   # the workbench's npm bundle (built by make setup) ships too
    assert {"mfkg/viz/vendor/editor.js", "mfkg/viz/vendor/engine.js"} <= set(names), "run 'make setup' first"
    venv = tmp_path / "venv"
    assert _run([sys.executable, "-m", "venv", str(venv)], tmp_path, env).returncode == 0
    # the dependencies are those of this environment (installing them again would only test PyPI);
    # the package itself comes from the wheel, and the checkout is nowhere on the path
    site = next((venv / "lib").glob("python3*/site-packages"))
    (site / "mfkg-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    r = _run([str(venv / "bin" / "pip"), "install", "-q", "--no-deps", "--no-index", str(wheel)], tmp_path, env)
    assert r.returncode == 0, r.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    mfkg = str(venv / "bin" / "mfkg")
    where = _run([str(venv / "bin" / "python"), "-c", "import mfkg.project as p; print(p.PROJECT.root)"], empty, env)
    assert str(ROOT) not in where.stdout and "site-packages" in where.stdout, where.stdout + where.stderr
    r = _run([mfkg, "query", "list"], empty, env)
    assert r.returncode == 0 and "clip-protein-anchor" in r.stdout, r.stderr
    r = _run([mfkg, "run"], empty, env, timeout=900)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert (empty / "build" / "mfkg.ttl").exists()
    r = _run([mfkg, "query", "run", "clip-protein-anchor"], empty, env)
    assert r.returncode == 0 and "ProteinAligner" in r.stdout, r.stdout + r.stderr


def test_a_missing_project_folder_is_one_sentence(tmp_path: Path) -> None:
    env = {**os.environ, "MFKG_HOME": str(tmp_path / "nowhere")}
    r = _run([sys.executable, "-m", "mfkg", "query", "list"], tmp_path, env)
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "does not exist" in r.stderr and "MFKG_HOME" in r.stderr and "Traceback" not in r.stderr
