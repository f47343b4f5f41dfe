"""The scale series as text: one line per saved question and size, Oxigraph beside Virtuoso, and what
bounded each question that took over a second at the largest size."""

from __future__ import annotations

import statistics
from typing import Any

from mfkg.bench.bounds import BOUNDED_BY, NOT_RESCUED

TARGET_MS = 1000.0
SHAPE_NAMES = {"copies": "copies of the curated models with all the build says of them",
               "skeleton": "the skeleton generator: every model with a parameter and a cell count, nothing else"}


def _ms(v: float | None) -> str:
    if v is None:
        return "-"
    return f"{v / 1000:.2f}s" if v >= 1000 else f"{v:.1f}"


def scale_lines(scale: dict[str, Any]) -> list[str]:
    lines = ["", "SCALE SERIES (curated + seeded synthetic graph of the same shape; every saved question; "
                 "medians in ms; ox = raw pyoxigraph, mfkg/raw = mfkg's store over it, vt = Virtuoso)"]
    sizes = list(scale)
    for size in sizes:
        s = scale[size]
        if "queries" not in s:
            lines.append(f"  {int(size):>10,} triples: {s.get('error', 'no figures')}")
            continue
        v = s.get("virtuoso") or {}
        vt = f"Virtuoso load {v['load_ms'] / 1000:.1f} s" if "load_ms" in v else f"Virtuoso: {v.get('error', 'not run')}"
        qs = {k: x for k, x in s["queries"].items() if "median_ms" in x}
        med = statistics.median(x["median_ms"] for x in qs.values()) if qs else 0.0
        lines.append(f"  {s.get('triples', 0):>10,} triples: Oxigraph load {s.get('load_ms', 0) / 1000:.1f} s, disk "
                     f"{s.get('disk_bytes', 0) / 2**20:.0f} MiB, max RSS {s.get('max_rss_mb', 0):.0f} MiB, "
                     f"{len(qs)} questions, median {med:.1f} ms; {vt}")
        if s.get("synthetic_models"):
            what = SHAPE_NAMES.get(s.get("synthetic_shape", ""), s.get("synthetic_shape", ""))
            lines.append(f"      synthetic part: {s['synthetic_models']:,} models, {s.get('synthetic_triples', 0):,} triples ({what})")
        if s.get("budget_s"):
            lines.append("      time budget at this size: " + ", ".join(f"{e} {t:.0f} s" for e, t in s["budget_s"].items())
                         + " (a part stopped at its budget lists what it finished)")
        for note in (s.get("note"), v.get("note")):
            if note:
                lines.append(f"      {note}")
    names = sorted({n for s in scale.values() for n in s.get("queries", {})})
    head = f"  {'question':32}" + "".join(f" | {_short(size):>5}: {'ox':>7} {'mfkg/raw':>8} {'vt':>7} {'ox/vt':>6}"
                                          for size in sizes)
    lines.append(head)
    for name in names:
        row = f"  {name:32}"
        for size in sizes:
            x = scale[size].get("queries", {}).get(name, {})
            vt = (scale[size].get("virtuoso") or {}).get("queries", {}).get(name, {})
            if "error" in x:
                row += f" | {'':>5}  {'>limit' if x.get('over_limit') else 'error':>7} {'':>8} {'':>7} {'':>6}"
                continue
            ratio = f"{x['mfkg_over_raw']:.2f}" if "mfkg_over_raw" in x else "-"
            vms = _ms(vt.get("median_ms")) if "median_ms" in vt else ("error" if "error" in vt else "-")
            ovt = f"{x['oxigraph_over_virtuoso']:.2f}" if "oxigraph_over_virtuoso" in x else "-"
            row += f" | {'':>5}  {_ms(x.get('median_ms')):>7} {ratio:>8} {vms:>7} {ovt:>6}"
        lines.append(row)
    if sizes:
        top = scale[sizes[-1]].get("queries", {})
        slow = sorted((n for n, x in top.items() if x.get("median_ms", 0) > TARGET_MS), key=lambda n: -top[n]["median_ms"])
        slow += [n for n in names if top.get(n, {}).get("over_limit")]
        missing = [n for n in names if n not in top]
        lines.append(f"  target every question < 1 s at {_short(sizes[-1])}: "
                     + ("met" if not slow and not missing else "MISSED for " + ", ".join(slow + [f"{n} (not measured)" for n in missing])))
        for engine, key in (("Oxigraph", None), ("Virtuoso", "virtuoso")):
            errors = {n: x["error"] for s in scale.values()
                      for n, x in ((s.get(key) or {}) if key else s).get("queries", {}).items()
                      if "error" in x and not x.get("over_limit")}
            for n, e in sorted(errors.items()):
                lines.append(f"  {engine} could not run {n}: {e.strip().splitlines()[0][:140]}")
        for size in sizes:   # a ratio compares like with like only where both engines gave the same answer
            vq = (scale[size].get("virtuoso") or {}).get("queries", {})
            differ = [f"{n} ({x['rows']:,} vs {vq[n]['rows']:,})" for n, x in sorted(scale[size].get("queries", {}).items())
                      if "rows" in x and "rows" in vq.get(n, {}) and x["rows"] != vq[n]["rows"]]
            if differ:
                lines.append(f"  rows differ at {_short(size)} (Oxigraph vs Virtuoso): " + ", ".join(differ))
        if slow:
            lines.append(f"  what bounded the questions over 1 s at {_short(sizes[-1])}:")
            lines += [f"    {n}: {BOUNDED_BY.get(n, 'not yet looked at')}" for n in dict.fromkeys(slow)]
            lines.append(f"  and what did not help: {NOT_RESCUED}")
    return lines


def _short(size: str) -> str:
    n = int(size)
    return f"{n / 1e6:g}M" if n >= 1_000_000 else f"{n / 1e3:g}k" if n >= 1000 else str(n)
