"""The endpoint is safe by default and stops cleanly: SERVICE refused (and nothing reaches a loopback
listener) unless the operator allows the endpoint, loopback by default, and SIGTERM or Ctrl-C ends
the server and every process it started, with the request in flight answered."""

from __future__ import annotations

import os
import signal
import socket
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import psutil
import pytest

from conftest import ROOT
from mfkg.serve import is_loopback
from mfkg.serve.guard import Limits, Refused, check_query

sys.path.insert(0, str(ROOT / "tests" / "support"))
from endpoint import fixture_build, get, post, query_url, start
from virtuoso import free_port

SLOW = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?t ?h "
        "FILTER(STRLEN(CONCAT(STR(?b), STR(?d), STR(?f), STR(?h))) > 0) }")


class Listener:
    """A loopback TCP listener that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.seen: list[bytes] = []
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(1)
            try:
                self.seen.append(conn.recv(65536) or b"(connected)")
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: 56\r\n\r\n"
                             b'{"head":{"vars":["x"]},"results":{"bindings":[{}]}}    ')
            except OSError:
                self.seen.append(b"(connected)")
            conn.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join(2)
        self.sock.close()


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_build(tmp_path_factory.mktemp("safety") / "build")


def _service_queries(port: int) -> list[str]:
    url = f"http://127.0.0.1:{port}/internal-admin"
    return [f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
            f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
            f"PREFIX x: <http://127.0.0.1:{port}/>\nSELECT * WHERE {{ SERVICE x:internal-admin {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ ?s ?p ?o . FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}"]


def test_service_is_refused_and_nothing_reaches_the_listener(build: Path) -> None:
    listener = Listener()
    server = start(build, free_port(), "--workers", "1")
    try:
        for q in _service_queries(listener.port):
            for send in (lambda: post(f"{server.url}/sparql", q.encode(), "application/sparql-query"),
                         lambda: get(query_url(server.url, q))):
                status, _, body = send()
                assert status == 403 and b"SERVICE" in body and b"--allow-service" in body, (q, body)
        # an endpoint page, an entity, the workbench: nothing else calls out either
        for path in ("/", "/model/scgpt", "/void", "/sparql"):
            get(server.url + path)
        time.sleep(0.5)
        assert listener.seen == []
    finally:
        server.stop()
        listener.close()


def test_allowed_service_is_the_only_one_called(build: Path) -> None:
    listener, other = Listener(), Listener()
    allowed = f"http://127.0.0.1:{listener.port}/sparql"
    server = start(build, free_port(), "--workers", "1", "--allow-service", allowed)
    try:
        status, _, body = post(f"{server.url}/sparql", f"SELECT * WHERE {{ SERVICE <{allowed}> {{ ?x ?y ?z }} }}".encode(),
                               "application/sparql-query")
        assert listener.seen, body     # the allowed endpoint was asked
        status, _, body = post(f"{server.url}/sparql", _service_queries(other.port)[0].encode(), "application/sparql-query")
        assert status == 403 and other.seen == []
    finally:
        server.stop()
        listener.close()
        other.close()


def test_guard_rules() -> None:
    limits = Limits(max_query_chars=200, allow_service=("http://ok.example/sparql",))
    check_query('SELECT * WHERE { ?s ?p "SERVICE <http://x>" } # SERVICE in a comment', limits)
    check_query("SELECT * WHERE { ?service <urn:SERVICE> ?x . ?x <urn:p> ?SERVICE }", limits)
    check_query("SELECT * WHERE { SERVICE <http://ok.example/sparql> { ?s ?p ?o } }", limits)
    for bad, status in [("SELECT * WHERE { SERVICE <http://no.example/> { ?s ?p ?o } }", 403),
                        ("SELECT * WHERE { ?s ?p ?o } " + "#" * 300, 413), ("DROP ALL", 403), ("   ", 400)]:
        with pytest.raises(Refused) as exc:
            check_query(bad, limits)
        assert exc.value.status == status


def test_loopback_by_default_and_warning_otherwise() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")


def _tree(pid: int) -> list[int]:
    return [pid, *(c.pid for c in psutil.Process(pid).children(recursive=True))]


@pytest.mark.parametrize("how", ["SIGTERM", "Ctrl-C"])
def test_stops_cleanly_with_the_request_in_flight_answered(build: Path, how: str) -> None:
    server = start(build, free_port(), "--workers", "2", "--timeout", "3")
    pids = _tree(server.proc.pid)
    assert len(pids) >= 3, pids      # the supervisor and its two workers
    answers: list[object] = []

    def slow() -> None:
        try:
            answers.append(post(f"{server.url}/sparql", SLOW.encode(), "application/sparql-query")[0])
        except OSError as exc:
            answers.append(exc)

    t = threading.Thread(target=slow)
    t.start()
    time.sleep(1.0)    # the query is running
    if how == "SIGTERM":
        server.proc.send_signal(signal.SIGTERM)
    else:              # a terminal sends SIGINT to the whole foreground process group
        os.killpg(server.proc.pid, signal.SIGINT)
    t.join(30)
    assert answers and answers[0] in (200, 503), answers     # answered, not reset
    server.proc.wait(30)
    deadline = time.time() + 15
    while time.time() < deadline and any(psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE
                                         for p in pids):
        time.sleep(0.2)
    left = [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]
    assert left == [], f"processes left running after {how}: {left}"
    url = urllib.parse.urlsplit(server.url)
    with pytest.raises(OSError):
        socket.create_connection((url.hostname, url.port), timeout=2).close()
