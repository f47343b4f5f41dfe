"""A throw-away Virtuoso on loopback (its own config and database folder), for the remote-endpoint
tests and the benchmark's Virtuoso series; stopped afterwards. Needs the Debian package
virtuoso-opensource (`make test` and `make bench` install it)."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SYSTEM_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Virtuoso:
    folder: Path
    http_port: int
    sql_port: int
    process: subprocess.Popen[bytes]

    @property
    def sparql(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def graph_crud(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql-graph-crud-auth"

    def isql(self, statements: str, timeout: float = 1800) -> str:
        """Run SQL statements through isql (the bulk loader is reached this way)."""
        binary = shutil.which("isql-vt") or shutil.which("isql") or "isql-vt"
        proc = subprocess.run([binary, f"127.0.0.1:{self.sql_port}", "dba", "dba", f"exec={statements}"],
                              capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0 or "*** Error" in proc.stdout + proc.stderr:
            raise RuntimeError(f"isql failed: {(proc.stdout + proc.stderr).strip()[-500:]}")
        return proc.stdout

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def configure(ini: str, folder: Path, http_port: int, sql_port: int, *, buffers: int | None = None,
              max_rows: int | None = None, max_seconds: int | None = None) -> str:
    ini = re.sub(r"/var/lib/virtuoso-opensource-7/db/", str(folder) + "/", ini)
    ini = re.sub(r"(?m)^ServerPort\s*=\s*1111", f"ServerPort = 127.0.0.1:{sql_port}", ini)
    ini = re.sub(r"(?m)^ServerPort\s*=\s*8890", f"ServerPort = 127.0.0.1:{http_port}", ini)
    ini = re.sub(r"(?m)^DirsAllowed\s*=.*$", f"DirsAllowed = ., {folder}, /usr/share/virtuoso-opensource-7/vad", ini)
    if buffers:   # 8 KiB pages; the packaged default (10,000) is for a small machine
        ini = re.sub(r"(?m)^NumberOfBuffers\s*=.*$", f"NumberOfBuffers = {buffers}", ini)
        ini = re.sub(r"(?m)^MaxDirtyBuffers\s*=.*$", f"MaxDirtyBuffers = {buffers * 3 // 4}", ini)
    if max_rows:
        ini = re.sub(r"(?m)^ResultSetMaxRows\s*=.*$", f"ResultSetMaxRows = {max_rows}", ini)
    if max_seconds:
        ini = re.sub(r"(?m)^MaxQueryExecutionTime\s*=[^;\n]*", f"MaxQueryExecutionTime = {max_seconds} ", ini)
    return ini


def start(folder: Path, timeout: float = 180.0, **settings: int) -> Virtuoso:
    binary = shutil.which("virtuoso-t")
    if not binary:
        raise RuntimeError("Virtuoso is missing: run 'make test' or 'make bench' (they install virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = configure(SYSTEM_INI.read_text(encoding="utf-8"), folder, http_port, sql_port, **settings)
    (folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
    proc = subprocess.Popen([binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    server = Virtuoso(folder, http_port, sql_port, proc)
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            log = (folder / "virtuoso.log").read_text(errors="replace")[-2000:] if (folder / "virtuoso.log").exists() else ""
            raise RuntimeError(f"Virtuoso exited at start-up:\n{log}")
        try:
            with urllib.request.urlopen(f"{server.sparql}?query=ASK%7B%7D", timeout=2) as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError("Virtuoso did not answer within the time limit")


# Virtuoso is given this many times Oxigraph's time on a question (at least VIRTUOSO_MIN_LIMIT_S, at most the
# question limit): past it the ratio is reported as a bound, not waited for. At 5M, on the questions it took
# over 5 s on, Virtuoso took at most 2.1x Oxigraph's time, and it spent 20 s on each of five it never answers there.
VIRTUOSO_FACTOR = 5.0
VIRTUOSO_MIN_LIMIT_S = 5.0


def virtuoso_limit(limit_s: float, oxigraph_ms: float | None) -> float:
    """Seconds Virtuoso is given on one question, from Oxigraph's median on it at the same size (None: not measured)."""
    if oxigraph_ms is None:
        return float(limit_s)
    return round(min(float(limit_s), max(VIRTUOSO_MIN_LIMIT_S, VIRTUOSO_FACTOR * oxigraph_ms / 1000)), 1)
