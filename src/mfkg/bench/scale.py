"""The scale series: every saved question (SELECT and CONSTRUCT) on the curated graph merged with a seeded synthetic
graph of the same shape, on Oxigraph (raw pyoxigraph and mfkg's store over it) and on Virtuoso.

Each engine runs in a child process (`python -m mfkg.bench scale|virtuoso ARGS`) that writes what it
finished to a progress file, so a question that outlasts the budget is named and the rest are kept.
A question runs until it has `repeat` runs or its time budget is spent (at least once), and is stopped
at `limit_s` (Oxigraph: its process is ended; Virtuoso: its own MaxQueryExecutionTime and a hard deadline
on the request). The series as a whole has a time budget (`total_s`), split between the sizes and engines
in proportion to the size; a part that outlasts its share is stopped and names what it did not measure.
Defaults of entity parameters are resolved against the curated build (they name curated entities): the
name index over a merged graph of millions of labels is a cost of its own, not the question's."""

from __future__ import annotations

import json
import resource
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mfkg.bench.timing import timed_within
from mfkg.project import BuildFolder


def curated_lines(build_dir: Path) -> int:
    """About the curated graph's triples (canonical Turtle writes one triple per line)."""
    f = BuildFolder(build_dir)
    return sum(sum(1 for _ in open(p, encoding="utf-8")) for p in (f.graph, f.inferred) if p.exists())


def _select_names(names: list[str] | None) -> list[str]:
    from mfkg.query.saved import SavedQueries

    return names or sorted(SavedQueries.load().queries)


class _Progress:
    def __init__(self, path: str | None, head: dict[str, Any]):
        self.path = Path(path) if path else None
        self.data = {**head, "queries": {}}

    def at(self, name: str | None) -> None:
        self.data["running"] = name
        self.save()

    def save(self) -> None:
        if self.path:
            self.path.write_text(json.dumps(self.data), encoding="utf-8")


def _open(args: dict[str, Any], store_dir: Path) -> Any:
    from mfkg.query.store import EmbeddedStore, default_sources

    return EmbeddedStore(store_dir, default_sources(Path(args["build_dir"]), [Path(args["synthetic"])]))


def _one_question(args: dict[str, Any], store_dir: Path, name: str, conn: Any) -> None:
    """In its own process (so a question over the limit can be stopped): the raw engine (run and read
    every value) and mfkg's store (terms converted, parameters dropped), each within the budget."""
    import pyoxigraph as ox

    from mfkg.query.saved import SavedQueries, drop_columns, make_resolver, needs_resolver
    from mfkg.query.store import _to_ox, open_store

    store = _open(args, store_dir)
    raw = store._store
    q = SavedQueries.load().get(name)
    try:
        bindings = q.bindings({}, make_resolver(open_store(Path(args["build_dir"]))) if needs_resolver(q) else None)
    except Exception as exc:   # a default names an entity this data lacks
        conn.send({"error": f"{type(exc).__name__}: {exc}"[:200]})
        return
    subs = {ox.Variable(k): _to_ox(v) for k, v in bindings.items()}
    params = [p.name for p in q.params]

    def raw_run() -> int:
        res = raw.query(q.text, substitutions=subs, use_default_graph_as_union=True)
        if q.form != "SELECT":   # CONSTRUCT: every triple read
            return len([(t.subject, t.predicate, t.object) for t in res])
        n = len(res.variables)
        return len([[sol[i] for i in range(n)] for sol in res])

    def mfkg_run() -> int:
        if q.form != "SELECT":
            return len(store.construct(q.text, bindings))
        return len(drop_columns(store.select(q.text, bindings), params).rows)

    repeat, budget = int(args["repeat"]), float(args["budget_s"])
    stats = timed_within(raw_run, repeat, budget)
    stats["rows"] = stats.pop("result")
    if not args.get("mfkg_ratio", True):   # measured at the smallest size only, to keep the series in its budget
        conn.send(stats)
        return
    if stats["median_ms"] > budget * 1000:   # the ratio is for questions the engine answers quickly
        stats["mfkg_note"] = f"mfkg's store not timed: the raw engine alone took over the {budget:g} s budget"
        conn.send(stats)
        return
    conn.send({**stats, "partial": True})     # kept if mfkg's run is stopped at the limit
    mine = timed_within(mfkg_run, repeat, budget)
    stats["mfkg_ms"] = mine["median_ms"]
    stats["mfkg_over_raw"] = round(mine["median_ms"] / max(stats["median_ms"], 1e-6), 2)
    conn.send(stats)


