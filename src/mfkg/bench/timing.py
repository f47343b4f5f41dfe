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


def timed_alternated(fns: dict[str, Callable[[], Any]], repeat: int) -> dict[str, dict[str, float]]:
    """`timed` for several functions run in turn, one run of each per round, so that what the machine
    does meanwhile (other processes, frequency, caches warming) falls on each of them alike; two blocks
    of runs one after the other differed by up to 1.6x on the same few-millisecond query."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            t = time.perf_counter()
            fn()
            times[name].append((time.perf_counter() - t) * 1000)
    return {name: {"median_ms": round(statistics.median(ts), 3), "min_ms": round(min(ts), 3),
                   "max_ms": round(max(ts), 3), "runs": repeat} for name, ts in times.items()}


def timed_within(fn: Callable[[], Any], repeat: int, budget_s: float) -> dict[str, Any]:
    """Like `timed`, but stop early once `budget_s` seconds are spent (one run at least); the last
    run's return value is kept under "result"."""
    times: list[float] = []
    result: Any = None
    while len(times) < repeat and (not times or sum(times) / 1000 < budget_s):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return {"median_ms": round(statistics.median(times), 3), "min_ms": round(min(times), 3),
            "max_ms": round(max(times), 3), "runs": len(times), "result": result}


def _ox(term: Any) -> Any:
    from mfkg.query.store import _to_ox

    return _to_ox(term)



def reference_ms(repeat: int = 5) -> float:
    """The host's speed as the median time of a fixed pure-Python workload (integer sums, a dict and a
    sort; the same work in every run, about 0.1-0.3 s), in ms: figures of runs on different hosts, or on
    one host whose speed drifts, are compared through it. Lower is faster."""
    def work() -> None:
        table = {i: i * 7 % 1_000_003 for i in range(300_000)}
        sorted(table.values())
        sum(range(2_000_000))

    return round(timed(work, repeat)["median_ms"], 1)


def reference_ms_every_core(repeat: int = 3) -> float | None:
    """`reference_ms` run at the same moment in one process per core (this one and forked copies), the
    slowest process's median, in ms: a host whose other cores are busy (another tenant, a process left
    running) shows here and not in `reference_ms`, which uses one core. Steps that use both cores (build +
    validate in one pass, HermiT beside SHACL, the site) are compared through it. None where processes
    cannot be forked or a copy said nothing."""
    import os

    if not hasattr(os, "fork") or not hasattr(os, "sched_getaffinity"):
        return None
    others = len(os.sched_getaffinity(0)) - 1
    go_read, go_write = os.pipe()
    children: dict[int, int] = {}   # pid -> the pipe its time comes back on
    times: list[float] = []
    try:
        for _ in range(others):
            read, write = os.pipe()
            try:
                pid = os.fork()
            except OSError:   # no process to spare: no figure (the copies already made end with the start pipe)
                os.close(read)
                os.close(write)
                break
            if pid == 0:   # the copy: wait for the start, run the workload, say its time, end at once
                try:
                    os.close(go_write)   # so that the start pipe ends if this process never writes to it
                    os.close(read)
                    if os.read(go_read, 1):
                        os.write(write, str(reference_ms(repeat)).encode())
                finally:
                    os._exit(0)
            os.close(write)
            children[pid] = read
        os.write(go_write, b"x" * others)   # every process starts its workload now
        times.append(reference_ms(repeat))
        for read in children.values():
            said = b""
            while chunk := os.read(read, 64):
                said += chunk
            if said:
                times.append(float(said))
    finally:
        os.close(go_write)   # a copy still waiting to start ends
        os.close(go_read)
        for pid, read in children.items():
            os.close(read)
            os.waitpid(pid, 0)
    return max(times) if len(times) == others + 1 else None
