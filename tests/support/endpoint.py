"""Start `mfkg serve` as a real process on the small fixture data, and talk to it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def fixture_build(out: Path, data: Path | None = None) -> Path:
    """The fixture data built without the reasoner (no Java; about two seconds)."""
    from mfkg.pipeline import run_pipeline
    from mfkg.project import BuildFolder

    run_pipeline(BuildFolder(out), data_dir=data or ROOT / "tests" / "fixtures" / "data", validate=False, reason=False)
    return out


@dataclass
class Server:
    proc: subprocess.Popen[str]
    url: str

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait()


def start(build: Path, port: int, *args: str) -> Server:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen([sys.executable, "-m", "mfkg", "serve", "--build-dir", str(build), "--port", str(port), *args],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"mfkg serve exited: {proc.stderr.read() if proc.stderr else ''}")
        try:
            with urllib.request.urlopen(url + "/sparql?query=ASK%7B%7D", timeout=2) as r:
                if r.status == 200:
                    return Server(proc, url)
        except (OSError, urllib.error.URLError):
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("mfkg serve did not answer within 60 s")


def get(url: str, accept: str = "") -> tuple[int, Any, bytes]:
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def post(url: str, body: bytes, ctype: str, accept: str = "") -> tuple[int, Any, bytes]:
    headers = {"Content-Type": ctype, **({"Accept": accept} if accept else {})}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers), timeout=60) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def query_url(base: str, query: str) -> str:
    return f"{base}/sparql?{urllib.parse.urlencode({'query': query})}"
