"""The layout the next maintainer relies on: stage packages that import only earlier stages, no import
cycles, no module over 400 lines, no code found by name, the CLI imported by nothing."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "mfkg"

# the flow: curated YAML -> records -> RDF -> checks / store -> {queries, property graph, views, exports, server}
STAGES: dict[str, int] = {
    "mfkg._version": 0, "mfkg.frozen": 0, "mfkg.home": 0, "mfkg.errors": 0, "mfkg.namespaces": 0, "mfkg.files": 0, "mfkg.project": 0,
    "mfkg.gcpolicy": 0, "mfkg.forked": 0,
    "mfkg.curation": 1, "mfkg.rdf": 2, "mfkg.query": 3, "mfkg.validation": 3, "mfkg.propgraph": 4,
    "mfkg.outputs": 5, "mfkg.viz": 5, "mfkg.serve": 6, "mfkg.pipeline": 6, "mfkg.api": 7, "mfkg.bench": 7,
    "mfkg": 8, "mfkg.cli": 9, "mfkg.entry": 10, "mfkg.__main__": 11,
}


def _modules() -> dict[str, Path]:
    out = {}
    for p in PACKAGE.rglob("*.py"):
        name = ".".join(("mfkg", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")
        out[name] = p
    return out


MODULES = _modules()


def _stage(module: str) -> int:
    parts = module.split(".")
    for i in range(len(parts), 0, -1):
        key = ".".join(parts[:i])
        if key in STAGES:
            return STAGES[key]
    raise AssertionError(f"{module} belongs to no stage; add it to STAGES in tests/test_architecture.py")


def _imports(path: Path) -> set[str]:
    """mfkg modules imported anywhere in the file (module level or inside functions)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "mfkg":
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                out.add(full if full in MODULES else node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "mfkg")
    return {m for m in out if m in MODULES}


GRAPH = {m: _imports(p) for m, p in MODULES.items()}


def test_every_module_has_a_stage() -> None:
    for m in MODULES:
        _stage(m)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_import_only_their_own_or_earlier_stages(module: str) -> None:
    later = sorted(t for t in GRAPH[module] if _stage(t) > _stage(module) and not t.startswith(module + "."))
    assert not later, f"{module} (stage {_stage(module)}) imports later stages: {later}"


def test_no_import_cycles() -> None:
    seen: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        seen[m] = 1
        stack.append(m)
        for t in sorted(GRAPH[m]):
            if t.startswith(m + ".") or m.startswith(t + "."):
                continue   # a package and its own modules
            if seen.get(t) == 1:
                raise AssertionError("import cycle: " + " -> ".join(stack[stack.index(t):] + [t]))
            if t not in seen:
                visit(t)
        stack.pop()
        seen[m] = 2

    for m in sorted(MODULES):
        if m not in seen:
            visit(m)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_over_400_lines(module: str) -> None:
    n = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert n <= 400, f"{module} has {n} lines; split it by what it owns"


def test_no_code_found_by_name() -> None:
    for m, p in MODULES.items():
        assert "globals()[" not in p.read_text(encoding="utf-8"), m


def test_the_cli_is_imported_by_nothing() -> None:
    users = sorted(m for m, deps in GRAPH.items() if not m.startswith(("mfkg.cli", "mfkg.entry", "mfkg.__main__")) and any(d.startswith("mfkg.cli") for d in deps))
    assert not users, users