def worker_oxigraph(args: dict[str, Any]) -> dict[str, Any]:
    """Child: mfkg's store over the build plus the synthetic file (as `mfkg merge` would add it), then
    each question in a process of its own, stopped at `limit_s`."""
    import multiprocessing

    limit = float(args.get("limit_s", 60))
    tmp = Path(tempfile.mkdtemp(prefix="mfkg-scale-", dir=args.get("workdir")))
    try:
        t = time.perf_counter()
        store = _open(args, tmp / "store")
        load_ms = (time.perf_counter() - t) * 1000
        disk = sum(f.stat().st_size for f in (tmp / "store").rglob("*") if f.is_file())
        progress = _Progress(args.get("progress"), {"triples": len(store._store), "load_ms": round(load_ms, 1),
                                                    "disk_bytes": disk, "limit_s": limit})
        del store
        ctx = multiprocessing.get_context("spawn")
        for name in _select_names(args.get("queries")):
            progress.at(name)
            mine, theirs = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_one_question, args=(args, tmp / "store", name, theirs))
            proc.start()
            result: dict[str, Any] = {"error": f"did not finish in {limit:g} s", "over_limit": True}
            deadline = time.perf_counter() + limit + 5   # the child's start-up is not the question's time
            while time.perf_counter() < deadline and mine.poll(max(0.0, deadline - time.perf_counter())):
                result = mine.recv()
                if not result.get("partial"):
                    break
            if proc.is_alive():
                proc.terminate()
            proc.join()
            if result.pop("partial", None):
                result["mfkg_note"] = f"mfkg's store did not finish within the {limit:g} s limit"
            progress.data["queries"][name] = result
            progress.save()
        progress.at(None)
        out = progress.data
        out["max_rss_mb"] = round(max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                                      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024, 1)
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _past_deadline(signum: int, frame: Any) -> None:
    raise TimeoutError("no complete answer within the question's limit")


def worker_virtuoso(args: dict[str, Any]) -> dict[str, Any]:
    """Child: a throw-away Virtuoso, bulk-loaded with the same files, asked the same questions over HTTP."""
    import http.client
    import urllib.parse

    from mfkg.bench.virtuoso import start
    from mfkg.query.saved import SavedQueries
    from mfkg.query.store import RemoteStore

    repeat, budget = int(args["repeat"]), float(args["budget_s"])
    limit = int(args.get("limit_s", 60))
    tmp = Path(tempfile.mkdtemp(prefix="mfkg-virtuoso-", dir=args.get("workdir")))
    folder = BuildFolder(Path(args["build_dir"]))
    settings = {"buffers": int(args.get("buffers", 170_000)), "max_rows": 10_000_000, "max_seconds": limit}
    server = start(tmp, **settings)
    try:
        files = tmp / "load"
        files.mkdir()
        for i, src in enumerate((folder.graph, folder.inferred, Path(args["synthetic"]))):
            if src.exists():
                (files / f"{i}{src.suffix}").symlink_to(src.resolve())
        t = time.perf_counter()
        server.isql(f"ld_dir('{files}', '*', 'urn:mfkg:bench'); rdf_loader_run(); checkpoint;")
        load_ms = (time.perf_counter() - t) * 1000
        progress = _Progress(args.get("progress"), {"load_ms": round(load_ms, 1)})
        conn = http.client.HTTPConnection("127.0.0.1", server.http_port, timeout=limit + 10)
        cat = SavedQueries.load()
        for name in _select_names(args.get("queries")):
            progress.at(name)
            q = cat.get(name)
            try:
                text = RemoteStore.with_values(q.text, q.bindings({})) if q.params else q.text
            except Exception as exc:
                progress.data["queries"][name] = {"error": f"{type(exc).__name__}: {exc}"[:200]}
                continue
            body = urllib.parse.urlencode({"query": text}).encode()
            select = q.form == "SELECT"
            accept = "application/sparql-results+json" if select else "application/n-triples"

            def run(body: bytes = body, select: bool = select, accept: str = accept) -> int:
                # a hard deadline per request: the socket timeout alone restarts with every byte received
                signal.signal(signal.SIGALRM, _past_deadline)
                signal.alarm(limit + 10)
                try:
                    conn.request("POST", "/sparql", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                           "Accept": accept})
                    r = conn.getresponse()
                    data = r.read()
                finally:
                    signal.alarm(0)
                if r.status != 200:
                    raise RuntimeError(f"HTTP {r.status}: {data[:200].decode('utf-8', 'replace').strip()}")
                if r.getheader("X-SQL-State") == "S1TAT":   # Virtuoso's "anytime" answer: partial, cut at the limit
                    raise RuntimeError(f"did not finish in {limit} s (Virtuoso returned a partial answer)")
                if not select:   # CONSTRUCT as N-Triples: one triple a line
                    return sum(1 for line in data.splitlines() if line.strip() and not line.startswith(b"#"))
                return len(json.loads(data)["results"]["bindings"])

            try:
                stats = timed_within(run, repeat, budget)
            except (RuntimeError, OSError, http.client.HTTPException, ValueError) as exc:
                conn.close()
                progress.data["queries"][name] = {"error": str(exc)[:200], "over_limit": isinstance(exc, TimeoutError)}
                progress.save()
                if isinstance(exc, TimeoutError):   # the server still works on it and would stall every later
                    server.stop()                     # question: restart it on the same (checkpointed) database
                    server = start(tmp, **settings)
                    conn = http.client.HTTPConnection("127.0.0.1", server.http_port, timeout=limit + 10)
                continue
            stats["rows"] = stats.pop("result")
            progress.data["queries"][name] = stats
            progress.save()
        progress.at(None)
        return progress.data
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def budget_split(sizes: list[int], total_s: float, virtuoso: bool) -> dict[str, dict[str, float]]:
    """The series' time budget per size and engine, in proportion to the size (loading and scanning grow
    with it); Virtuoso gets the same share as Oxigraph at each size."""
    engines = ("oxigraph", "virtuoso") if virtuoso else ("oxigraph",)
    whole = sum(sizes) * len(engines) or 1
    return {str(size): {e: round(total_s * size / whole, 1) for e in engines} for size in sizes}


