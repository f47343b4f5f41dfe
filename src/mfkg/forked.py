"""Independent work shared with forked copies of this process, one per further core (Linux).

`forked_map(fn, items)` gives `[fn(x) for x in items]`, computed by this process and by children
forked from it, each taking every n-th item and sending its answers back pickled through a pipe.
Forking copies the process as it is, so nothing is imported or handed over again: a child starts in
milliseconds, which is what makes sharing worth it for work of a second or two (a cold build's YAML).

The answer never depends on the children: when one fails (an exception, a crash, an answer that cannot
be pickled), this process computes that child's share itself, so an error is raised here, with its
own traceback, exactly as without children. Children are killed on every way out (and by Linux when
this process dies). A process running other threads is never forked (a lock one of them holds would
stay held in the child forever); nor is anything on other systems, which run the work in order.
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


class _Child:
    """One forked child computing `fn` over its items; `collect()` gives its answers, or None when it failed."""

    def __init__(self, fn: Callable[[Any], Any], items: list[Any]):
        arm = die_with_parent()   # made before the fork: the child imports nothing
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:   # the child: compute, send, and leave without running the parent's clean-ups
            code = 1
            try:
                os.close(read)
                if arm is not None:
                    arm()
                data = pickle.dumps([fn(x) for x in items], protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            except BaseException:   # the parent computes this share itself and raises there
                pass
            finally:
                os._exit(code)
        os.close(write)
        self._read: int | None = read

    def collect(self) -> list[Any] | None:
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

    `beside`, when given, is called here (first, without children) while the children compute all of
    the items: work that must stay in this process, such as reading a store, runs beside the rest."""
    items = list(items)
    n = workers() if len(items) >= minimum else 1
    if n <= 1:
        if beside is not None:
            beside()
        return [fn(x) for x in items]
    mine = 0 if beside is not None else 1   # shares this process takes: none when it works beside
    parts = n - 1 + mine
    shares = [list(range(i, len(items), parts)) for i in range(parts)]
    children: list[tuple[list[int], _Child]] = []
    try:
        for share in shares[mine:]:
            children.append((share, _Child(fn, [items[i] for i in share])))
        results: list[Any] = [None] * len(items)
        if beside is not None:
            beside()
        else:
            for i in shares[0]:
                results[i] = fn(items[i])
        for share, child in children:
            got = child.collect()
            if got is None or len(got) != len(share):
                got = [fn(items[i]) for i in share]
            for i, value in zip(share, got):
                results[i] = value
        return results
    finally:
        for _, child in children:
            child.end()
