"""The test suite's time, read from the JUnit XML file that `make test` has pytest write
(`test-artifacts/pytest-junit.xml`); the benchmark never runs the suite itself."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

SUITE_TIMING = Path("test-artifacts") / "pytest-junit.xml"
TARGET_S = 600.0   # `make test` under 10 minutes


def suite_time(path: Path | None = None) -> dict[str, Any]:
    """Wall time, test counts, when it ran and the five slowest tests; a note when there is no file."""
    path = Path(path or SUITE_TIMING)
    if not path.exists():
        return {"error": f"no {path}: run 'make test' first (it writes the suite's timings there)"}
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        return {"error": f"{path} is not JUnit XML ({exc}); run 'make test' again"}
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    cases = [c for s in suites for c in s.iter("testcase")]
    slow = sorted(cases, key=lambda c: -float(c.get("time") or 0))[:5]
    return {"file": str(path), "seconds": round(sum(float(s.get("time") or 0) for s in suites), 1),
            "tests": sum(int(s.get("tests") or 0) for s in suites),
            "failures": sum(int(s.get("failures") or 0) + int(s.get("errors") or 0) for s in suites),
            "skipped": sum(int(s.get("skipped") or 0) for s in suites),
            "ran_at": suites[0].get("timestamp") if suites else None,
            "file_written": time.strftime("%Y-%m-%d %H:%M", time.gmtime(path.stat().st_mtime)),
            "slowest": [{"test": f"{c.get('classname')}::{c.get('name')}", "seconds": round(float(c.get("time") or 0), 1)}
                        for c in slow]}


def suite_lines(s: dict[str, Any] | None) -> list[str]:
    if not s:
        return []
    lines = ["", "TEST SUITE (read from the last `make test`, not run here)"]
    if "error" in s:
        return lines + [f"  {s['error']}"]
    lines.append(f"  {s['tests']} tests ({s['failures']} failed, {s['skipped']} skipped) in {s['seconds']:.0f} s, "
                 f"run {s['ran_at'] or s['file_written']}   target < {TARGET_S:.0f} s: "
                 f"{'met' if s['seconds'] < TARGET_S else 'MISSED'}")
    lines += [f"    {x['seconds']:>6.1f} s  {x['test']}" for x in s["slowest"]]
    return lines
