"""Work shared with forked children (`mfkg.forked`) gives exactly the answer of doing it in order, also when a
child fails or dies, leaves no child behind, and the data loader's records do not depend on it."""

from __future__ import annotations

import os
import shutil
import sys
import threading
from pathlib import Path

import pytest

from mfkg import forked
from support.forks import record_forks

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forking is used on Linux only")

DATA = Path(__file__).resolve().parents[1] / "data"


FORKED: list[int] = []


@pytest.fixture
def two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two processes whatever the machine, and every child's pid noted in FORKED."""
    monkeypatch.setattr(forked, "workers", lambda: 2)
    record_forks(monkeypatch, FORKED)


def _no_child_left() -> bool:
    """Every child forked in this test has ended and been reaped (no zombie, nothing running)."""
    assert FORKED, "nothing was forked"
    for pid in FORKED:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return True


def _square_with_pid(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def test_shared_work_gives_the_ordered_answer_and_uses_a_child(two_workers: None) -> None:
    got = forked.forked_map(_square_with_pid, list(range(100)))
    assert [value for value, _ in got] == [x * x for x in range(100)]
    assert {pid for _, pid in got} - {os.getpid()}, "no item was computed in a child"
    assert _no_child_left()


def test_few_items_are_not_worth_a_fork(two_workers: None) -> None:
    got = forked.forked_map(_square_with_pid, list(range(10)))
    assert {pid for _, pid in got} == {os.getpid()} and not FORKED


def test_an_error_in_a_childs_share_is_raised_here(two_workers: None) -> None:
    def fn(x: int) -> int:
        if x == 0:   # in the child's first run
            raise ValueError(f"bad item {x} in {os.getpid()}")
        return x

    with pytest.raises(ValueError, match=f"bad item 0 in {os.getpid()}$"):
        forked.forked_map(fn, list(range(100)))
    assert _no_child_left()


@pytest.mark.parametrize("with_work_beside", [False, True])
def test_a_child_that_dies_is_replaced_by_this_process(two_workers: None, with_work_beside: bool) -> None:
    parent = os.getpid()

    def fn(x: int) -> int:
        if os.getpid() != parent:
            os._exit(3)
        return x + 1

    ran: list[bool] = []
    beside = (lambda: ran.append(True)) if with_work_beside else None
    assert forked.forked_map(fn, list(range(100)), beside=beside) == [x + 1 for x in range(100)]
    assert ran == ([True] if with_work_beside else []) and _no_child_left()


def test_an_answer_that_cannot_be_pickled_is_computed_here(two_workers: None) -> None:
    parent = os.getpid()

    def fn(x: int) -> object:
        return (lambda: x) if os.getpid() != parent else x

    assert forked.forked_map(fn, list(range(100))) == list(range(100))
    assert _no_child_left()


def test_an_error_here_kills_the_children(two_workers: None) -> None:
    parent = os.getpid()

    def fn(x: int) -> int:
        if os.getpid() == parent and x == 50:
            raise KeyError(x)
        if os.getpid() != parent:
            threading.Event().wait(60)   # would hold the test for a minute if it were waited for
        return x

    with pytest.raises(KeyError):
        forked.forked_map(fn, list(range(100)))
    assert _no_child_left()


def test_work_beside_runs_here_while_the_children_take_the_items(two_workers: None) -> None:
    ran: list[int] = []

    def beside() -> None:   # long enough for the child to take every run before this process is free
        ran.append(os.getpid())
        threading.Event().wait(1.0)

    got = forked.forked_map(_square_with_pid, list(range(100)), beside=beside)
    assert ran == [os.getpid()]
    assert [value for value, _ in got] == [x * x for x in range(100)]
    assert os.getpid() not in {pid for _, pid in got}, "this process took items while busy with the work beside"
    assert _no_child_left()


def test_the_runs_left_are_taken_by_whichever_process_is_free(two_workers: None) -> None:
    """A slow child does not hold the work up: this process, done with the work beside, takes the runs the
    child has not taken yet, and the child still answers its own."""
    parent = os.getpid()

    def fn(x: int) -> tuple[int, int]:
        if os.getpid() != parent:
            threading.Event().wait(0.02)
        return _square_with_pid(x)

    got = forked.forked_map(fn, list(range(200)), beside=lambda: None)
    assert [value for value, _ in got] == [x * x for x in range(200)]
    pids = [pid for _, pid in got]
    assert parent in pids and set(pids) - {parent}, "both processes should have answered some items"
    assert pids.count(parent) > len(pids) // 2, "the fast process should have taken most of the runs"
    assert _no_child_left()


def test_an_error_in_the_work_beside_is_raised_and_kills_the_children(two_workers: None) -> None:
    def fn(x: int) -> int:
        threading.Event().wait(60)   # in the children only: would hold the test if it were waited for
        return x

    def beside() -> None:
        raise KeyError("beside")

    with pytest.raises(KeyError, match="beside"):
        forked.forked_map(fn, list(range(100)), beside=beside)
    assert _no_child_left()


def test_without_children_the_work_beside_runs_first_then_the_items(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MFKG_WORKERS", "1")
    order: list[object] = []
    got = forked.forked_map(lambda x: order.append(x) or x, list(range(100)), beside=lambda: order.append("beside"))
    assert got == list(range(100)) and order == ["beside", *range(100)]


def test_no_fork_beside_other_threads_or_when_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert forked.workers() == 1
    monkeypatch.undo()
    monkeypatch.setenv("MFKG_WORKERS", "1")
    assert forked.workers() == 1


def _catalogue(monkeypatch: pytest.MonkeyPatch, data: Path, workers: int) -> tuple:
    from mfkg.curation.load import load_catalog

    monkeypatch.setattr(forked, "workers", lambda: workers)
    catalog, problems = load_catalog(data)
    items = [(kind, [(x.id, x.doc.file, x.path, x.line("id"), x.record.model_dump(mode="json")) for x in loaded])
             for kind, loaded in sorted(catalog.items.items())]
    return items, sorted(catalog.broken.items()), [repr(p) for p in problems]


def test_the_loader_reads_the_same_records_on_one_core_or_two(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _catalogue(monkeypatch, DATA, 2) == _catalogue(monkeypatch, DATA, 1)


def test_the_loader_reports_the_same_problems_on_one_core_or_two(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    models = sorted((data / "models").glob("*.yaml"))
    models[1].write_text("id: [unclosed\n", encoding="utf-8")            # not YAML
    models[2].write_text(models[2].read_text(encoding="utf-8").replace("\nyear: ", "\nyear: soon # "),
                         encoding="utf-8")                                   # not a year
    one = _catalogue(monkeypatch, data, 1)
    assert len(one[2]) == 2 and any("models/" + models[1].name in p for p in one[2])
    assert _catalogue(monkeypatch, data, 2) == one


def test_no_more_children_than_runs(two_workers: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Four processes allowed and two items (a caller's lower minimum): two children, one run each."""
    monkeypatch.setattr(forked, "workers", lambda: 4)
    got = forked.forked_map(_square_with_pid, [3, 4], minimum=2)
    assert [value for value, _ in got] == [9, 16]
    assert len(FORKED) == 2 and {pid for _, pid in got} == set(FORKED)
    assert _no_child_left()
