"""The benchmark report as text: figures beside their targets, ratios from one run."""

from __future__ import annotations

import statistics
from typing import Any

from mfkg.bench.growth import growth_lines
from mfkg.bench.report_scale import scale_lines
from mfkg.bench.suite import suite_lines


def render(report: dict[str, Any]) -> str:
    c = report["curated"]
    env = report["environment"]
    lines = [f"mfkg bench — {env['date']}, {env['platform']}, {env['cpus']} CPUs, {env['memory_gib']} GiB, "
             f"Python {env['python']}, pyoxigraph {env['versions']['pyoxigraph']}, rdflib {env['versions']['rdflib']}"]
    if "reference_ms_at_start" in env:
        lines.append(f"host speed: a fixed Python workload took {env['reference_ms_at_start']:g} ms at the start and "
                     f"{env.get('reference_ms_at_end', '-')} ms at the end (lower is faster; compare runs by it)")
    if report.get("host_ms"):
        lines.append("  as each section started: " + ", ".join(f"{k} {v:g} ms" for k, v in report["host_ms"].items()))
    if report.get("host_ms_every_core"):
        lines.append("  the same workload on every core at once, as each section started (the slowest core): "
                     + ", ".join(f"{k} {v:g} ms" for k, v in report["host_ms_every_core"].items()))
    lines.append("")

    def ms(d: dict[str, Any]) -> str:
        return f"{d['median_ms']:.1f} ms (min {d['min_ms']:.1f}, max {d['max_ms']:.1f}, n={d['runs']})"

    bv = c["build"]["median_ms"] + c["validate"]["median_ms"]
    warm_bv = c["build_unchanged"]["median_ms"] + c["validate_cached"]["median_ms"]
    cs = c["cold_start"]
    lines += ["CURATED GRAPH",
              f"  build, nothing cached          {ms(c['build'])}",
              f"  build, one model file edited   {ms(c['build_incremental'])}   {c['build_incremental_ratio']:.2f} of a full build,"
              f" target <= 0.33: {'met' if c['build_incremental_ratio'] <= 1 / 3 else 'MISSED'}",
              f"  build, nothing changed         {ms(c['build_unchanged'])}",
              f"  validate, caches off           {ms(c['validate'])}",
              f"  validate, no reasoner, off     {ms(c['validate_without_reasoner'])}",
              f"  validate, data seen before     {ms(c['validate_cached'])}",
              *([f"  build + validate in one pass (`mfkg run`'s first steps), from nothing {ms(c['build_and_validate'])}"
                 + (" (host workload {:g} -> {:g} ms".format(*c["build_and_validate"]["host_ms"])
                    + ("; on every core at once {:g} -> {:g} ms".format(*c["build_and_validate"]["host_ms_every_core"])
                       if c["build_and_validate"].get("host_ms_every_core") else "") + ")"
                    if c["build_and_validate"].get("host_ms") else "") + "   "
                 f"target <= 5000 ms: {'met' if c['build_and_validate']['median_ms'] <= 5000 else 'MISSED'}",
                 f"  `mfkg build` then `mfkg validate`, from nothing {bv:.0f} ms (each compiles the catalogue)"]
                if "build_and_validate" in c else
                [f"  build + validate, from nothing {bv:.0f} ms   target <= 5000 ms: {'met' if bv <= 5000 else 'MISSED'}"]),
              f"  build + validate, unchanged    {warm_bv:.0f} ms",
              *([f"  validate after a model's description is edited (caches on) {ms(c['validate_after_edit'])}; with the "
                 f"incremental build {c['build_incremental']['median_ms'] + c['validate_after_edit']['median_ms']:.0f} ms   "
                 f"(<= 5000 ms in a curator's loop: "
                 f"{'met' if c['build_incremental']['median_ms'] + c['validate_after_edit']['median_ms'] <= 5000 else 'MISSED'})"]
                if "validate_after_edit" in c else []),
              f"  cold `mfkg query run {cs['query']}` {cs['mfkg_ms']:.0f} ms, minimal pyoxigraph script {cs['raw_pyoxigraph_ms']:.0f} ms,"
              f" ratio {cs['ratio']:.2f} (target <= 1.5: {'met' if cs['ratio'] <= 1.5 else 'MISSED'}); python start-up alone "
              f"{cs['python_startup_ms']:.0f} ms; medians of {cs['runs']} alternated runs"]
    for name, v in (c.get("cold_commands") or {}).items():
        lines.append(f"  cold `{v['command']}` ({name}) " + (f"{v['median_ms']:.0f} ms, median of {v['runs']} runs"
                                                             if "median_ms" in v else f"failed: {v['error']}"))
    warm = sorted(((k, v) for k, v in c["warm_queries"].items() if "median_ms" in v), key=lambda kv: -kv[1]["median_ms"])
    lines.append(f"  warm saved queries (in-process, incl. labels): median of medians "
                 f"{statistics.median(v['median_ms'] for _, v in warm):.2f} ms; slowest {warm[0][0]} {warm[0][1]['median_ms']:.1f} ms")
    eng = c["engines"]
    worst = max(eng.items(), key=lambda kv: kv[1]["mfkg_over_raw"])
    over = [k for k, v in eng.items() if v["mfkg_over_raw"] > 1.2]
    lines += ["", "ENGINES ON THE CURATED GRAPH (per saved query, medians)",
              f"  {'query':34} {'raw oxigraph':>12} {'mfkg':>9} {'rdflib':>10} {'mfkg/raw':>9} {'rdflib/mfkg':>12}"]
    for name, v in sorted(eng.items()):
        rd = f"{v['rdflib_ms']:>8.1f}ms" if v["rdflib_ms"] is not None else \
            f">{v['rdflib_at_least_ms']:>7.0f}ms" if v.get("rdflib_at_least_ms") else "   error  "
        ratio = f"{v['rdflib_over_mfkg']:>12.1f}" if v["rdflib_over_mfkg"] is not None else "           -"
        lines.append(f"  {name:34} {v['raw_oxigraph_ms']:>10.2f}ms {v['mfkg_ms']:>7.2f}ms {rd} {v['mfkg_over_raw']:>9.2f} {ratio}")
    lines.append(f"  target mfkg/raw <= 1.2: {'met' if not over else 'MISSED for ' + ', '.join(over)}"
                 f" (worst {worst[0]} {worst[1]['mfkg_over_raw']:.2f})")
    lines += scale_lines(report["scale"])
    for size, s in report["scale"].items():
        qs = s.get("queries", {})
        if "rdflib" in s:
            r = s["rdflib"]
            if "error" in r:
                lines.append(f"  rdflib at {int(size):,} triples: {r['error']}")
            else:   # a question rdflib did not finish within its limit gives a lower bound ("at least")
                took = {q: v.get("median_ms", v.get("at_least_ms")) for q, v in r["queries"].items()}
                ratios = {q: ms / max(qs[q]["median_ms"], 1e-6) for q, ms in took.items()
                          if ms is not None and "median_ms" in qs.get(q, {})}
                worst_ratio = min(ratios.values()) if ratios else 0.0
                named = ", ".join(f"{q} {'>= ' if 'at_least_ms' in r['queries'][q] else ''}{x:.0f}x"
                                  for q, x in ratios.items())
                lines.append(f"  rdflib at {int(size):,} triples: load {r['load_ms'] / 1000:.1f} s; oxigraph is faster on "
                             f"{named or 'no question rdflib answered'}  target >= 15x: "
                             f"{'met' if ratios and worst_ratio >= 15 else 'MISSED'}")
    lines += ["", "CYPHER ENGINES (load + three queries, medians)"]
    for scale, res in report["cypher"].items():
        lines.append(f"  {scale}: {res['shape']['models']:,} models, {res['shape']['edges']:,} edges")
        for engine in ("ladybug", "kuzu", "grandcypher"):
            r = res.get(engine, {})
            if "error" in r:
                lines.append(f"    {engine:12} {r['error']}")
                continue
            qs = ", ".join(f"{k} {v['median_ms']:.1f} ms" for k, v in r["queries"].items())
            lines.append(f"    {engine:12} load {r['load_ms']:.0f} ms; {qs}")
    h = report["html"]
    lines += ["", "HTML EXPLORER",
              f"  full view, curated ({h['curated_full_view']['nodes']} nodes): generate {ms(h['curated_full_view'])}"]
    for k, v in h.items():
        if k.startswith("synthetic_"):
            lines.append(f"  {k.replace('_', ' ')}: generate {ms(v)}")
    ch = h.get("chromium", {})
    for k, v in ch.items():
        if isinstance(v, dict):
            lines.append(f"  drawn and stable in Chromium, {k.replace('_', ' ')}: {ms(v)}")
    two = ch.get("synthetic_2000_nodes")
    if two:
        lines.append(f"  target <= 2000 ms at 2,000 nodes: {'met' if two['median_ms'] <= 2000 else 'MISSED'}")
    lines += endpoint_lines(report.get("endpoint"))
    lines += growth_lines(report.get("growth"))
    lines += suite_lines(report.get("suite"))
    sections = ", ".join(f"{k} {v:.0f} s" for k, v in report.get("sections_s", {}).items())
    lines.append(f"\ntotal {report['total_s']:.0f} s ({sections})   target `make bench` < 1200 s: "
                 f"{'met' if report['total_s'] < 1200 else 'MISSED'}")
    return "\n".join(lines) + "\n"


def endpoint_lines(e: dict[str, Any] | None) -> list[str]:
    if not e:
        return []
    if "error" in e:
        return ["", "SPARQL ENDPOINT UNDER LOAD", f"  {e['error']}"]
    lines = ["", f"SPARQL ENDPOINT UNDER LOAD (loopback, {e['seconds_per_level']:g} s per level, turns alternating)"]
    for scenario, names in e["scenarios"].items():
        lines.append(f"  {scenario}: {', '.join(names)}")
        for clients, row in e.get(scenario, {}).items():
            for server, r in row.items():
                if isinstance(r, dict):
                    lines.append(f"    {clients:>2} clients  {server:<26} {r['req_per_s']:>8.1f} req/s  p50 {r['p50_ms']} ms  "
                                 f"p95 {r['p95_ms']} ms  failed {r['failed']}")
            lines.append(f"       mfkg / oxigraph: {row['ratio']:.2f} (cache on), {row['ratio_no_cache']:.2f} (cache off)")
    return lines
