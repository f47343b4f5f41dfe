"""Timing helpers shared by the benchmark's parent and child processes."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def timed(fn: Callable[[], Any], repeat: int) -> dict[str, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return {"median_ms": round(statistics.median(times), 3), "min_ms": round(min(times), 3),
            "max_ms": round(max(times), 3), "runs": repeat}


def _ox(term: Any) -> Any:
    from mfkg.query.store import _to_ox

    return _to_ox(term)


# ------------------------------------------------------------------------------ scale series
