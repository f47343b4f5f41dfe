"""Read YAML while remembering the line of every value, so errors can point at it.

Reading is bounded (see `limits`): the file's size is checked before it is parsed, anchors,
aliases and deep nesting are refused before any value is built, and every text is checked as it is
built. A text with no `&` or `*` in it can hold no anchor or alias; libyaml refuses nesting deeper than
about a thousand levels while it parses (`_parser_bounds_nesting`), so such a text is composed into
nodes at once and the bounds are checked on the nodes, without a first pass over the parse events
(a fifth of reading a file). Whatever that finds, and any error, is read again the careful way (the
scan first), so the problem reported is always the scan's.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from mfkg.curation.limits import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_RECORDS_PER_FILE,
    MAX_TEXT,
    normalise_source,
    text_problem,
)
from mfkg.errors import Problem

Path_ = tuple[str | int, ...]


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when available: same marks, ~5x faster


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loader (no arbitrary objects)."""


_STR = "tag:yaml.org,2002:str"


@cache
def _parser_bounds_nesting() -> bool:
    """Whether the parser refuses deep nesting on its own (libyaml 0.2.5 and later do, at 1,000 levels),
    so that a text may be composed before it is scanned: tried on a text nested 10,000 levels deep."""
    if _Base is yaml.SafeLoader:
        return False   # the pure-Python composer would recurse as deep as the text nests
    loader = _Loader("[" * 10_000 + "]" * 10_000)
    try:
        loader.get_single_node()
    except yaml.YAMLError:
        return True
    finally:
        loader.dispose()
    return False


def _construct(loader: _Loader, node: yaml.Node, path: Path_, lines: dict[Path_, int],
               file: str, problems: list[Problem]) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if key_node.tag == _STR else loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            _check_text(key, key, key_node.start_mark.line + 1, file, problems)
            if key in out:
                problems.append(Problem(file, key_node.start_mark.line + 1, key,
                                        f"key '{key}' appears twice in the same record",
                                        "keep one of the two entries"))
            out[key] = _construct(loader, value_node, path + (key,), lines, file, problems)
            lines.setdefault(path + (key,), key_node.start_mark.line + 1)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, v, path + (i,), lines, file, problems) for i, v in enumerate(node.value)]
    # a text (by far the most common value) is the node's value: what the constructor would return
    value = node.value if node.tag == _STR else loader.construct_object(node, deep=True)
    if isinstance(value, str):
        field = next((p for p in reversed(path) if isinstance(p, str)), "")
        value = _check_text(value, field, node.start_mark.line + 1, file, problems)
    return value


def _check_text(value: str, field: str, line: int, file: str, problems: list[Problem]) -> str:
    """Refuse text no export can carry or that is too long; return it (cut short when too long)."""
    if len(value) > MAX_TEXT:
        problems.append(Problem(file, line, field, f"the text is {len(value):,} characters long, more than the "
                                f"{MAX_TEXT:,} a value may hold", "shorten it or link to the full text by its source"))
        return value[:100]   # the record is refused anyway; keep what follows small
    why = text_problem(value, field)
    if why:
        fix = ("normalise the text to NFC (retype the accented letters as single characters)" if "NFC" in why
               else "remove the character (write it out in words if it matters) and save the file again")
        problems.append(Problem(file, line, field, f"the text {why}", fix))
    return value


def _scan(text: str, display: str, problems: list[Problem]) -> bool:
    """A cheap pass over the parse events: no anchors or aliases, no nesting deeper than MAX_DEPTH,
    no more than MAX_RECORDS_PER_FILE records in a list."""
    depth = records = 0
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1
        if depth == 1 and isinstance(event, (yaml.NodeEvent, yaml.CollectionStartEvent)):
            records += 1
            if records > MAX_RECORDS_PER_FILE:
                problems.append(Problem(display, line, "", f"the file holds more than {MAX_RECORDS_PER_FILE:,} "
                                        "entries", "split its records over several files"))
                return False
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            what = "an alias (*" if isinstance(event, yaml.AliasEvent) else "an anchor (&"
            problems.append(Problem(display, line, "", f"the file uses {what}{event.anchor}); curated data may not "
                                    "use YAML anchors or aliases", "write the value out in full where it is used"))
            return False
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                problems.append(Problem(display, line, "", f"the values nest more than {MAX_DEPTH} levels deep",
                                        "flatten the record; no field of the schema nests this deep"))
                return False
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return True


def _within_bounds(node: yaml.Node | None) -> bool:
    """What `_scan` checks, checked on composed nodes (a text with no anchor or alias): no more than
    MAX_RECORDS_PER_FILE entries in the top collection (a mapping's keys and values both count, as
    its events do) and no collection nested more than MAX_DEPTH deep."""
    if node is None:
        return True
    if isinstance(node, yaml.SequenceNode) and len(node.value) > MAX_RECORDS_PER_FILE:
        return False
    if isinstance(node, yaml.MappingNode) and 2 * len(node.value) > MAX_RECORDS_PER_FILE:
        return False
    stack: list[tuple[yaml.Node, int]] = [(node, 1)]
    while stack:
        here, depth = stack.pop()
        if isinstance(here, yaml.SequenceNode):
            children = here.value
        elif isinstance(here, yaml.MappingNode):
            children = [x for pair in here.value for x in pair]
        else:
            continue
        if depth > MAX_DEPTH:
            return False
        stack.extend((child, depth + 1) for child in children if not isinstance(child, yaml.ScalarNode))
    return True


def _compose(text: str, display: str, problems: list[Problem]) -> tuple[_Loader, yaml.Node | None] | None:
    """The text's node (with the loader to build values from it), or None after adding a problem."""
    if "&" not in text and "*" not in text and _parser_bounds_nesting():
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if _within_bounds(node):
                return loader, node
        except yaml.YAMLError:
            pass   # read again below, so that the problem is the one the careful way reports
        finally:
            loader.dispose()
    try:
        if not _scan(text, display, problems):
            return None
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
    return loader, node


class YamlDocument:
    """A parsed YAML file: its data and the line of every path inside it."""

    def __init__(self, file: str, data: Any, lines: dict[Path_, int], source: str = ""):
        self.file = file                 # as shown in messages: the data folder's name, then the path inside it
        self.source = source or file     # as recorded in the graph: the path inside the data folder only
        self.data = data
        self.lines = lines
        self.digest = ""                 # set by a cached load: a key for the file's exact bytes and place

    def line_of(self, path: Path_) -> int:
        """The line of the value at `path`, or of its nearest ancestor that has one."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), 1)


def read_yaml(path: Path, display: str, problems: list[Problem], source: str = "") -> YamlDocument | None:
    """Parse one YAML file; on failure add a problem and return None."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(display, 1, "", f"the file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} "
                                    "a data file may hold", "split its records over several files"))
            return None
        text = normalise_source(path.read_bytes().decode("utf-8"))
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
    composed = _compose(text, display, problems)
    if composed is None:
        return None
    loader, node = composed
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
    return YamlDocument(display, data, lines, source)
