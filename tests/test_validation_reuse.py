"""A validation report is reused only for the same inputs; HermiT's child process never outlives its caller."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURE_DATA, ROOT
from mfkg.project import DEFAULT_ONTOLOGY, DEFAULT_QUERIES, DEFAULT_SHAPES


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A copy of the fixture data, ontology, shapes and checks, and an empty user cache."""
    monkeypatch.setenv("MFKG_CACHE_DIR", str(tmp_path / "cache"))
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    shutil.copytree(DEFAULT_QUERIES, tmp_path / "queries")
    shutil.copy(DEFAULT_ONTOLOGY, tmp_path / "mfkg.ttl")
    shutil.copy(DEFAULT_SHAPES, tmp_path / "shapes.ttl")
    return {"data": tmp_path / "data", "ontology": tmp_path / "mfkg.ttl", "shapes": tmp_path / "shapes.ttl",
            "queries": tmp_path / "queries", "cache": tmp_path / "cache"}


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    import mfkg.validation.validate as validation

    runs: list[int] = []
    real = validation._validate
    monkeypatch.setattr(validation, "_validate", lambda *a, **k: runs.append(1) or real(*a, **k))
    return runs


def _validate(tree: dict[str, Path]):  # type: ignore[no-untyped-def]
    from mfkg.validation.validate import render, validate

    report = validate(tree["data"], ontology=tree["ontology"], shapes=tree["shapes"], queries_dir=tree["queries"],
                      reasoner=False)
    return report, render(report, "tsv")


