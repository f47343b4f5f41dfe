"""The scale series: every saved question (SELECT and CONSTRUCT) on the curated graph merged with a seeded synthetic
graph of the same shape, on Oxigraph (raw pyoxigraph and mfkg's store over it) and on Virtuoso.

Each engine runs in a child process (`python -m mfkg.bench scale|virtuoso ARGS`) that writes what it
finished to a progress file, so a question that outlasts the budget is named and the rest are kept.
A question runs until it has `repeat` runs or its time budget is spent (at least once), and is stopped
at `limit_s` (Oxigraph: its process is ended; Virtuoso: its own MaxQueryExecutionTime and a hard deadline
on the request). The series as a whole has a time budget (`total_s`): each size and engine gets a share of
what is left by its weight (its size plus a fixed part for the per-question work), so a part that finishes
early leaves its time to the later ones; a part that outlasts its share is stopped and names what it did not
measure.
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

from mfkg.bench.budget import budget_split, part_weights
from mfkg.bench.timing import timed_within
from mfkg.bench.vs_rdflib import RDFLIB_QUERY_LIMIT_S, rdflib_limits
from mfkg.project import BuildFolder

SHAPES = ("copies", "skeleton")   # what the synthetic part is made of (see `bench_scale`)


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


def _questions(args: dict[str, Any], store_dir: Path, names: list[str], conn: Any) -> None:
    """In a process of its own (so a question over the limit can be stopped): the store opened once, then
    each question in turn, announced (`("begin", name)`) before it runs and answered with `("done", stats)`."""
    store = _open(args, store_dir)
    for name in names:
        conn.send(("begin", name))
        _one_question(args, store, name, lambda stats: conn.send(("done", stats)))


def _one_question(args: dict[str, Any], store: Any, name: str, send: Callable[[dict[str, Any]], None]) -> None:
    """The raw engine (run and read every value) and mfkg's store (terms converted, parameters dropped),
    each within the budget; what is finished is sent as it is (a partial answer first)."""
    import pyoxigraph as ox

    from mfkg.query.saved import SavedQueries, drop_columns, make_resolver, needs_resolver
    from mfkg.query.store import _to_ox, open_store

    raw = store._store
    q = SavedQueries.load().get(name)
    try:
        bindings = q.bindings({}, make_resolver(open_store(Path(args["build_dir"]))) if needs_resolver(q) else None)
    except Exception as exc:   # a default names an entity this data lacks
        send({"error": f"{type(exc).__name__}: {exc}"[:200]})
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
        send(stats)
        return
    if stats["median_ms"] > budget * 1000:   # the ratio is for questions the engine answers quickly
        stats["mfkg_note"] = f"mfkg's store not timed: the raw engine alone took over the {budget:g} s budget"
        send(stats)
        return
    send({**stats, "partial": True})     # kept if mfkg's run is stopped at the limit
    mine = timed_within(mfkg_run, repeat, budget)
    stats["mfkg_ms"] = mine["median_ms"]
    stats["mfkg_over_raw"] = round(mine["median_ms"] / max(stats["median_ms"], 1e-6), 2)
    send(stats)


def _collect(conn: Any, todo: list[str], limit: float, progress: _Progress) -> list[str]:
    """Read the answers of a `_questions` process into `progress` until it has answered every question
    in `todo` or one outlasts `limit` (that one is noted as over the limit); the questions left to ask."""
    left = list(todo)
    name: str | None = None
    result: dict[str, Any] = {}
    deadline = time.perf_counter() + 600   # opening the store: not a question's time
    while left:
        died = False
        try:
            ready = conn.poll(max(0.0, deadline - time.perf_counter()))
            kind, value = conn.recv() if ready else (None, None)
        except EOFError:   # the process ended without answering
            kind, value, died = None, None, True
        if kind == "begin":
            name, result = value, {}
            progress.at(name)
            deadline = time.perf_counter() + limit + 5
            continue
        if kind == "done" and value.get("partial"):
            result = value
            continue
        if name is None:   # no question started: the store could not be opened
            for n in left:
                progress.data["queries"][n] = {"error": "the question process did not start"}
            progress.save()
            return []
        if kind == "done":
            progress.data["queries"][name] = value
        elif result.pop("partial", None):
            result["mfkg_note"] = f"mfkg's store did not finish within the {limit:g} s limit"
            progress.data["queries"][name] = result
        elif died:
            progress.data["queries"][name] = {"error": "the question's process ended without an answer"}
        else:
            progress.data["queries"][name] = {"error": f"did not finish in {limit:g} s", "over_limit": True}
        progress.save()
        left.remove(name)
        if kind != "done":
            return left
        name = None
        deadline = time.perf_counter() + limit + 5
    return left


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
        todo = _select_names(args.get("queries"))
        while todo:   # one process answers the questions in turn; one that outlasts the limit ends it
            mine, theirs = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_questions, args=(args, tmp / "store", todo, theirs))
            proc.start()
            theirs.close()
            todo = _collect(mine, todo, limit, progress)
            if proc.is_alive():
                proc.terminate()
            proc.join()
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
    """Child: a throw-away Virtuoso, bulk-loaded with the same files, asked the same questions over HTTP; each
    question is given `virtuoso_limit` seconds through Virtuoso's own per-request timeout, which ends the
    request (not to the second: asked for 1 s, it answered after 2 s) without the server being restarted."""
    import http.client
    import urllib.parse

    from mfkg.bench.virtuoso import VIRTUOSO_FACTOR, start, virtuoso_limit
    from mfkg.query.remote import as_ntriples
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
        for i, src in enumerate((folder.graph, folder.inferred)):   # as `mfkg push` sends them (`as_ntriples`)
            if src.exists():
                (files / f"{i}.nt").write_bytes(as_ntriples(src))
        (files / "2.nt").symlink_to(Path(args["synthetic"]).resolve())
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
            given = virtuoso_limit(limit, (args.get("oxigraph_ms") or {}).get(name))
            params = {"query": text}
            if given < limit:
                params["timeout"] = str(int(given * 1000))   # Virtuoso's anytime limit, in milliseconds
            body = urllib.parse.urlencode(params).encode()
            select = q.form == "SELECT"
            accept = "application/sparql-results+json" if select else "application/n-triples"

            def run(body: bytes = body, select: bool = select, accept: str = accept) -> int:
                # a hard deadline per request: the socket timeout alone restarts with every byte received
                signal.signal(signal.SIGALRM, _past_deadline)
                signal.alarm(limit + 10)
                started = time.perf_counter()
                try:
                    conn.request("POST", "/sparql", body, {"Content-Type": "application/x-www-form-urlencoded",
                                                           "Accept": accept})
                    r = conn.getresponse()
                    data = r.read()
                finally:
                    signal.alarm(0)
                if r.status != 200 and given < limit and time.perf_counter() - started >= given:
                    # its own limit for this question (it answers 500 with a partial result and the query)
                    raise RuntimeError(f"did not finish in {given:g} s ({VIRTUOSO_FACTOR:g}x Oxigraph's time on it)")
                if r.status != 200:
                    raise RuntimeError(f"HTTP {r.status}: {data[:200].decode('utf-8', 'replace').strip()}")
                if r.getheader("X-SQL-State") == "S1TAT":   # Virtuoso's "anytime" answer: partial, cut at the limit
                    raise RuntimeError(f"did not finish in {given:g} s (Virtuoso returned a partial answer)")
                if not select:   # CONSTRUCT as N-Triples: one triple a line
                    return sum(1 for line in data.splitlines() if line.strip() and not line.startswith(b"#"))
                return len(json.loads(data)["results"]["bindings"])

            try:
                stats = timed_within(run, repeat, budget)
            except (RuntimeError, OSError, http.client.HTTPException, ValueError) as exc:
                conn.close()
                progress.data["queries"][name] = {"error": str(exc)[:200], "over_limit": isinstance(exc, TimeoutError),
                                                  "limit_s": given}
                progress.save()
                if isinstance(exc, TimeoutError):   # the server still works on it and would stall every later
                    server.stop()                     # question: restart it on the same (checkpointed) database
                    server = start(tmp, **settings)
                    conn = http.client.HTTPConnection("127.0.0.1", server.http_port, timeout=limit + 10)
                continue
            stats["rows"] = stats.pop("result")
            stats["limit_s"] = given
            progress.data["queries"][name] = stats
            progress.save()
        progress.at(None)
        return progress.data
    finally:
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def bench_scale(build_dir: Path, sizes: list[int], repeat: int, budget_s: float, child: Callable[..., dict[str, Any]],
                *, limit_s: float = 60, virtuoso: bool = True, rdflib_at: int | None = None, rdflib_queries: tuple[str, ...] = (),
                total_s: float | None = None, log: Callable[[str], None] = print, shape: str = "copies",
                clock: Callable[[], float] = time.perf_counter) -> dict[str, Any]:
    """Per size: generate the synthetic part once, then Oxigraph, Virtuoso and (at one size) rdflib on it.
    With `total_s`, each engine's part is stopped at its weight's share of the time left (`part_weights`;
    generating the data and rdflib's run are taken from the time left too), so the series stays within
    `total_s` and what a part leaves unused goes to the later ones; None: no budget but one limit per
    question. mfkg's store is timed beside raw pyoxigraph at the smallest size only. `shape`: the synthetic part
    is copies of the curated models with all the build says of them (`mfkg.bench.resample`, the curated shape), or
    "skeleton", the minimal generator measured before (`mfkg.bench.synthetic`: every model with a parameter and a
    cell count, nothing else a curated model has, so about six times the models per triple)."""
    from mfkg.bench.resample import resample
    from mfkg.bench.synthetic import generate

    if shape not in SHAPES:
        raise ValueError(f"unknown synthetic shape {shape!r}: choose one of {', '.join(SHAPES)}")

    out: dict[str, Any] = {}
    base = curated_lines(build_dir)
    unbounded = 900 + len(_select_names(None)) * (limit_s + 10)
    weights = part_weights(sizes, virtuoso)
    if total_s:
        split = budget_split(sizes, total_s, virtuoso)
        log("scale series budget: " + "; ".join(f"{_short(k)}: " + ", ".join(f"{e} {v:.0f} s" for e, v in x.items())
                                                for k, x in split.items())
            + f" (of {total_s:.0f} s; what a part leaves goes to the later ones)")
    started = clock()

    order = list(weights)   # the order the parts run in

    def share(size: int, engine: str) -> float:
        if not total_s:
            return unbounded
        later = sum(weights[key] for key in order[order.index((size, engine)):])
        return round(max(0.0, total_s - (clock() - started)) * weights[(size, engine)] / later, 1)

    for size in sizes:
        tmp = Path(tempfile.mkdtemp(prefix="mfkg-synthetic-"))
        given: dict[str, float] = {}
        try:
            synthetic = tmp / "synthetic.nt"
            wanted = max(size - base, 1000)
            n, models = resample(build_dir, synthetic, wanted) if shape == "copies" else generate(synthetic, wanted)
            common = {"build_dir": str(build_dir), "synthetic": str(synthetic), "repeat": repeat, "budget_s": budget_s,
                      "limit_s": limit_s, "workdir": str(tmp)}   # removed below even when a child is stopped
            given["oxigraph"] = share(size, "oxigraph")
            log(f"scale series: {size:,} triples on Oxigraph ({given['oxigraph']:.0f} s at most) …")
            res = child("scale", {**common, "progress": str(tmp / "ox.json"), "mfkg_ratio": size == min(sizes)},
                        given["oxigraph"])
            res.update({"requested": size, "synthetic_triples": n, "synthetic_models": models, "synthetic_shape": shape})
            if virtuoso:
                given["virtuoso"] = share(size, "virtuoso")
                log(f"scale series: {size:,} triples on Virtuoso ({given['virtuoso']:.0f} s at most) …")
                measured = {name: q["median_ms"] for name, q in res.get("queries", {}).items() if q.get("median_ms") is not None}
                res["virtuoso"] = child("virtuoso", {**common, "progress": str(tmp / "vt.json"), "oxigraph_ms": measured},
                                        given["virtuoso"])
                _ratios(res)
            if total_s:
                res["budget_s"] = given
            if rdflib_at == size:
                log(f"rdflib at {size:,} triples …")
                measured = {name: q["median_ms"] for name, q in res.get("queries", {}).items() if q.get("median_ms") is not None}
                res["rdflib"] = child("rdflib", {"synthetic": str(synthetic), "build_dir": str(build_dir),
                                                 "queries": list(rdflib_queries), "progress": str(tmp / "rdflib.json"),
                                                 "query_limit_s": RDFLIB_QUERY_LIMIT_S,
                                                 "query_limits": rdflib_limits(measured, rdflib_queries)}, 240)
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
