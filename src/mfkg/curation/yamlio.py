"""Read YAML while remembering the line of every value, so errors can point at it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from mfkg.errors import Problem

Path_ = tuple[str | int, ...]


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when available: same marks, ~5x faster


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loader (no arbitrary objects)."""


def _construct(loader: _Loader, node: yaml.Node, path: Path_, lines: dict[Path_, int],
               file: str, problems: list[Problem]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                problems.append(Problem(file, key_node.start_mark.line + 1, key,
                                        f"key '{key}' appears twice in the same record",
                                        "keep one of the two entries"))
            out[key] = _construct(loader, value_node, path + (key,), lines, file, problems)
            lines.setdefault(path + (key,), key_node.start_mark.line + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, v, path + (i,), lines, file, problems) for i, v in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


class YamlDocument:
    """A parsed YAML file: its data and the line of every path inside it."""

    def __init__(self, file: str, data: Any, lines: dict[Path_, int]):
        self.file = file
        self.data = data
        self.lines = lines

    def line_of(self, path: Path_) -> int:
        """The line of the value at `path`, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)


def read_yaml(path: Path, display: str, problems: list[Problem]) -> YamlDocument | None:
    """Parse one YAML file; on failure add a problem and return None."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(display, 1, "", f"the file is not valid UTF-8 ({exc.reason})",
                                "save the file as UTF-8"))
        return None
    except OSError as exc:
        problems.append(Problem(display, 0, "", f"the file cannot be read ({exc.strerror})",
                                "check that it exists and is readable"))
        return None
    if not text.strip():
        problems.append(Problem(display, 1, "", "the file is empty",
                                "add records or delete the file"))
        return None
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        what = (exc.problem or exc.context or "invalid YAML").strip()
        problems.append(Problem(display, line, "", f"YAML syntax error: {what}",
                                "check indentation, colons and quotes on this line"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(display, 1, "", f"YAML error: {exc}", "fix the YAML syntax"))
        return None
    if node is None:
        problems.append(Problem(display, 1, "", "the file has no records",
                                "add records or delete the file"))
        return None
    lines: dict[Path_, int] = {}
    try:
        data = _construct(loader, node, (), lines, display, problems)
    except yaml.YAMLError as exc:
        problems.append(Problem(display, 1, "", f"YAML error: {exc}", "fix the YAML syntax"))
        return None
    return YamlDocument(display, data, lines)
