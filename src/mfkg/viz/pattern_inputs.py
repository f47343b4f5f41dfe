"""Which modalities a pattern's diagram draws as its inputs, from the graph.

The ontology gives a pattern no input modalities of its own (a pattern is a way of binding any
modalities), so the lanes are examples taken from the models that follow it: for a pattern that binds
modalities, the pair of input modalities read together by the most of its models (ties go to a pair
the seed's matrix asks for with this pattern, then to names); for a single-modality pattern, the
modality most of its models read. The diagram says so, with the counts and the models.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from mfkg.viz.seed_data import SeedGraph

EXAMPLES = 4   # models named per example


@dataclass
class PatternInputs:
    """The input lanes of one pattern's diagram, and why they are these."""

    lanes: list[str]                       # modality names, one per lane
    lane_ids: list[str] = field(default_factory=list)
    lane_counts: list[int] = field(default_factory=list)   # models of the pattern reading each lane's modality
    together: int = 0                      # models reading every lane's modality
    total: int = 0                         # models of the pattern with recorded input modalities
    examples: list[str] = field(default_factory=list)      # names of models reading every lane's modality
    others: list[tuple[str, int]] = field(default_factory=list)   # the next most common choices

    @property
    def from_data(self) -> bool:
        return bool(self.lane_ids)

    def note(self) -> str:
        """The sentence beside the diagram that says where the lanes come from."""
        if not self.from_data:
            return "No model in the graph follows this pattern with recorded inputs; the lanes are placeholders."
        what = "pair read together" if len(self.lanes) > 1 else "modality read"
        more = f" Next: {'; '.join(f'{t} ({n})' for t, n in self.others)}." if self.others else ""
        return (f"Example inputs, not a rule of the pattern: the {what} by the most of its models, "
                f"{self.together} of {self.total} ({', '.join(self.examples)}{' …' if self.together > len(self.examples) else ''}).{more}")


def single_modality(attrs: dict[str, Any]) -> bool:
    """A pattern whose fusion stage is 'none …' reads one modality."""
    fusion = attrs.get("fusion_stage")
    text = "; ".join(str(v) for v in fusion) if isinstance(fusion, list) else str(fusion or "")
    return text.strip().lower().startswith("none")


def pattern_inputs(sg: SeedGraph, pattern: str) -> PatternInputs:
    """The example input lanes of a pattern's diagram (see the module's docstring)."""
    reads = {m: set(sg.out(m, "HAS_INPUT_MODALITY")) for m in sg.into(pattern, "FOLLOWS_PATTERN")}
    reads = {m: mods for m, mods in reads.items() if mods}
    lanes_wanted = 1 if single_modality(sg.attrs(pattern)) else 2
    single = Counter(x for mods in reads.values() for x in mods)
    choices: Counter[tuple[str, ...]] = Counter()
    for mods in reads.values():
        choices.update(tuple(sorted(c)) for c in combinations(sorted(mods), lanes_wanted))
    if not choices:
        return PatternInputs(lanes=["A", "B"][:lanes_wanted] if lanes_wanted > 1 else ["one modality"], total=len(reads))
    asked = _matrix_sets(sg, pattern)

    def rank(choice: tuple[str, ...]) -> tuple[int, int, str]:
        return (-choices[choice], 0 if any(set(choice) <= need for need in asked) else 1,
                " + ".join(sg.name(x).lower() for x in choice))

    ordered = sorted(choices, key=rank)
    # lanes: the modality more of the pattern's models read first, then the one more models of the graph read
    best = sorted(ordered[0], key=lambda x: (-single[x], -len(sg.into(x, "HAS_INPUT_MODALITY")), sg.name(x).lower()))
    readers = sg.by_name([m for m, mods in reads.items() if set(best) <= mods])
    others = [(" + ".join(sg.name(x) for x in c), choices[c]) for c in ordered[1:4]]
    return PatternInputs(lanes=[sg.name(x) for x in best], lane_ids=best, lane_counts=[single[x] for x in best],
                         together=len(readers), total=len(reads), examples=[sg.name(m) for m in readers[:EXAMPLES]],
                         others=others)


def _matrix_sets(sg: SeedGraph, pattern: str) -> list[set[str]]:
    """The data requirements of the seed's matrix rows that recommend this pattern."""
    return [set(sg.out(req, "REQUIRES_MODALITY")) for rec in sg.into(pattern, "RECOMMENDS_PATTERN")
            for req in sg.out(rec, "HAS_DATA_REQUIREMENT")]
