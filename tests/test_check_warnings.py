"""`mfkg check` says how many warnings there are and prints them; warnings alone exit 0, errors
exit 1; "no problems" only when there is none."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURE_DATA, run_cli
from test_errors import _edit, _line_of


def _warn(data: Path) -> int:
    """A claim citing a publication its model does not list (a warning); the line of that source."""
    model = data / "models" / "totalvi.yaml"
    _edit(model, "    source: gayoso2021totalvi\n", "    source: lopez2018scvi\n")
    return _line_of(model, "source: lopez2018scvi")


def test_clean_data_has_no_problems() -> None:
    r = run_cli("check", "--data", str(FIXTURE_DATA))
    assert r.code == 0, r.err
    assert r.out.strip().endswith(", no problems") and r.err == ""


def test_warnings_are_counted_and_printed_with_exit_0(fixture_copy: Path) -> None:
    line = _warn(fixture_copy)
    r = run_cli("check", "--data", str(fixture_copy))
    assert r.code == 0, r.err
    assert "no problems" not in r.out
    assert "no errors, 1 warning (listed on stderr" in r.out
    assert r.err.splitlines() == [
        f"warning: data/models/totalvi.yaml:{line}: field 'claims[0].source': the claim cites 'lopez2018scvi', which "
        "is not among the model's publications — fix: add 'lopez2018scvi' to `publications` if it describes the "
        "model, or check the source"]


def test_two_warnings_are_plural(fixture_copy: Path) -> None:
    _warn(fixture_copy)
    model = fixture_copy / "models" / "geneformer.yaml"   # a model-level size below a variant, another source
    _edit(model, "claims:\n", "claims:\n  - id: params-range\n    property: parameter_count\n    value: 104000000\n"
                              "    qualifier: up-to\n    source: theodoris2023geneformer\n    locator: Abstract\n")
    r = run_cli("check", "--data", str(fixture_copy))
    assert r.code == 0, r.err
    assert "no errors, 2 warnings (" in r.out
    assert [x.split(":")[1] for x in r.err.splitlines()] == [" data/models/geneformer.yaml", " data/models/totalvi.yaml"]


def test_errors_exit_non_zero_even_beside_warnings(fixture_copy: Path) -> None:
    _warn(fixture_copy)
    _edit(fixture_copy / "models" / "scgpt.yaml", "label: scGPT", "lable: scGPT\nlabel: scGPT")
    r = run_cli("check", "--data", str(fixture_copy))
    assert r.code == 1
    assert "unknown field 'lable'" in r.err and "Traceback" not in r.err
    assert "ok:" not in r.out and "no problems" not in r.out
