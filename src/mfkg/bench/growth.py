"""Growth benchmark: the whole pipeline (build, validate with the reasoner, store, site with entity
pages, exports) on the curated catalogue and on seeded synthetic catalogues of more models
(`catalogue.generate_catalogue`), timed per stage, with a growth exponent per stage: the slope of
log(time) against log(models), so 1 means linear and 2 means the time quadruples when the
catalogue doubles. Each size runs in its own child process (`python -m mfkg.bench growth ARGS`)."""

from __future__ import annotations

import math
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

STAGES = ("build", "validate", "store", "site", "exports")


def worker_growth(args: dict[str, Any]) -> dict[str, Any]:
    """Child process: generate the catalogue (unless it is the base itself), then time each stage once,
    with the user's cache off: every stage does its whole work, as on a machine that never saw this
    catalogue (the synthetic catalogues are the same every run, so the reasoner's cached answers from
    an earlier run would otherwise be reused, and each run would leave its graph in the cache)."""
    import os

    os.environ["MFKG_CACHE_DIR"] = "off"
    from mfkg.bench.catalogue import generate_catalogue
    from mfkg.gcpolicy import bulk
    from mfkg.outputs.release import release
    from mfkg.project import PROJECT, BuildFolder
    from mfkg.query.store import open_store
    from mfkg.rdf.compile import compile_graph, write_graph
    from mfkg.rdf.serialise import GraphText, atomic_write, serialize_turtle
    from mfkg.validation.validate import validate_graph
    from mfkg.viz.site import write_site

    base, models = Path(args["base"]), args.get("models")
    tmp = Path(tempfile.mkdtemp(prefix="mfkg-growth-"))
    out: dict[str, Any] = {}
    try:
        data = base
        if models:
            t = time.perf_counter()
            out["generated"] = generate_catalogue(base, tmp / "data", int(models), seed=int(args.get("seed", 42)))
            out["generate_ms"] = round((time.perf_counter() - t) * 1000, 1)
            data = tmp / "data"
        folder = BuildFolder(tmp / "build")
        stages: dict[str, float] = {}

        def stage(name: str, fn: Any) -> Any:
            t = time.perf_counter()
            value = fn()
            stages[name] = round((time.perf_counter() - t) * 1000, 1)
            return value

        @bulk   # as `mfkg build` and `mfkg run` are: one stretch with fewer collections (see gcpolicy)
        def build() -> Any:
            catalog, graph = compile_graph(data, PROJECT.ontology)
            text = GraphText(graph)
            write_graph(catalog, graph, folder.graph, PROJECT.ontology, text)
            return catalog, graph, text

        catalog, graph, text = stage("build", build)
        out["triples"] = len(graph)
        out["models"] = len(list(catalog.of("model")))

        def validate() -> Any:
            report = validate_graph(catalog, graph, shapes=PROJECT.shapes, queries_dir=PROJECT.queries, reasoner=True,
                                    text=text)
            if report.inferred is not None:
                atomic_write(folder.inferred, serialize_turtle(report.inferred))
            return report

        report = stage("validate", validate)
        out["valid"] = bool(report.ok)

        def store() -> Any:
            s = open_store(folder.path)
            s.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")   # the store loads on first use
            return s

        st = stage("store", store)
        stage("site", lambda: write_site(st, folder.site))
        out["site_files"] = sum(1 for p in folder.site.rglob("*") if p.is_file())
        stage("exports", lambda: release(folder.path, tmp / "release"))
        out["stages_ms"] = stages
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def exponents(runs: list[dict[str, Any]]) -> dict[str, float | None]:
    """Least-squares slope of log(stage time) on log(models) over the sizes that finished."""
    ok = [r for r in runs if "stages_ms" in r and r.get("models")]
    out: dict[str, float | None] = {}
    for s in STAGES:
        pts = [(math.log(r["models"]), math.log(max(r["stages_ms"][s], 1e-3))) for r in ok if s in r["stages_ms"]]
        if len({x for x, _ in pts}) < 2:
            out[s] = None
            continue
        mx = sum(x for x, _ in pts) / len(pts)
        my = sum(y for _, y in pts) / len(pts)
        out[s] = round(sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts), 2)
    return out


def bench_growth(data_dir: Path, sizes: list[int], child: Any, timeout: float, log: Any = print) -> dict[str, Any]:
    """The curated catalogue, then each synthetic size; `child(task, args, timeout)` runs a worker."""
    runs: dict[str, Any] = {}
    for size in [0, *sizes]:
        label = "curated" if size == 0 else str(size)
        log(f"growth: whole pipeline on {'the curated catalogue' if size == 0 else f'{size:,} models'} …")
        runs[label] = child("growth", {"base": str(data_dir), "models": size or None}, timeout)
    return {"sizes": sizes, "runs": runs, "exponents": exponents(list(runs.values()))}


def growth_lines(g: dict[str, Any] | None) -> list[str]:
    if not g:
        return []
    lines = ["", "GROWTH (whole pipeline, one run per size; exponent = log-log slope of time on models)",
             f"  {'catalogue':>10} {'models':>7} {'triples':>9} " + " ".join(f"{s:>10}" for s in STAGES) + f" {'total':>10}"]
    for label, r in g["runs"].items():
        if "stages_ms" not in r:
            lines.append(f"  {label:>10} {r.get('error') or 'did not finish'}")
            continue
        st = r["stages_ms"]
        lines.append(f"  {label:>10} {r['models']:>7,} {r['triples']:>9,} "
                     + " ".join(f"{st[s] / 1000:>9.1f}s" for s in STAGES) + f" {sum(st.values()) / 1000:>9.1f}s")
    ex = g["exponents"]
    lines.append(f"  {'exponent':>10} {'':>7} {'':>9} " + " ".join(f"{'-' if ex[s] is None else ex[s]:>10}" for s in STAGES))
    big = [r for r in g["runs"].values() if "stages_ms" in r and r["models"] >= 3000]
    if big:
        bv = (big[-1]["stages_ms"]["build"] + big[-1]["stages_ms"]["validate"]) / 1000
        lines.append(f"  build + validate at {big[-1]['models']:,} models: {bv:.1f} s   target <= 60 s: "
                     f"{'met' if bv <= 60 else 'MISSED'}")
    return lines
