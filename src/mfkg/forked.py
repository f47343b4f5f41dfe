"""Independent work shared with forked copies of this process, one per further core (Linux).

`forked_map(fn, items)` gives `[fn(x) for x in items]`, computed by this process and by children
forked from it. The items are cut into small runs whose numbers wait in a pipe; every process takes
the next run when it is free (a read of a few bytes from a pipe is atomic), so a process given slow
items or other work does not hold the others up. A child sends its answers back pickled, each with
its item's place. Forking copies the process as it is, so nothing is imported or handed over again:
a child starts in milliseconds, which is what makes sharing worth it for work of a second or two
(a cold build's YAML).

The answer never depends on the children: when one fails (an exception, a crash, an answer that cannot
be pickled), this process computes the items it did not answer itself, in order, so an error is raised
here, with its own traceback, exactly as without children. Children are killed on every way out (and
by Linux when this process dies). A process running other threads is never forked (a lock one of them
holds would stay held in the child forever); nor is anything on other systems, which run the work in order.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 4        # processes in all, this one included
MIN_ITEMS = 64         # fewer items than this are not worth a fork
RUNS_PER_PROCESS = 16  # runs cut per process: small enough to even out the work, few enough to cost nothing
_RUN_BYTES = 2         # a run's number in the pipe (at most MAX_WORKERS * RUNS_PER_PROCESS runs)
_MISSING = object()


def workers() -> int:
    """How many processes `forked_map` may use now: the cores this process may run on (at most
    `MAX_WORKERS`), or 1 where forking is unsafe (other threads, not Linux) or `MFKG_WORKERS=1`."""
    asked = os.environ.get("MFKG_WORKERS", "")
    if not sys.platform.startswith("linux") or threading.active_count() > 1:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    limit = int(asked) if asked.isdigit() and int(asked) > 0 else MAX_WORKERS
    return max(1, min(cores, limit))


class _Runs:
    """The items cut into runs (contiguous, about alike in length) and the numbers of the runs not yet
    taken, waiting in a pipe that every process reads from: `take()` gives the next one, or None when
    none is left. Written whole before any process reads, and never more than a pipe holds."""

    def __init__(self, n_items: int, n_runs: int, first_free: int):
        self.starts = [round(k * n_items / n_runs) for k in range(n_runs + 1)]
        self._read, write = os.pipe()
        try:
            data = b"".join(k.to_bytes(_RUN_BYTES, "little") for k in range(first_free, n_runs))
            while data:
                data = data[os.write(write, data):]
        finally:
            os.close(write)

    def items(self, run: int) -> range:
        return range(self.starts[run], self.starts[run + 1])

    def take(self) -> int | None:
        got = os.read(self._read, _RUN_BYTES)   # atomic: no two processes read the same number
        return int.from_bytes(got, "little") if len(got) == _RUN_BYTES else None

    def close(self) -> None:
        os.close(self._read)


class _Child:
    """One forked child computing `fn` over its first run, then over every run it can take;
    `collect()` gives its answers with their places, or None when it failed."""

    def __init__(self, fn: Callable[[Any], Any], items: Sequence[Any], runs: _Runs, first: int):
        arm = die_with_parent()   # made before the fork: the child imports nothing
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:   # the child: compute, send, and leave without running the parent's clean-ups
            code = 1
            try:
                os.close(read)
                if arm is not None:
                    arm()
                answers = []
                run: int | None = first
                while run is not None:
                    answers.extend((i, fn(items[i])) for i in runs.items(run))
                    run = runs.take()
                data = pickle.dumps(answers, protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            except BaseException:   # the parent computes what this child did not answer and raises there
                pass
            finally:
                os._exit(code)
        os.close(write)
        self._read: int | None = read

    def collect(self) -> list[tuple[int, Any]] | None:
        try:
            with os.fdopen(self._read, "rb") as pipe:   # type: ignore[arg-type]
                self._read = None
                data = pipe.read()
        finally:
            status = self._wait()
        if status != 0 or not data:
            return None
        try:
            got = pickle.loads(data)
        except Exception:   # as if the child had failed
            return None
        return got if isinstance(got, list) else None

    def _wait(self) -> int:
        if self.pid <= 0:
            return -1
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        return os.waitstatus_to_exitcode(status)

    def end(self) -> None:
        """Kill the child if it still runs, and reap it."""
        if self._read is not None:
            os.close(self._read)
            self._read = None
        if self.pid > 0:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._wait()


def die_with_parent() -> Callable[[], None] | None:
    """A function for a child, run right after the fork, asking Linux to kill it when its parent
    dies (a SIGKILLed `mfkg` leaves no child behind); None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1

    def arm() -> None:
        prctl(pr_set_pdeathsig, signal.SIGKILL)

    return arm


def forked_map(fn: Callable[[T], R], items: Sequence[T], *, minimum: int = MIN_ITEMS,
               beside: Callable[[], Any] | None = None) -> list[R]:
    """`[fn(x) for x in items]`, shared with forked children when there are at least `minimum` items
    and `workers()` allows more than one process (see the module docstring).

    Each child starts on a run of its own; this process and the children then take the runs left as
    each is free. `beside`, when given, is called here first: work that must stay in this process, such
    as reading a store, runs while the children compute, and this process joins them when it is done."""
    items = list(items)
    n = workers() if len(items) >= minimum else 1
    if n <= 1:
        if beside is not None:
            beside()
        return [fn(x) for x in items]
    n_runs = min(len(items), n * RUNS_PER_PROCESS)
    n_children = min(n - 1, n_runs)   # each child starts on a run of its own: no more children than runs
    runs = _Runs(len(items), n_runs, first_free=n_children)
    children: list[_Child] = []
    results: list[Any] = [_MISSING] * len(items)
    try:
        for first in range(n_children):
            children.append(_Child(fn, items, runs, first))
        if beside is not None:
            beside()
        while (run := runs.take()) is not None:
            for i in runs.items(run):
                results[i] = fn(items[i])
        for child in children:
            for i, value in child.collect() or ():
                results[i] = value
        for i, value in enumerate(results):   # what a failed child took and did not answer, in order
            if value is _MISSING:
                results[i] = fn(items[i])
        return results
    finally:
        runs.close()
        for child in children:
            child.end()
