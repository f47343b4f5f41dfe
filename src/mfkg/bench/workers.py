"""Benchmark work that runs in a child process (`python -m mfkg.bench TASK ARGS`), so that memory and
time are measured cleanly: the scale series (in `scale`), the same questions on rdflib, Cypher engines,
the growth benchmark (in `growth`)."""

from __future__ import annotations

import json
import signal
import sys
import time
from pathlib import Path
from typing import Any

from mfkg.bench.timing import timed
from mfkg.project import BuildFolder


def worker_rdflib(args: dict[str, Any]) -> dict[str, Any]:
    """Child process: rdflib's own engine on the same merged graph, for the ratio."""
    from rdflib import Dataset, Literal

    from mfkg.query.saved import SavedQueries

    build_dir = Path(args["build_dir"])
    t = time.perf_counter()
    ds = Dataset(default_union=True)
    for part in (BuildFolder(build_dir).graph, BuildFolder(build_dir).inferred):
        if part.exists():   # a build without the reasoner has no inferred part
            ds.parse(part, format="turtle")
    if args.get("synthetic"):
        ds.parse(args["synthetic"], format="nt")
    load_ms = (time.perf_counter() - t) * 1000
    cat = SavedQueries.load()
    out: dict[str, Any] = {}
    progress = Path(args["progress"]) if args.get("progress") else None
    if progress:
        progress.write_text(json.dumps({"load_ms": round(load_ms, 1), "queries": out}))
    default_limit = float(args.get("query_limit_s") or 0)
    limits = args.get("query_limits") or {}   # per question, where the caller knows what settles its ratio

    def over_limit(signum: int, frame: Any) -> None:
        raise TimeoutError

    signal.signal(signal.SIGALRM, over_limit)   # rdflib is pure Python: the alarm stops it between steps
    for name in args["queries"]:
        q = cat.get(name)
        init = {k: Literal(v.python()) for k, v in q.bindings({}).items() if v.kind == "literal"}
        limit = float(limits.get(name, default_limit))
        t = time.perf_counter()
        try:
            if limit:
                signal.setitimer(signal.ITIMER_REAL, limit)
            n = len(list(ds.query(q.text, initBindings=init)))
        except TimeoutError:
            out[name] = {"error": f"stopped at the {limit:g} s limit", "over_limit": True, "at_least_ms": limit * 1000}
        except Exception as exc:
            out[name] = {"error": f"{type(exc).__name__}: {exc}"[:200]}
        else:
            out[name] = {"median_ms": round((time.perf_counter() - t) * 1000, 1), "rows": n, "runs": 1}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        if progress:
            progress.write_text(json.dumps({"load_ms": round(load_ms, 1), "queries": out}))
    return {"load_ms": round(load_ms, 1), "queries": out}


# ------------------------------------------------------------------------------ Cypher engines
# grand-cypher 1.2 lacks aggregation without a grouping key, so its variants return rows we count.
GRAND_CYPHER_QUERIES = {
    "grouped_count": "MATCH (m:Model)-[:FOLLOWS]->(p:Pattern) RETURN p.id AS pattern, COUNT(m) AS n",
    "two_hop_one_sided": 'MATCH (a:Model)-[:FOLLOWS]->(p:Pattern)<-[:FOLLOWS]-(b:Model) WHERE a.id = "m1" RETURN b.id',
    "two_hop_both_ends": ('MATCH (a:Model)-[:ADDRESSES]->(t:Task)<-[:ADDRESSES]-(b:Model) '
                          'WHERE a.year = 2020 AND b.year = 2021 AND a.id = "m3" RETURN b.id'),
}
CYPHER_QUERIES = {
    "grouped_count": "MATCH (m:Model)-[:FOLLOWS]->(p:Pattern) RETURN p.id AS pattern, count(m) AS n",
    "two_hop_one_sided": "MATCH (a:Model)-[:FOLLOWS]->(p:Pattern)<-[:FOLLOWS]-(b:Model) WHERE a.id = 'm1' RETURN count(b) AS n",
    "two_hop_both_ends": ("MATCH (a:Model)-[:ADDRESSES]->(t:Task)<-[:ADDRESSES]-(b:Model) "
                          "WHERE a.year = 2020 AND b.year = 2021 AND a.id = 'm3' RETURN count(b) AS n"),
}


