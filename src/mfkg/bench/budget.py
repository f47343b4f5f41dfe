"""The scale series' time budget: how the whole series' seconds are split between sizes and engines."""

from __future__ import annotations

# what a part costs beyond its size: a process per question and each question's fixed work, about what
# 2M triples' worth of loading and scanning costs here (1M took 2.5 times its share in proportion to size)
FIXED_WEIGHT = 2_000_000


def part_weights(sizes: list[int], virtuoso: bool) -> dict[tuple[int, str], int]:
    """Each (size, engine)'s weight in the series' budget: its size plus a fixed part, twice that for
    Oxigraph at the smallest size (where mfkg's store is timed beside the raw engine)."""
    engines = ("oxigraph", "virtuoso") if virtuoso else ("oxigraph",)
    smallest = min(sizes) if sizes else 0
    return {(size, e): (size + FIXED_WEIGHT) * (2 if e == "oxigraph" and size == smallest else 1)
            for size in sizes for e in engines}


def budget_split(sizes: list[int], total_s: float, virtuoso: bool) -> dict[str, dict[str, float]]:
    """The series' time budget per size and engine before any part has run (`part_weights`). While the
    series runs, each part gets its weight's share of what is left, so what one leaves unused goes to
    the parts after it (`bench_scale`)."""
    weights = part_weights(sizes, virtuoso)
    whole = sum(weights.values()) or 1
    out: dict[str, dict[str, float]] = {}
    for (size, engine), w in weights.items():
        out.setdefault(str(size), {})[engine] = round(total_s * w / whole, 1)
    return out