def test_unchanged_inputs_reuse_the_report_and_any_change_runs_again(tree: dict[str, Path],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    runs = _counting(monkeypatch)
    first, first_text = _validate(tree)
    again, again_text = _validate(tree)
    assert runs == [1], "an unchanged tree was validated again"
    assert again_text == first_text and again.ok == first.ok and "reused (inputs unchanged)" in again.timings

    edits = [
        lambda: (tree["data"] / "models" / "scgpt.yaml").write_text(
            (tree["data"] / "models" / "scgpt.yaml").read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8"),
        lambda: tree["shapes"].write_text(tree["shapes"].read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8"),
        lambda: next((tree["queries"] / "checks").glob("*.rq")).write_text(
            next((tree["queries"] / "checks").glob("*.rq")).read_text(encoding="utf-8") + "\n# an edit\n",
            encoding="utf-8"),
        lambda: tree["ontology"].write_text(tree["ontology"].read_text(encoding="utf-8") + "\n# an edit\n",
                                            encoding="utf-8"),
        lambda: (tree["data"] / "models" / "new-notes.txt").write_text("a new file\n", encoding="utf-8"),
    ]
    for n, edit in enumerate(edits, start=2):
        edit()
        _validate(tree)
        assert len(runs) == n, f"edit {n - 1} was answered from the cache"
        _validate(tree)
        assert len(runs) == n, f"after edit {n - 1} the new report was not reused"


def test_a_real_change_gives_its_finding_not_the_old_report(tree: dict[str, Path]) -> None:
    clean, _ = _validate(tree)
    assert clean.ok
    (tree["data"] / "models" / "scgpt.yaml").write_text("id: scgpt\n", encoding="utf-8")
    broken, text = _validate(tree)
    assert not broken.ok and "required field 'label' is missing" in text


def test_damaged_entries_are_ignored(tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    runs = _counting(monkeypatch)
    _, text = _validate(tree)
    entries = [p for p in (tree["cache"] / "validation-report").rglob("*") if p.is_file()]
    assert len(entries) == 1
    for damage in (b"", b"not a pickle", pickle.dumps({"version": 1, "findings": "x"}),
                   entries[0].read_bytes()[:-20]):
        entries[0].write_bytes(damage)
        _, again = _validate(tree)
        assert again == text
    assert len(runs) == 5, "a damaged entry was used"


def test_caches_off_never_reuse(tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MFKG_CACHE_DIR", "off")
    runs = _counting(monkeypatch)
    _validate(tree)
    _validate(tree)
    assert runs == [1, 1]


def test_a_reused_report_needs_neither_the_loader_nor_rdflib(tree: dict[str, Path]) -> None:
    """The point of reuse is to skip loading: a second `mfkg validate` imports no pydantic schema and no rdflib."""
    _validate(tree)
    code = ("import sys; from mfkg.validation.validate import validate; "
            f"r = validate({str(tree['data'])!r}, ontology={str(tree['ontology'])!r}, shapes={str(tree['shapes'])!r}, "
            f"queries_dir={str(tree['queries'])!r}, reasoner=False); "
            "assert 'reused (inputs unchanged)' in r.timings, r.timings; "
            "print(sorted(m for m in sys.modules if m.startswith(('rdflib', 'mfkg.curation.schema', 'pyshacl'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ},
                         cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_the_base_iri_spelled_in_validation_is_the_namespaces() -> None:
    from mfkg.namespaces import BASE
    from mfkg.validation import validate

    assert validate.BASE == BASE


# ------------------------------------------------------------------ the reasoner's child process (Java)
def _java_children(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=,comm=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(line.split()[0]) for line in out.splitlines() if "java" in line]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
    return bool(state) and not state.startswith("Z")


def test_reasoner_child_is_killed_when_the_caller_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from mfkg.rdf.compile import compile_graph
    from mfkg.rdf.reason import Reasoning

    monkeypatch.setenv("MFKG_CACHE_DIR", "off")
    _, graph = compile_graph(FIXTURE_DATA)
    children: list[int] = []
    with pytest.raises(KeyboardInterrupt):
        with Reasoning(graph):
            children += _java_children(os.getpid())
            raise KeyboardInterrupt   # as Ctrl-C during SHACL would
    assert children, "HermiT was not started in a child process"
    assert not any(_alive(pid) for pid in children), "HermiT outlived its caller"


def test_reasoner_child_dies_with_a_killed_parent(tmp_path: Path) -> None:
    """A `mfkg validate` killed with SIGKILL (no clean-up runs) leaves no HermiT behind."""
    code = ("import os, sys, time\n"
            "from mfkg.rdf.compile import compile_graph\nfrom mfkg.rdf.reason import Reasoning\n"
            f"_, g = compile_graph({str(FIXTURE_DATA)!r})\n"
            "r = Reasoning(g)\nprint(r._running.pids()[0], flush=True)\ntime.sleep(120)\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, "MFKG_CACHE_DIR": "off"})
    try:
        assert proc.stdout is not None
        java = int(proc.stdout.readline())
        assert _alive(java)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 10
    while _alive(java) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(java), "HermiT outlived its killed parent"


def test_reasoner_failure_is_one_sentence_and_leaves_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import mfkg.rdf.hermit as hermit
    from mfkg.errors import MfkgError
    from mfkg.rdf.compile import compile_graph
    from mfkg.rdf.reason import reason

    monkeypatch.setenv("MFKG_CACHE_DIR", "off")
    monkeypatch.setattr(hermit, "java_options", lambda: ["-Xmx2000M", "-XX:+NoSuchOption"])
    _, graph = compile_graph(FIXTURE_DATA)
    with pytest.raises(MfkgError, match=r"^the reasoner failed to run \(.*\); check the Java install$"):
        reason(graph)
    assert not _java_children(os.getpid())


def test_without_java_the_pipeline_still_writes_the_graph_then_says_why(monkeypatch: pytest.MonkeyPatch,
                                                                        tmp_path: Path) -> None:
    import mfkg.rdf.reason as reasoning
    from mfkg.errors import MfkgError
    from mfkg.pipeline import run_pipeline
    from mfkg.project import BuildFolder

    monkeypatch.setenv("MFKG_CACHE_DIR", "off")
    monkeypatch.setattr(reasoning, "java_available", lambda: False)
    folder = BuildFolder(tmp_path / "build")
    with pytest.raises(MfkgError, match="the reasoner needs Java"):
        run_pipeline(folder, data_dir=FIXTURE_DATA)
    assert folder.graph.exists() and not folder.inferred.exists()


def test_the_pipeline_reports_what_validate_reports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mfkg run` (the pipeline) and `mfkg validate` give the same findings, the loader's warnings included."""
    from mfkg.pipeline import run_pipeline
    from mfkg.project import BuildFolder, Project
    from mfkg.validation.validate import render, validate

    monkeypatch.setenv("MFKG_CACHE_DIR", "off")
    project = Project(tmp_path / "project")
    shutil.copytree(FIXTURE_DATA, project.data)
    shutil.copytree(DEFAULT_QUERIES, project.queries)
    project.ontology.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEFAULT_ONTOLOGY, project.ontology)
    shutil.copy(DEFAULT_SHAPES, project.shapes)
    model = project.data / "models" / "scgpt.yaml"
    lines = model.read_text(encoding="utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip() == "source: cui2024scgpt")
    lines[at] = lines[at].replace("cui2024scgpt", "gayoso2021totalvi")   # a publication scGPT does not list
    model.write_text("\n".join(lines), encoding="utf-8")
    alone = validate(project.data, ontology=project.ontology, shapes=project.shapes, queries_dir=project.queries,
                     reasoner=False)
    assert any(f.stage == "schema" and f.severity == "warning" and "gayoso2021totalvi" in f.message
               for f in alone.findings)
    result = run_pipeline(BuildFolder(tmp_path / "build"), project=project, reason=False)
    assert result.report is not None
    assert render(result.report, "tsv") == render(alone, "tsv")


def test_after_an_edit_shacl_rechecks_only_what_changed_and_reports_the_same(tree: dict[str, Path],
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A curator's loop with shapes only pyshacl can check (here: pretended so): validate, drop one
    model's repository, validate again. SHACL re-checks a few focus nodes, and the report is the one
    a run with no cache at all gives."""
    from mfkg.validation import shacl_core

    monkeypatch.setattr(shacl_core, "compile_shapes", lambda shapes: None)
    first, _ = _validate(tree)
    assert first.stats["shacl_rechecked"] == "all"
    assert not any(f.stage == "shacl" and f.focus == "model/scgpt" and "repository" in f.message for f in first.findings)
    model = tree["data"] / "models" / "scgpt.yaml"
    text = model.read_text(encoding="utf-8")
    assert "\nrepository: https://github.com/bowang-lab/scGPT\n" in text
    model.write_text(text.replace("\nrepository: https://github.com/bowang-lab/scGPT\n", "\n"), encoding="utf-8")
    edited, edited_text = _validate(tree)
    assert isinstance(edited.stats["shacl_rechecked"], int) and 0 < edited.stats["shacl_rechecked"] < 50
    assert any(f.stage == "shacl" and f.focus == "model/scgpt" and "repository" in f.message for f in edited.findings)
    monkeypatch.setenv("MFKG_CACHE_DIR", "off")
    cold, cold_text = _validate(tree)
    assert "shacl_rechecked" not in cold.stats and edited_text == cold_text


def test_the_project_shapes_are_checked_by_mfkg_not_pyshacl(tree: dict[str, Path]) -> None:
    report, _ = _validate(tree)
    assert report.stats["shacl_engine"] == "mfkg" and "shacl_rechecked" not in report.stats
