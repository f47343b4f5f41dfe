"""A released variant's size against the range its model is said to span.

A variant's size is a `parameter_count` claim with `variant:`; the model's stated range is its
`parameter_count` claims without `variant:` (`up-to` an upper bound, `at-least`/`more-than` a lower
bound, `exactly` a point, `approximately` or no qualifier a point give or take `SLACK`), and the
seed's figure where a seed claim about the model was checked against such a claim. Stated
sizes are rounded ("650M"), so a bound gives `SLACK` unless both claims say `exactly`.

Severity: when one source states both the range and the variant's size, the record contradicts
its own source, which stops the build (a violation). When the two come from different sources
(a paper and a later model card), or the range is the seed's, it is a warning for a curator.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from mfkg.curation.loaded import Loaded, Records
from mfkg.errors import Problem

SLACK = 0.10   # relative: "650M" may stand for 651,043,254


@dataclass(frozen=True)
class Stated:
    """One statement of a model's size."""

    low: float | None
    high: float | None
    words: str          # "up to 15,000,000,000"
    where: str          # "data/models/esm2.yaml:40"
    what: str           # "claim 'params-15b-paper', source lin2023esm2"
    source: str | None  # publication id; None for the seed
    exact: bool


def _words(qualifier: str | None, value: int) -> str:
    v = f"{value:,}"
    return {"up-to": f"up to {v}", "at-least": f"at least {v}", "more-than": f"more than {v}",
            "exactly": f"exactly {v}"}.get(qualifier or "", f"about {v}")


def _bounds(qualifier: str | None, value: int) -> tuple[float | None, float | None]:
    if qualifier == "up-to":
        return None, value
    if qualifier in ("at-least", "more-than"):
        return value, None
    return value, value


def _stated(x: Loaded, seeds: dict[str, list[Loaded]]) -> list[Stated]:
    out = []
    for i, c in enumerate(x.record.claims):
        if c.property == "parameter_count" and c.variant is None and isinstance(c.value, int):
            low, high = _bounds(c.qualifier, c.value)
            out.append(Stated(low, high, _words(c.qualifier, c.value), f"{x.doc.file}:{x.line('claims', i, 'value')}",
                              f"claim '{c.id}', source {c.source}", c.source, c.qualifier == "exactly"))
    for s in seeds.get(x.id, []):
        value = s.record.seed_value
        out.append(Stated(value, value, _words(None, value), f"{s.doc.file}:{s.line('seed_value')}",
                          f"seed claim '{s.id}'", None, False))
    return out


def _seed_sizes(catalog: Records) -> dict[str, list[Loaded]]:
    """Seed claims about a model's size: a whole-number figure checked against a model-level
    parameter count (one checked against a variant's count is about that variant; one already found
    to differ is recorded as such and not compared again)."""
    counts = {f"{x.id}/{c.id}" for x in catalog.of("model") for c in x.record.claims
              if c.property == "parameter_count" and c.variant is None}
    out: dict[str, list[Loaded]] = {}
    for s in catalog.of("seed-claim"):
        r = s.record
        if (r.about.startswith("model/") and r.verdict != "differs" and isinstance(r.seed_value, int)
                and not isinstance(r.seed_value, bool) and r.seed_value > 0
                and any(ref in counts for ref in r.checked_against)):
            out.setdefault(r.about.removeprefix("model/"), []).append(s)
    return out


def variant_sizes(catalog: Records) -> Iterator[Problem]:
    """Each variant size outside a stated range of its model, at the variant's claim."""
    seeds = _seed_sizes(catalog)
    for x in catalog.of("model"):
        stated = _stated(x, seeds)
        if not stated:
            continue
        for i, c in enumerate(x.record.claims):
            if c.property != "parameter_count" or c.variant is None or not isinstance(c.value, int):
                continue
            for s in stated:
                slack = 0.0 if (s.exact and c.qualifier == "exactly") else SLACK
                if s.high is not None and c.value > s.high * (1 + slack):
                    side = "more than"
                elif s.low is not None and c.value < s.low / (1 + slack):
                    side = "less than"
                else:
                    continue
                same = s.source is not None and s.source == c.source
                yield Problem(
                    x.doc.file, x.line("claims", i, "value"), f"claims[{i}].value",
                    f"variant '{c.variant}' has {c.value:,} parameters (claim '{c.id}', source {c.source}), "
                    f"{side} the model's stated {s.words} ({s.where}, {s.what})",
                    (f"both figures come from {c.source}: re-read it and correct the claim that misquotes it"
                     if same else "check both figures against their sources; if the model-level figure describes "
                     "one variant only, give that claim `variant:`"),
                    severity="violation" if same else "warning")