def bench_scale(build_dir: Path, sizes: list[int], repeat: int, budget_s: float, child: Callable[..., dict[str, Any]],
                *, limit_s: float = 60, virtuoso: bool = True, rdflib_at: int | None = None, rdflib_queries: tuple[str, ...] = (),
                total_s: float | None = None, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Per size: generate the synthetic part once, then Oxigraph, Virtuoso and (at one size) rdflib on it,
    each stopped at its share of `total_s` (None: no budget but one limit per question); mfkg's store
    beside raw pyoxigraph at the smallest size only."""
    from mfkg.bench.synthetic import generate

    out: dict[str, Any] = {}
    base = curated_lines(build_dir)
    unbounded = 900 + len(_select_names(None)) * (limit_s + 10)
    split = budget_split(sizes, total_s, virtuoso) if total_s else None
    if split:
        log("scale series budget: " + "; ".join(f"{_short(k)}: " + ", ".join(f"{e} {v:.0f} s" for e, v in x.items())
                                                for k, x in split.items()) + f" (of {total_s:.0f} s)")
    for size in sizes:
        tmp = Path(tempfile.mkdtemp(prefix="mfkg-synthetic-"))
        share = split[str(size)] if split else {}
        try:
            synthetic = tmp / "synthetic.nt"
            n = generate(synthetic, max(size - base, 1000))
            common = {"build_dir": str(build_dir), "synthetic": str(synthetic), "repeat": repeat, "budget_s": budget_s,
                      "limit_s": limit_s, "workdir": str(tmp)}   # removed below even when a child is stopped
            log(f"scale series: {size:,} triples on Oxigraph …")
            res = child("scale", {**common, "progress": str(tmp / "ox.json"), "mfkg_ratio": size == min(sizes)},
                        share.get("oxigraph", unbounded))
            res.update({"requested": size, "synthetic_triples": n})
            if share:
                res["budget_s"] = share
            if virtuoso:
                log(f"scale series: {size:,} triples on Virtuoso …")
                res["virtuoso"] = child("virtuoso", {**common, "progress": str(tmp / "vt.json")}, share.get("virtuoso", unbounded))
                _ratios(res)
            if rdflib_at == size:
                log(f"rdflib at {size:,} triples …")
                res["rdflib"] = child("rdflib", {"synthetic": str(synthetic), "build_dir": str(build_dir),
                                                 "queries": list(rdflib_queries), "progress": str(tmp / "rdflib.json")}, 240)
            out[str(size)] = res
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return out


def _short(size: str | int) -> str:
    n = int(size)
    return f"{n / 1e6:g}M" if n >= 1_000_000 else f"{n / 1e3:g}k" if n >= 1000 else str(n)


def _ratios(res: dict[str, Any]) -> None:
    vq = res.get("virtuoso", {}).get("queries", {})
    for name, s in res.get("queries", {}).items():
        v = vq.get(name, {})
        if "median_ms" in s and "median_ms" in v:
            s["virtuoso_ms"] = v["median_ms"]
            s["oxigraph_over_virtuoso"] = round(s["median_ms"] / max(v["median_ms"], 1e-6), 2)
