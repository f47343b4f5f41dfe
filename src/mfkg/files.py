"""Writing files so that readers never see half of one (a temporary file beside the target, then a
rename), and one writer at a time per build folder (a lock the kernel releases when its holder dies)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mfkg.errors import MfkgError


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: readers never see half a file."""
    path = Path(path)
    if path.is_dir():
        raise MfkgError(f"{path} is a folder; give a file name for the output, e.g. {path / 'mfkg.ttl'}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise MfkgError(f"cannot write {path} ({exc.strerror}); choose another output path") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)   # mkstemp creates 0600; give the file the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _remove_orphans(path)


def _remove_orphans(path: Path) -> None:
    """Remove the temporary files of writers of `path` that were killed before their rename (their
    names carry the writer's process id; a live writer's file is left alone)."""
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        pid = tmp.name[len(path.name) + 2:].split(".", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except OSError:   # alive under another user, or not ours to judge
            continue


@contextmanager
def folder_lock(lock_file: Path, what: str, *, wait: float = 600.0) -> Iterator[None]:
    """Hold an exclusive lock on `lock_file` while writing into its folder: a second writer waits
    (up to `wait` seconds, then one sentence). The kernel drops the lock when a process dies, so a
    killed build never leaves a stale lock behind."""
    import fcntl
    import time

    lock_file = Path(lock_file)
    try:
        lock_file.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise MfkgError(f"cannot lock {lock_file} ({exc.strerror}); check that the build folder is writable") from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise MfkgError(f"another mfkg process has been writing into {lock_file.parent} for more than "
                                    f"{wait:g} s ({what} waited); wait for it to finish or stop it") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)   # closing releases the lock
