"""The notebooks run top to bottom, and are committed without outputs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name}: strip the outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, artifacts: Path,
                       real_build: Path) -> None:
    # the kernel opens a copy of the session's real build, not the repo's: `mfkg.open()` would build it with
    # the same `run_pipeline` call that made `real_build`
    build = tmp_path / "build"
    build.mkdir()
    for name in ("mfkg.ttl", "mfkg-inferred.ttl", "build-info.json"):
        shutil.copy2(real_build / name, build / name)
    monkeypatch.setenv("MFKG_BUILD_DIR", str(build))
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    nbformat.write(nb, artifacts / f"executed-{path.name}")
