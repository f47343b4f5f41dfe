"""Start a throw-away Virtuoso on loopback for the remote-endpoint tests, with its own config and
database folder; stop it afterwards. The starter lives in the package, where the benchmark uses it too.
Needs the Debian package virtuoso-opensource (make test installs it)."""

from __future__ import annotations

from mfkg.bench.virtuoso import SYSTEM_INI, Virtuoso, free_port, start

__all__ = ["SYSTEM_INI", "Virtuoso", "free_port", "start"]
