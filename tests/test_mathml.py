"""LaTeX literals of layer-type equations render as MathML; one that does not fails validation, named."""

from __future__ import annotations

import glob

import pytest
import yaml

from conftest import REAL_DATA, run_cli
from mfkg.validation.latex import LatexError, latex_to_mathml, mathml_tree


def _equations() -> list[tuple[str, str, str]]:
    files = [REAL_DATA / "layer_types.yaml", *sorted(glob.glob(str(REAL_DATA / "layer_types.d" / "*.yaml")))]
    return [(rec["id"], eq["name"], eq["latex"]) for f in files for rec in yaml.safe_load(open(f, encoding="utf-8")) or []
            for eq in rec.get("equations", [])]


def test_every_curated_equation_renders() -> None:
    eqs = _equations()
    assert len(eqs) >= 20
    for record, name, latex in eqs:
        mathml = latex_to_mathml(latex)
        assert mathml.startswith("<math") and "\\" not in mathml, (record, name)


def test_attention_renders_as_fraction_and_root_not_raw_text() -> None:
    mathml = latex_to_mathml(r"\mathrm{softmax}\!\left(\frac{QK^{\top}}{\sqrt{d_k}}\right)V")
    assert "<mfrac>" in mathml and "<msqrt>" in mathml and "mathrm" not in mathml


@pytest.mark.parametrize("latex, fragment", [
    (r"\frac{a}{b", "unbalanced braces"),
    (r"x}", "unbalanced braces"),
    (r"\left( x", "converter stops"),
    (r"\notacommand x", r"unknown command \notacommand"),
    (r"\frac{a}", "<mfrac> needs 2 arguments"),
])
def test_broken_latex_is_refused_with_reason(latex: str, fragment: str) -> None:
    with pytest.raises(LatexError, match=None) as info:
        latex_to_mathml(latex)
    assert fragment in str(info.value)


def test_mathml_tree_keeps_text_as_strings() -> None:
    tree = mathml_tree(latex_to_mathml("a+b"))
    assert tree[0] == "math" and tree[1]["display"] == "block"
    flat = str(tree)
    assert "'mi'" in flat and "'a'" in flat and "'+'" in flat


def test_validate_names_the_layer_type_whose_latex_does_not_render(fixture_copy) -> None:  # type: ignore[no-untyped-def]
    path = fixture_copy / "layer_types.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(r"\sqrt{d_k}}", r"\sqrt{d_k}", 1), encoding="utf-8")
    r = run_cli("validate", "--data", str(fixture_copy), "--no-reasoner")
    assert r.code == 1, r.out
    line = next(ln for ln in r.out.splitlines() if "(latex)" in ln)
    assert "layer_types.yaml:8" in line and "layer-type/transformer" in line and "'attention'" in line
    assert "unbalanced braces" in line and "Traceback" not in r.err
