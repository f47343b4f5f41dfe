"""Noting the children a test's code forks: `os.fork` wrapped so that each child's pid is kept."""

from __future__ import annotations

import os

import pytest


def record_forks(monkeypatch: pytest.MonkeyPatch, into: list[int]) -> None:
    """From now on in this test, every `os.fork` appends the child's pid to `into` (which is emptied)."""
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            into.append(pid)
        return pid

    into.clear()
    monkeypatch.setattr(os, "fork", fork)
