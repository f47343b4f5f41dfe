"""The graph an export writes: its N-Triples lines, unique and sorted, with the Oxigraph triples parsed
from them once. Every writer takes the triples in this order, so its bytes are the same in every run;
blank nodes keep the labels the build gave them (labels derived from what they say)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from rdflib import Graph


class ExportGraph:
    """Unique N-Triples lines (each `s p o .`) in sorted order, and the prefixes to write them with."""

    def __init__(self, lines: Iterable[str], prefixes: dict[str, str]):
        self.lines: list[str] = sorted(set(lines))
        self._prefixes = prefixes
        self.derived: dict[str, Any] = {}   # what writers compute from the graph once (the property graph)

    @classmethod
    def from_graph(cls, graph: Graph) -> ExportGraph:
        """An rdflib graph's triples (blank node labels as the graph has them) and bound prefixes."""
        from mfkg.rdf.oxio import nt_lines

        prefixes = {prefix: str(ns) for prefix, ns in graph.namespaces() if prefix}
        return cls((line.decode() for line in nt_lines(graph)), prefixes)

    def __len__(self) -> int:
        return len(self.lines)

    @cached_property
    def ntriples(self) -> bytes:
        return ("\n".join(self.lines) + "\n").encode("utf-8") if self.lines else b""

    @cached_property
    def triples(self) -> list[Any]:
        """The Oxigraph triples, in the order of `lines`."""
        import pyoxigraph as ox

        return [q.triple for q in ox.parse(self.ntriples, format=ox.RdfFormat.N_TRIPLES)]

    @cached_property
    def prefixes(self) -> dict[str, str]:
        """The prefixes whose namespace the graph uses, sorted by name."""
        text = self.ntriples
        return {p: ns for p, ns in sorted(self._prefixes.items()) if p and b"<" + ns.encode("utf-8") in text}

    def objects(self, subject: str, predicate: str) -> list[str]:
        """The N-Triples forms of the objects of (subject IRI, predicate IRI), found by bisection."""
        head = f"<{subject}> <{predicate}> "
        out = []
        for line in self.lines[bisect_left(self.lines, head):]:
            if not line.startswith(head):
                break
            out.append(line[len(head):-2])
        return out

    def value(self, subject: str, predicate: str) -> str | None:
        """The first IRI object of (subject, predicate), as a plain IRI string."""
        iris = [o[1:-1] for o in self.objects(subject, predicate) if o.startswith("<")]
        return iris[0] if iris else None
