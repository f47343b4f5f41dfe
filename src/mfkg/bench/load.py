"""Load test of the SPARQL endpoint beside `oxigraph serve-read-only` on the same store and query mix:
requests per second and latencies at 1, 8, 32 and 64 concurrent clients, failed requests counted.

Bounded (a fixed time per level and a request cap) and loopback only: both servers listen on
127.0.0.1 on free ports and are stopped at the end. Printed and written as JSON; never asserted.
Run alone with `python -m mfkg.bench.load BUILD_DIR [SECONDS]`.
"""

from __future__ import annotations

import http.client
import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

from mfkg.project import BuildFolder

MIX = ("catalog", "models-by-pattern", "clip-protein-anchor", "catalog-by-family")
SCENARIOS = {"catalog": ("catalog",), "mix": MIX}   # the catalog question alone, then a mix of four
LEVELS = (1, 8, 32, 64)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(port: int, proc: subprocess.Popen[bytes], limit: float = 60.0) -> None:
    deadline = time.time() + limit
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/sparql?query=" + urllib.parse.quote("ASK {}"))
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no server on port {port} after {limit:g} s")


def _bodies(names: tuple[str, ...]) -> list[bytes]:
    from mfkg.query.saved import SavedQueries
    from mfkg.query.store import RemoteStore

    cat = SavedQueries.load()
    out = []
    for n in names:
        q = cat.get(n)
        text = RemoteStore.with_values(q.text, q.bindings({})) if q.params else q.text
        out.append(urllib.parse.urlencode({"query": text}).encode())
    return out


def load_level(port: int, bodies: list[bytes], clients: int, seconds: float, max_requests: int = 20_000) -> dict[str, Any]:
    """`clients` threads with keep-alive connections POST the mix in turn for `seconds`."""
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        i = k
        while time.perf_counter() < stop_at and len(latencies) < max_requests:
            body = bodies[i % len(bodies)]
            i += 1
            t0 = time.perf_counter()
            try:
                conn.request("POST", "/sparql", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                       "Accept": "application/sparql-results+json"})
                r = conn.getresponse()
                r.read()
                ok = r.status == 200
                err = f"HTTP {r.status}"
            except (OSError, http.client.HTTPException) as exc:
                ok, err = False, type(exc).__name__
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            with lock:
                (latencies.append(time.perf_counter() - t0) if ok else failures.append(err))
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return {"clients": clients, "latencies": latencies, "failed": len(failures), "errors": sorted(set(failures))[:5],
            "elapsed": elapsed}


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    lat = sorted(x for p in parts for x in p["latencies"])
    elapsed = sum(p["elapsed"] for p in parts)
    pct = (lambda q: round(lat[min(len(lat) - 1, int(q * len(lat)))] * 1000, 1)) if lat else (lambda q: None)
    return {"requests": len(lat), "failed": sum(p["failed"] for p in parts),
            "errors": sorted({e for p in parts for e in p["errors"]})[:5],
            "req_per_s": round(len(lat) / elapsed, 1) if elapsed else 0.0, "p50_ms": pct(0.5), "p95_ms": pct(0.95)}


def bench_endpoint(build_dir: Path, seconds: float = 6.0, levels: tuple[int, ...] = LEVELS, rounds: int = 3,
                   log: Any = print) -> dict[str, Any]:
    from mfkg.query.store import open_store

    open_store(build_dir)
    store_dir = BuildFolder(Path(build_dir)).store / "oxigraph"
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    ports = {"oxigraph serve-read-only": free_port(), "mfkg serve": free_port(), "mfkg serve --cache-mb 0": free_port()}
    mfkg = [sys.executable, "-m", "mfkg", "serve", "--build-dir", str(build_dir), "--timeout", "30"]
    servers = {
        "oxigraph serve-read-only": subprocess.Popen(
            [oxigraph, "serve-read-only", "--location", str(store_dir), "--bind",
             f"127.0.0.1:{ports['oxigraph serve-read-only']}", "--union-default-graph", "--timeout-s", "30"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        "mfkg serve": subprocess.Popen([*mfkg, "--port", str(ports["mfkg serve"])],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        "mfkg serve --cache-mb 0": subprocess.Popen([*mfkg, "--cache-mb", "0", "--port", str(ports["mfkg serve --cache-mb 0"])],
                                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    }
    report: dict[str, Any] = {"scenarios": {k: list(v) for k, v in SCENARIOS.items()}, "seconds_per_level": seconds}
    try:
        for name, proc in servers.items():
            _wait(ports[name], proc)
        for scenario, names in SCENARIOS.items():
            bodies = _bodies(names)
            report[scenario] = {}
            for clients in levels:
                parts: dict[str, list[dict[str, Any]]] = {name: [] for name in servers}
                for _ in range(rounds):      # side by side in one run: short turns, so load drift hits all alike
                    for name in servers:
                        parts[name].append(load_level(ports[name], bodies, clients, seconds / rounds))
                row: dict[str, Any] = {name: _merge(p) for name, p in parts.items()}
                for name in servers:
                    log(f"  {scenario:<8} {clients:>2} clients  {name:<26} {row[name]['req_per_s']:>7} req/s  "
                        f"p50 {row[name]['p50_ms']} ms  p95 {row[name]['p95_ms']} ms  failed {row[name]['failed']}")
                base = row["oxigraph serve-read-only"]["req_per_s"] or 1
                row["ratio"] = round(row["mfkg serve"]["req_per_s"] / base, 2)
                row["ratio_no_cache"] = round(row["mfkg serve --cache-mb 0"]["req_per_s"] / base, 2)
                report[scenario][str(clients)] = row
    finally:
        for proc in servers.values():
            _stop(proc)
    return report


if __name__ == "__main__":
    args = sys.argv[1:]
    out = bench_endpoint(Path(args[0] if args else "build"), float(args[1]) if len(args) > 1 else 5.0)
    print(json.dumps(out, indent=1))
