"""Property-based: no mutation of a valid record ever produces a traceback, only located problems."""

from __future__ import annotations

import io
import shutil
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_DATA
from mfkg.cli import main
from mfkg.curation.load import load_catalog

MODEL = yaml.safe_load((FIXTURE_DATA / "models" / "scgpt.yaml").read_text(encoding="utf-8"))

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=30), st.dates())
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                        st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=8)


def _paths(obj: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out += _paths(v, prefix + (i,))
    return out


PATHS = [p for p in _paths(MODEL) if p]


def _mutate(obj: Any, path: tuple, op: str, value: Any) -> Any:
    import copy

    obj = copy.deepcopy(obj)
    parent = obj
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if op == "delete":
        del parent[last]
    elif op == "replace":
        parent[last] = value
    elif op == "add" and isinstance(parent, dict):
        parent[f"x{abs(hash(str(value))) % 97}"] = value
    return obj


def _check(data_dir: Path) -> None:
    load_catalog(data_dir)   # must not raise
    err, out = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stderr(err), redirect_stdout(out):
        try:
            main(["check", "--data", str(data_dir)])
        except SystemExit as exc:
            code = int(exc.code or 0)
    assert code in (0, 1), (code, err.getvalue())
    assert "Traceback" not in err.getvalue() and "internal error" not in err.getvalue(), err.getvalue()
    if code == 1:
        assert "data/models/scgpt.yaml" in err.getvalue() or "data/" in err.getvalue()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(PATHS), op=st.sampled_from(["delete", "replace", "add"]), value=values)
def test_structural_mutations_never_crash(path: tuple, op: str, value: Any) -> None:
    mutated = _mutate(MODEL, path, op, value)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(FIXTURE_DATA, data)
        (data / "models" / "scgpt.yaml").write_text(yaml.safe_dump(mutated, allow_unicode=True), encoding="utf-8")
        _check(data)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pos=st.integers(min_value=0, max_value=4000), junk=st.text(min_size=1, max_size=5))
@example(pos=0, junk="0[")          # a key with '[' once crashed the error locator (found by this test)
@example(pos=0, junk="function-")
def test_textual_corruption_never_crashes(pos: int, junk: str) -> None:
    text = (FIXTURE_DATA / "models" / "scgpt.yaml").read_text(encoding="utf-8")
    pos = pos % (len(text) + 1)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(FIXTURE_DATA, data)
        (data / "models" / "scgpt.yaml").write_text(text[:pos] + junk + text[pos:], encoding="utf-8")
        _check(data)
