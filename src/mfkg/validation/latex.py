"""LaTeX literals of layer-type equations as MathML, and the check that every one of them renders.

`latex2mathml` is lenient: it turns an unknown command into an identifier spelled with a
backslash and a `\\frac` with one argument into a one-child fraction. So a literal renders only
when the converter raises nothing, its braces balance, no command is left over as text, and
every fraction, script and root has the children MathML requires.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mfkg.validation.findings import Finding

MATHML_NS = "http://www.w3.org/1998/Math/MathML"
# element -> number of children MathML requires
ARITY = {"mfrac": 2, "msup": 2, "msub": 2, "msubsup": 3, "mroot": 2, "munder": 2, "mover": 2, "munderover": 3}
_LEFTOVER = re.compile(r"\\[A-Za-z]+")


class LatexError(ValueError):
    """A LaTeX literal that does not render as MathML."""


@dataclass(frozen=True)
class LatexProblem:
    file: str
    line: int
    record: str
    equation: str
    message: str


def _balanced(latex: str) -> bool:
    depth = 0
    escaped = False
    for ch in latex:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def latex_to_mathml(latex: str, *, display: str = "block") -> str:
    """The MathML of `latex`, or LatexError saying why it does not render.

    >>> latex_to_mathml(r"\\frac{a}{b}").count("<mfrac>")
    1
    >>> latex_to_mathml(r"\\notacommand x")
    Traceback (most recent call last):
    ...
    mfkg.validation.latex.LatexError: unknown command \\notacommand
    """
    from latex2mathml.converter import convert

    if not _balanced(latex):
        raise LatexError("unbalanced braces { }")
    try:
        mathml = convert(latex, display=display)
    except Exception as exc:  # the converter's own error classes say little more than their name
        name = re.sub(r"(?<!^)(?=[A-Z])", " ", type(exc).__name__).lower().removesuffix(" error")
        raise LatexError(f"the converter stops: {name}{': ' + str(exc) if str(exc) else ''}") from None
    root = ET.fromstring(mathml)
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag in ARITY and len(el) != ARITY[tag]:
            raise LatexError(f"<{tag}> needs {ARITY[tag]} arguments, got {len(el)}")
        leftover = _LEFTOVER.search(el.text or "")
        if leftover:
            raise LatexError(f"unknown command {leftover.group(0)}")
    return mathml


def mathml_tree(mathml: str) -> list[Any]:
    """MathML as nested lists [tag, {attributes}, child…] (text children are strings), so that a
    page script can build it with createElementNS and textContent, never with markup."""

    def walk(el: ET.Element) -> list[Any]:
        node: list[Any] = [el.tag.rsplit("}", 1)[-1], dict(el.attrib)]
        if el.text:
            node.append(el.text)
        for child in el:
            node.append(walk(child))
            if child.tail:
                node.append(child.tail)
        return node

    return walk(ET.fromstring(mathml))


def latex_problems(catalog: Any) -> list[LatexProblem]:
    """Every equation of every layer type whose LaTeX does not render, with its file and line."""
    out: list[LatexProblem] = []
    for loaded in catalog.of("layer-type"):
        for i, eq in enumerate(loaded.record.equations):
            try:
                latex_to_mathml(eq.latex)
            except LatexError as exc:
                out.append(LatexProblem(loaded.doc.file, loaded.line("equations", i, "latex") or loaded.line("equations", i),
                                        loaded.id, eq.name, str(exc)))
    return out


def latex_findings(catalog: Any) -> list[Finding]:
    """Every equation's LaTeX literal must render as MathML; a failure names the layer type and equation."""
    from mfkg.validation.findings import Finding

    return [Finding("violation", "latex", f"layer-type/{p.record}", "equations latex",
                    f"the LaTeX of equation '{p.equation}' does not render: {p.message}",
                    "correct the LaTeX so that it renders (balanced braces, known commands, complete arguments)",
                    p.file, p.line) for p in latex_problems(catalog)]
