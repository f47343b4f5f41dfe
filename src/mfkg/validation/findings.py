"""A finding of validation and the report that gathers them (kept apart from the stages that make
them, so that a report reused from the cache needs neither rdflib nor the loader)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Graph

SEVERITIES = ("violation", "warning", "info")


@dataclass(frozen=True)
class Finding:
    severity: str
    stage: str
    focus: str
    field: str
    message: str
    fix: str = ""
    file: str = ""
    line: int = 0

    def sort_key(self) -> tuple[Any, ...]:
        return (SEVERITIES.index(self.severity), self.stage, self.file, self.line, self.focus, self.field, self.message)


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)
    # the reasoner's inferred graph, when it ran and was consistent; a reused report keeps it as
    # N-Triples and parses it when asked (`mfkg validate` never asks)
    _inferred: Graph | None = field(default=None, repr=False)
    _inferred_nt: bytes | None = field(default=None, repr=False)

    @property
    def inferred(self) -> Graph | None:
        if self._inferred is None and self._inferred_nt is not None:
            from mfkg.rdf.serialise import new_graph

            graph = new_graph()
            graph.parse(data=self._inferred_nt.decode("utf-8"), format="nt")
            self._inferred, self._inferred_nt = graph, None
        return self._inferred

    @inferred.setter
    def inferred(self, graph: Graph | None) -> None:
        self._inferred, self._inferred_nt = graph, None

    def inferred_ntriples(self) -> bytes | None:
        """The inferred graph as sorted N-Triples (None without one)."""
        if self._inferred_nt is not None:
            return self._inferred_nt
        if self._inferred is None:
            return None
        from mfkg.rdf.oxio import nt_lines

        return b"\n".join(sorted(nt_lines(self._inferred))) + b"\n"

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def ok(self) -> bool:
        return self.count("violation") == 0

    def sorted(self) -> list[Finding]:
        return sorted(self.findings, key=Finding.sort_key)
