"""`mfkg bench`: measured speed, printed and written as JSON — never asserted in tests.

Heavy or competing engines run in child processes (LadybugDB and Kùzu cannot share a process;
a slow engine is stopped at its time limit). Figures are medians of repeated runs with their
spread (minimum and maximum); comparisons are ratios taken in the same run.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mfkg.bench.timing import _ox, reference_ms, reference_ms_every_core, timed, timed_alternated
from mfkg.project import BuildFolder

RDFLIB_QUERIES = ("models-by-pattern", "models-min-cells", "catalog-by-family")
TARGETS = {
    "query_vs_raw_oxigraph": "every saved query within 1.2x of raw pyoxigraph",
    "vs_rdflib_1m": "at least 15x faster than rdflib's engine at 1M triples",
    "cold_query": "cold `mfkg query run` within 1.5x of a minimal pyoxigraph script (whole processes, alternated)",
    "build_validate": "build + validate <= 5 s",
    "incremental_build": "a build after editing one model file takes at most a third of a full build",
    "explorer_2000": "explorer drawn and stable <= 2 s at 2,000 nodes",
}


def _child(task: str, args: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Run `python -m mfkg.bench TASK ARGS` and return its JSON, or a timeout/error note. A worker
    that writes progress to args['progress'] keeps what it finished when it stops early."""
    progress = Path(args["progress"]) if args.get("progress") else None

    def partial(note: str) -> dict[str, Any]:
        if progress and progress.exists():
            data: dict[str, Any] = json.loads(progress.read_text())
            running = data.pop("running", None)
            data["note"] = note + (f" during {running}" if running else "") + "; unfinished queries are not listed"
            return data
        return {"error": note}

    # a session of its own, so that a child stopped at its budget is ended with what it started (a Virtuoso
    # server, one process per question) instead of leaving them running
    proc = subprocess.Popen([sys.executable, "-m", "mfkg.bench", task, json.dumps(args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)   # the child's own process group (its pid), nothing else
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
        return partial(f"stopped at the {timeout:g} s budget")
    if proc.returncode != 0:
        return partial((err.strip().splitlines() or ["failed"])[-1][:300])
    return json.loads(out.strip().splitlines()[-1])


# ------------------------------------------------------------------------------ curated size
def bench_curated(build_dir: Path, data_dir: Path, repeat: int) -> dict[str, Any]:
    from mfkg.bench.builds import bench_builds, bench_cold_commands, bench_cold_start
    from mfkg.query.saved import SavedQueries, run_saved
    from mfkg.query.store import open_store
    from mfkg.rdf.compile import build
    from mfkg.rdf.reason import run_reasoner

    out: dict[str, Any] = bench_builds(data_dir, repeat)
    build(data_dir, BuildFolder(build_dir).graph)
    if not (BuildFolder(build_dir).inferred).exists():
        run_reasoner(BuildFolder(build_dir).graph, BuildFolder(build_dir).inferred)
    store = open_store(build_dir)
    out["cold_start"] = bench_cold_start(build_dir, repeat)
    out["cold_commands"] = bench_cold_commands(build_dir, repeat)
    cat = SavedQueries.load()
    warm: dict[str, Any] = {}
    from mfkg.query.saved import QueryError

    for name, q in cat.queries.items():
        if q.form != "SELECT":
            continue
        try:
            run_saved(store, q)
        except QueryError as exc:   # a default parameter names an entity this data does not have
            warm[name] = {"skipped": str(exc)}
            continue
        warm[name] = timed(lambda q=q: run_saved(store, q), repeat)
    out["warm_queries"] = warm
    out["engines"] = compare_engines(build_dir, store, cat, repeat)
    return out


RDFLIB_CURATED_LIMIT_S = 3.0
SHORT_QUERY_SECONDS_PER_ROUND = 0.05   # per round asked for (`--repeat`): the time a quick question may take
SHORT_QUERY_ROUNDS_PER_ROUND = 40      # and the most rounds it gets, per round asked for


def rounds_for(seconds: float, repeat: int) -> int:
    """Alternated rounds for a question that took `seconds` once: `repeat`, or, when it is quick, as many
    as fit in its share of time (at most 200 with the default `--repeat 5`). Ten rounds of a question under
    a millisecond gave medians 1.33x apart for the same code on a shared host; 200-300 gave 1.07-1.13x."""
    fit = int(SHORT_QUERY_SECONDS_PER_ROUND * repeat / max(seconds, 1e-4))
    return max(repeat, min(SHORT_QUERY_ROUNDS_PER_ROUND * repeat, fit))


def compare_engines(build_dir: Path, store: Any, cat: Any, repeat: int, rdflib_timeout: float = 180) -> dict[str, Any]:
    """Per saved query: mfkg's store API vs raw pyoxigraph (the engine limit) vs rdflib's engine (one run
    each, in a child process stopped at `rdflib_timeout`; rdflib takes minutes on some questions, so each
    is stopped at `RDFLIB_CURATED_LIMIT_S` and reported as taking at least that)."""
    import pyoxigraph as ox

    from mfkg.query.saved import drop_columns

    raw = store._store
    names = [n for n, q in cat.queries.items() if q.form == "SELECT"
             and not any(b.kind == "uri" for b in q.bindings({}).values())]   # entity parameters: in warm_queries
    progress = Path(tempfile.mkdtemp(prefix="mfkg-rdflib-curated-")) / "progress.json"
    rd = _child("rdflib", {"build_dir": str(build_dir), "queries": names, "progress": str(progress),
                           "query_limit_s": RDFLIB_CURATED_LIMIT_S}, rdflib_timeout)
    shutil.rmtree(progress.parent, ignore_errors=True)
    rows: dict[str, Any] = {}
    for name in names:
        q = cat.get(name)
        bindings = q.bindings({})
        subs = {ox.Variable(k): _ox(v) for k, v in bindings.items()}

        def raw_run() -> None:   # the engine limit: run and read every value, nothing more
            res = raw.query(q.text, substitutions=subs, use_default_graph_as_union=True) if subs \
                else raw.query(q.text, use_default_graph_as_union=True)
            n = len(res.variables)
            [[sol[i] for i in range(n)] for sol in res]

        def mfkg_run() -> None:
            drop_columns(store.select(q.text, bindings), [p.name for p in q.params])

        t = time.perf_counter()
        mfkg_run()   # the store's pages read once before either is timed
        both = timed_alternated({"raw": raw_run, "mfkg": mfkg_run}, rounds_for(time.perf_counter() - t, repeat))
        a, b = both["raw"], both["mfkg"]
        c = rd.get("queries", {}).get(name, {})
        rows[name] = {"raw_oxigraph_ms": a["median_ms"], "mfkg_ms": b["median_ms"], "rdflib_ms": c.get("median_ms"),
                      "mfkg_over_raw": round(b["median_ms"] / max(a["median_ms"], 1e-6), 2),
                      "rdflib_over_mfkg": round(c["median_ms"] / max(b["median_ms"], 1e-6), 1) if "median_ms" in c else None}
        if "at_least_ms" in c:
            rows[name]["rdflib_at_least_ms"] = c["at_least_ms"]
        if "median_ms" not in c:
            rows[name]["rdflib_error"] = c.get("error") or rd.get("note") or rd.get("error") or "not run"
    return rows


GRANDCYPHER_LARGE_BUDGET_S = 10.0


def bench_cypher(n_edges: int, repeat: int, timeout: float) -> dict[str, Any]:
    from mfkg.bench.synthetic import property_graph_csv

    folder = Path(tempfile.mkdtemp(prefix="mfkg-cypher-"))
    shape = property_graph_csv(folder, n_edges)
    out: dict[str, Any] = {"shape": shape}
    for engine in ("ladybug", "kuzu", "grandcypher"):
        import importlib.util

        if importlib.util.find_spec({"ladybug": "real_ladybug", "kuzu": "kuzu", "grandcypher": "grandcypher"}[engine]) is None:
            out[engine] = {"error": "not installed (make bench installs it)"}
            continue
        # GrandCypher is pure Python: at 1M edges it has never finished within 240 s here, so at large
        # sizes it gets a short budget and is reported as stopped, instead of using up four minutes
        budget = min(timeout, GRANDCYPHER_LARGE_BUDGET_S) if engine == "grandcypher" and n_edges > 100_000 else timeout
        out[engine] = _child("cypher", {"engine": engine, "folder": str(folder), "repeat": repeat}, budget)
    shutil.rmtree(folder, ignore_errors=True)
    return out


# ------------------------------------------------------------------------------ HTML
def bench_html(store: Any, sizes: list[int], repeat: int) -> dict[str, Any]:
    import random

    import networkx as nx

    from mfkg.propgraph.projection import PropertyGraph, project, store_triples
    from mfkg.viz.render import page_data, render_page
    from mfkg.viz.site import write_view
    from mfkg.viz.views import VIEWS

    out: dict[str, Any] = {}
    tmp = Path(tempfile.mkdtemp(prefix="mfkg-html-"))
    try:
        pg = project(store_triples(store))
        out["curated_full_view"] = timed(lambda: write_view(pg, "graph", tmp / "graph.html", site=False), repeat)
        out["curated_full_view"]["nodes"] = sum(1 for n in pg.graph if pg.labels[n] in VIEWS["graph"].labels)
        pages = {"curated": tmp / "graph.html"}
        for n in sizes:
            rng = random.Random(n)
            g = nx.MultiDiGraph()
            kinds = ["Model", "Task", "ArchitecturePattern", "Modality", "Publication"]
            for i in range(n):
                g.add_node(f"x/{i}", label=kinds[i % 5], name=f"node {i}", description="synthetic")
            for _ in range(n * 2):
                g.add_edge(f"x/{rng.randrange(n)}", f"x/{rng.randrange(n)}", type="ADDRESSES_TASK")
            spg = PropertyGraph(g, {f"x/{i}": kinds[i % 5] for i in range(n)}, {})
            path = tmp / f"synthetic-{n}.html"
            out[f"synthetic_{n}_nodes"] = timed(
                lambda: path.write_text(render_page(page_data(spg, g, f"{n} nodes", "synthetic", site=False)), encoding="utf-8"),
                max(1, repeat // 2))
            pages[f"synthetic_{n}_nodes"] = path
        out["chromium"] = _draw_times(pages)
    finally:   # the pages are only drawn, never kept
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def _draw_times(pages: dict[str, Path]) -> dict[str, Any]:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        return {"error": "chromium not installed"}
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {}
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu", "--disable-quic",
                                                              "--no-first-run", "--disable-background-networking"])
        for name, path in pages.items():
            times = []
            for _ in range(3):
                page = b.new_page()
                t = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_selector("body[data-drawn=true]", timeout=120000)
                times.append((time.perf_counter() - t) * 1000)
                page.close()
            out[name] = {"median_ms": round(statistics.median(times), 1), "min_ms": round(min(times), 1),
                         "max_ms": round(max(times), 1), "runs": 3}
        b.close()
    return out


# ------------------------------------------------------------------------------ report
def environment() -> dict[str, Any]:
    import importlib.metadata as md

    def v(name: str) -> str:
        try:
            return md.version(name)
        except md.PackageNotFoundError:
            return "-"

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"date": time.strftime("%Y-%m-%d"), "machine": platform.machine(), "platform": platform.platform(),
            "cpus": os.cpu_count(), "memory_gib": round(mem, 1), "python": platform.python_version(),
            "load_average_at_start": round(os.getloadavg()[0], 1),   # other work on the machine skews every figure
            "reference_ms_at_start": reference_ms(),   # the host's speed: a fixed Python workload (`timing.reference_ms`)
            "versions": {p: v(p) for p in ("mfkg", "pyoxigraph", "rdflib", "real_ladybug", "kuzu", "grand-cypher",
                                           "owlready2", "pyshacl", "pyvis", "networkx")}}


def run(build_dir: Path, data_dir: Path, sizes: list[int], repeat: int, html_sizes: list[int],
        cypher_edges: int, out_json: Path, log: Callable[[str], None] = print, *,
        load_seconds: float = 3.0, scale_budget_s: float = 2.0, query_limit_s: float = 20.0, virtuoso: bool = True,
        scale_total_s: float | None = 720.0, synthetic: str = "copies",
        growth_sizes: tuple[int, ...] = (1000, 3000), suite_timing: Path | None = None) -> dict[str, Any]:
    from mfkg.bench.growth import bench_growth
    from mfkg.bench.scale import bench_scale
    from mfkg.bench.suite import suite_time

    report: dict[str, Any] = {"environment": environment(), "targets": TARGETS,
                              "settings": {"sizes": sizes, "repeat": repeat, "scale_budget_s": scale_budget_s, "query_limit_s": query_limit_s,
                                           "scale_total_s": scale_total_s, "synthetic": synthetic,
                                           "virtuoso": virtuoso, "html_sizes": html_sizes, "cypher_edges": cypher_edges,
                                           "load_seconds": load_seconds, "growth_sizes": list(growth_sizes)},
                              "sections_s": {}}
    started = time.perf_counter()

    def section(name: str, fn: Callable[[], Any]) -> Any:
        # the host's speed as each section starts: on a shared host it drifts within a run (by 1.7x in one)
        report.setdefault("host_ms", {})[name] = reference_ms(3)
        every_core = reference_ms_every_core(3)   # and on every core at once: a busy second core shows only here
        if every_core is not None:
            report.setdefault("host_ms_every_core", {})[name] = every_core
        t = time.perf_counter()
        value = fn()
        report["sections_s"][name] = round(time.perf_counter() - t, 1)
        log(f"{name}: {report['sections_s'][name]:.0f} s ({(time.perf_counter() - started) / 60:.1f} min into the run)")
        out_json.parent.mkdir(parents=True, exist_ok=True)   # a stopped run keeps the sections it finished
        out_json.write_text(json.dumps({**report, name: value, "total_s": round(time.perf_counter() - started, 1),
                                        "unfinished": True}, indent=1) + "\n", encoding="utf-8")
        return value

    log("curated graph: build, validate, cold and warm queries, engines …")
    report["curated"] = section("curated", lambda: bench_curated(build_dir, data_dir, repeat))
    from mfkg.query.store import open_store

    store = open_store(build_dir)
    rdflib_at = 1_000_000 if 1_000_000 in sizes else (max(sizes) if sizes and max(sizes) < 1_000_000 else None)
    report["scale"] = section("scale", lambda: bench_scale(
        build_dir, sizes, repeat, scale_budget_s, _child, limit_s=query_limit_s, virtuoso=virtuoso, rdflib_at=rdflib_at,
        rdflib_queries=RDFLIB_QUERIES, total_s=scale_total_s, log=log, shape=synthetic))
    log("Cypher engines …")
    report["cypher"] = section("cypher", lambda: {"curated": bench_cypher(3000, repeat, 120),
                                                  "large": bench_cypher(cypher_edges, repeat, 240)})
    log("HTML explorer …")
    report["html"] = section("html", lambda: bench_html(store, html_sizes, repeat))
    if load_seconds > 0:
        log("SPARQL endpoint under load, beside oxigraph serve-read-only (loopback) …")
        from mfkg.bench.load import bench_endpoint

        try:
            report["endpoint"] = section("endpoint", lambda: bench_endpoint(build_dir, load_seconds, log=log))
        except (OSError, RuntimeError) as exc:
            report["endpoint"] = {"error": str(exc)}
    report["growth"] = section("growth", lambda: bench_growth(data_dir, list(growth_sizes), _child, 900, log=log))
    report["suite"] = suite_time(suite_timing)
    report["environment"]["reference_ms_at_end"] = reference_ms()
    log(f"host speed: the reference workload took {report['environment']['reference_ms_at_start']} ms at the start "
        f"and {report['environment']['reference_ms_at_end']} ms at the end (lower is faster)")
    report["total_s"] = round(time.perf_counter() - started, 1)
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return report