def worker_cypher(args: dict[str, Any]) -> dict[str, Any]:
    engine, folder, repeat = args["engine"], Path(args["folder"]), args["repeat"]
    t = time.perf_counter()
    if engine in ("ladybug", "kuzu"):
        mod = __import__("real_ladybug" if engine == "ladybug" else "kuzu")
        db = mod.Database(str(folder / f"{engine}.db"))
        conn = mod.Connection(db)
        conn.execute("CREATE NODE TABLE Model(id STRING, name STRING, year INT64, PRIMARY KEY(id))")
        conn.execute("CREATE NODE TABLE Pattern(id STRING, name STRING, PRIMARY KEY(id))")
        conn.execute("CREATE NODE TABLE Task(id STRING, name STRING, PRIMARY KEY(id))")
        conn.execute("CREATE REL TABLE FOLLOWS(FROM Model TO Pattern)")
        conn.execute("CREATE REL TABLE ADDRESSES(FROM Model TO Task)")
        for table in ("Model", "Pattern", "Task", "FOLLOWS", "ADDRESSES"):
            conn.execute(f"COPY {table} FROM '{folder / (table + '.csv')}' (HEADER=false)")

        def run(q: str) -> int:
            r = conn.execute(q)
            n = 0
            while r.has_next():
                r.get_next()
                n += 1
            return n
    else:
        import networkx as nx
        from grandcypher import GrandCypher

        g = nx.MultiDiGraph()
        for table, label in (("Model", "Model"), ("Pattern", "Pattern"), ("Task", "Task")):
            for line in open(folder / f"{table}.csv"):
                parts = line.rstrip("\n").split(",")
                attrs = {"__labels__": {label}, "id": parts[0]}
                if table == "Model":
                    attrs["year"] = int(parts[2])
                g.add_node(parts[0], **attrs)
        for table in ("FOLLOWS", "ADDRESSES"):
            for line in open(folder / f"{table}.csv"):
                a, b = line.rstrip("\n").split(",")
                g.add_edge(a, b, __labels__={table})

        def run(q: str) -> int:
            res = GrandCypher(g).run(GRAND_CYPHER_QUERIES[next(k for k, v in CYPHER_QUERIES.items() if v == q)])
            return len(next(iter(res.values()))) if res else 0
    load_ms = (time.perf_counter() - t) * 1000
    out: dict[str, Any] = {"load_ms": round(load_ms, 1), "queries": {}}
    for name, q in CYPHER_QUERIES.items():
        if engine == "grandcypher" and name in args.get("skip", []):
            continue
        out["queries"][name] = timed(lambda q=q: run(q), repeat)
    return out


def worker_growth(args: dict[str, Any]) -> dict[str, Any]:
    from mfkg.bench.growth import worker_growth as run

    return run(args)


def worker_scale(args: dict[str, Any]) -> dict[str, Any]:
    from mfkg.bench.scale import worker_oxigraph

    return worker_oxigraph(args)


def worker_virtuoso(args: dict[str, Any]) -> dict[str, Any]:
    from mfkg.bench.scale import worker_virtuoso as run

    return run(args)


WORKERS = {"scale": worker_scale, "virtuoso": worker_virtuoso, "rdflib": worker_rdflib, "cypher": worker_cypher, "growth": worker_growth}


def main() -> None:
    from mfkg.gcpolicy import fewer_collections

    task, args = sys.argv[1], json.loads(sys.argv[2])
    with fewer_collections():   # as mfkg's own commands run: rdflib's and networkx's engines get the same
        print(json.dumps(WORKERS[task](args)))
