"""The README's benchmark table, written from the benchmark's JSON (never by hand): `mfkg docs` puts it
between its markers from the committed `docs/bench.json`, and a test checks the two agree."""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any

BENCH_JSON = Path("docs") / "bench.json"


def _s(ms: float) -> str:
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:.0f} ms" if ms >= 10 else f"{ms:.1f} ms"


def _met(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def _size(n: int) -> str:
    return f"{n / 1e6:g}M" if n >= 1_000_000 else f"{n / 1e3:g}k" if n >= 1000 else str(n)


def bench_table(report: dict[str, Any]) -> str:
    env, c = report["environment"], report.get("curated")
    v = env["versions"]
    settings = report.get("settings", {})
    lines = [f"Run of {env['date']} on {env['platform']} ({env['machine']}, {env['cpus']} CPUs, {env['memory_gib']} GiB), "
             f"Python {env['python']}, mfkg {v.get('mfkg', '-')}, pyoxigraph {v.get('pyoxigraph', '-')}, "
             f"rdflib {v.get('rdflib', '-')}, owlready2 {v.get('owlready2', '-')}, pyshacl {v.get('pyshacl', '-')}"
             + (f", load average {env['load_average_at_start']} at the start (the machine was shared)"
                if env.get("load_average_at_start", 0) >= 1 else "")
             + (f"; host speed: a fixed Python workload took {env['reference_ms_at_start']:g} ms at the start and "
                f"{env.get('reference_ms_at_end', '-')} ms at the end (lower is faster; compare runs by it)"
                if "reference_ms_at_start" in env else "")
             + (", and as each section started: " + ", ".join(f"{k} {v:g} ms" for k, v in report["host_ms"].items())
                if report.get("host_ms") else "")
             + ("; on every core at once (the slowest core), as each section started: "
                + ", ".join(f"{k} {v:g} ms" for k, v in report["host_ms_every_core"].items())
                if report.get("host_ms_every_core") else "") + "; "
             f"sizes: scale {', '.join(_size(int(x)) for x in settings.get('sizes', report.get('scale', {})))} triples, growth "
             f"{', '.join(f'{x:,}' for x in settings.get('growth_sizes', [])) + ' models' if settings.get('growth_sizes') else 'on the curated catalogue only'}, "
             f"{settings.get('repeat', '-')} "
             f"runs per figure; whole run {report['total_s'] / 60:.1f} min"
             + (" (stopped early: sections not listed did not run)." if report.get("unfinished") else "."), "",
             "| measurement | result | target |", "| --- | --- | --- |"]
    lines += _curated_rows(c) if c else []
    lines += _scale_rows(report.get("scale", {}))
    lines += _growth_rows(report.get("growth") or {})
    suite = report.get("suite") or {}
    if "seconds" in suite:
        lines.append(f"| test suite (`make test`, read from its JUnit file) | {suite['tests']} tests in {suite['seconds'] / 60:.1f} min | "
                     f"< 10 min: {_met(suite['seconds'] < 600)} |")
    elif suite:
        lines.append(f"| test suite | {suite.get('error', '-')} | |")
    if report.get("unfinished"):
        lines.append(f"| whole benchmark at these sizes | stopped after {report['total_s'] / 60:.1f} min | < 20 min: not measured |")
    else:
        lines.append(f"| whole benchmark at these sizes | {report['total_s'] / 60:.1f} min | < 20 min: {_met(report['total_s'] < 1200)} |")
    return "\n".join(lines)


def _host(figure: dict[str, Any]) -> str:
    host, every_core = figure.get("host_ms"), figure.get("host_ms_every_core")
    both = f"; on every core at once {every_core[0]:g} → {every_core[1]:g} ms" if every_core else ""
    return f" (host workload {host[0]:g} → {host[1]:g} ms{both})" if host else ""


def _curated_rows(c: dict[str, Any]) -> list[str]:
    bv = c["build"]["median_ms"] + c["validate"]["median_ms"]
    lines = [f"| `mfkg build` (curated, nothing cached) | {_s(c['build']['median_ms'])} | |",
              f"| `mfkg build` after editing one model file | {_s(c['build_incremental']['median_ms'])} | ≤ ⅓ of a full build: "
              f"{_met(c['build_incremental_ratio'] <= 1 / 3)} ({c['build_incremental_ratio']:.2f}) |",
              *([f"| `mfkg validate` (with HermiT, caches off) | {_s(c['validate']['median_ms'])} | `mfkg build` then `mfkg validate`: "
                 f"{_s(bv)} (each compiles the catalogue) |",
                 f"| build + validate in one pass (`mfkg run`'s first steps, caches off) | {_s(c['build_and_validate']['median_ms'])}"
                 f"{_host(c['build_and_validate'])} | "
                 f"build + validate ≤ 5 s: {_met(c['build_and_validate']['median_ms'] <= 5000)} |"]
                if "build_and_validate" in c else
                [f"| `mfkg validate` (with HermiT, caches off) | {_s(c['validate']['median_ms'])} | build + validate ≤ 5 s: {_met(bv <= 5000)} ({_s(bv)}) |"]),
              f"| `mfkg validate` on data seen before (caches on) | {_s(c['validate_cached']['median_ms'])} | |",
              *([f"| `mfkg build` + `mfkg validate` after one model's description is edited (caches on) | "
                 f"{_s(c['build_incremental']['median_ms'] + c['validate_after_edit']['median_ms'])} | the same ≤ 5 s in a curator's "
                 f"loop: {_met(c['build_incremental']['median_ms'] + c['validate_after_edit']['median_ms'] <= 5000)} |"]
                if "validate_after_edit" in c else []),
              f"| cold `mfkg query run clip-protein-anchor` (whole process) | {_s(c['cold_start']['mfkg_ms'])} | ≤ 1.5× a minimal pyoxigraph script "
              f"({_s(c['cold_start']['raw_pyoxigraph_ms'])}): {_met(c['cold_start']['ratio'] <= 1.5)} ({c['cold_start']['ratio']:.2f}×) |"]
    if c.get("cold_commands"):
        lines.append("| cold commands that resolve names or check a query (whole process) | "
                     + "; ".join(f"{k} {_s(v['median_ms']) if 'median_ms' in v else 'failed'}" for k, v in c["cold_commands"].items())
                     + " | |")
    eng = [x["mfkg_over_raw"] for x in c["engines"].values()]
    if eng:
        lines.append(f"| mfkg store vs raw pyoxigraph, curated graph, per saved query | {min(eng):.2f}×–{max(eng):.2f}× | ≤ 1.2×: {_met(max(eng) <= 1.2)} |")
    return lines


def _scale_rows(scale: dict[str, Any]) -> list[str]:
    lines = []
    for size, s in scale.items():
        qs = {k: x for k, x in s.get("queries", {}).items() if "median_ms" in x}
        if not qs:
            lines.append(f"| {_size(int(size))} triples | {s.get('error') or s.get('note') or 'no figures'} | |")
            continue
        slow = max(qs.items(), key=lambda kv: kv[1]["median_ms"])
        over = [f"`{k}`" for k in sorted(k for k, x in qs.items() if x["median_ms"] > 1000)]
        over += [f"`{k}` ({x.get('error', 'no figure')})" for k, x in sorted(s.get("queries", {}).items()) if k not in qs]
        vt = [x["median_ms"] for x in (s.get("virtuoso") or {}).get("queries", {}).values() if "median_ms" in x]
        ratios = [x["oxigraph_over_virtuoso"] for x in qs.values() if "oxigraph_over_virtuoso" in x]
        lines.append(f"| {s.get('triples', 0):,} triples: {len(s.get('queries', {}))} questions on Oxigraph, {len(qs)} answered (load {s.get('load_ms', 0) / 1000:.0f} s) | "
                     f"median {_s(statistics.median(x['median_ms'] for x in qs.values()))}, slowest `{slow[0]}` "
                     f"{_s(slow[1]['median_ms'])}; over 1 s: {', '.join(over) or 'none'} | "
                     + (f"all < 1 s: {_met(not over and len(qs) == len(s.get('queries', {})))}" if int(size) >= 5_000_000 else "")
                     + " |")
        if vt:
            lines.append(f"| … same questions on Virtuoso | median {_s(statistics.median(vt))}, {len(vt)} answered; "
                         f"Oxigraph/Virtuoso {min(ratios):.2f}×–{max(ratios):.2f}× (median {statistics.median(ratios):.2f}×) | |")
    return lines


def _catalogue(label: str) -> str:
    return "curated catalogue" if label == "curated" else f"synthetic catalogue of {int(label):,} models"


def _growth_rows(g: dict[str, Any]) -> list[str]:
    lines = []
    for label, r in g.get("runs", {}).items():
        if "stages_ms" not in r:
            lines.append(f"| pipeline, {_catalogue(label)} | {r.get('error') or r.get('note') or 'did not finish'} | |")
            continue
        st = r["stages_ms"]
        lines.append(f"| pipeline, {_catalogue(label)} ({r['models']:,} models, {r['triples']:,} triples) | "
                     + ", ".join(f"{k} {_s(x)}" for k, x in st.items())
                     + (f" | build + validate ≤ 60 s: {_met(st['build'] + st['validate'] <= 60_000)} |" if r["models"] >= 3000 else " | |"))
    if g.get("exponents"):
        lines.append("| growth exponent per stage (log-log slope; 1 = linear) | "
                     + ", ".join(f"{k} {'-' if x is None else x}" for k, x in g["exponents"].items()) + " | |")
    return lines



def load_table(path: Path) -> str | None:
    """The table from a benchmark JSON file; None when there is none (the README's table is left as it is)."""
    from mfkg.errors import MfkgError

    if not Path(path).exists():
        return None
    try:
        return bench_table(json.loads(Path(path).read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as exc:
        raise MfkgError(f"{path}: not a benchmark JSON written by 'mfkg bench' ({type(exc).__name__}: {exc}); "
                        "write it again with 'mfkg bench --output'") from None
