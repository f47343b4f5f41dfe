"""OWL reasoning with HermiT (the copy owlready2 ships): consistency, unsatisfiable classes, inferred facts.

See `rdf.reasoner_input` for what the reasoner sees; `rdf.hermit` for how HermiT runs (in modules, in
parallel, cached).
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from mfkg.curation.filecache import FileCache, user_cache
from mfkg.errors import MfkgError
from mfkg.namespaces import MFKG
from mfkg.rdf.reasoner_input import reasoner_input_with_stand_ins
from mfkg.rdf.serialise import GraphText
from mfkg.rdf.triples import new_graph

if TYPE_CHECKING:
    from mfkg.rdf.triples import StagedBuild


@dataclass
class ReasonResult:
    consistent: bool
    unsatisfiable: list[str] = field(default_factory=list)
    inferred: Graph = field(default_factory=new_graph)
    seconds: float = 0.0

    @property
    def memberships(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for _, _, cls in self.inferred.triples((None, RDF.type, None)):
            key = str(cls).rsplit("/", 1)[-1]
            out[key] = out.get(key, 0) + 1
        return dict(sorted(out.items()))


def java_available() -> bool:
    return shutil.which("java") is not None


def reason(graph: Graph, *, cached: bool = True) -> ReasonResult:
    """Check consistency with HermiT and return the facts it infers (class memberships and
    object-property assertions in the mfkg namespace) as a separate graph. HermiT's answer is kept
    in the user's cache (see `curation.filecache.user_cache`) and reused for the same input, compared
    with blank nodes labelled by content; `cached=False` always runs it."""
    with Reasoning(graph, cached=cached) as pending:
        return pending.result()


class Reasoning:
    """The reasoner started on a graph: HermiT runs in a child process (unless the cache answers)
    while the caller does other work; `result()` waits for its answer. Used as a context manager,
    the child is ended on every way out (an error, Ctrl-C), so no Java process is left behind."""

    def __init__(self, graph: Graph, *, cached: bool = True, text: GraphText | None = None):
        self.graph = graph
        self.started = time.perf_counter()
        self._cache = user_cache("reasoner") if cached else None
        # the individuals left out take the classes of the one standing in for them (`rdf.stand_ins`)
        source, self._stand_ins = reasoner_input_with_stand_ins(graph, text.triples() if text is not None else None)
        self._key = _cache_key(source, self._cache) if self._cache is not None else ""
        self._answer = self._cache.get(self._key) if self._cache is not None and self._key else None
        # the caller works while HermiT runs (that is what this class is for): one core is left to it
        self._running = _start_hermit(source, self._cache, caller_busy=True) if self._answer is None else None
        # when the answer was there: a cached one now, HermiT's when its last process ended
        self._answered = time.perf_counter() if self._answer is not None else 0.0

    def result(self) -> ReasonResult:
        """The answer (waited for). Its `seconds` is the reasoner's own time: from the start until the
        answer was there, plus turning it into triples; not the time the caller spent elsewhere first."""

        if self._answer is None and self._running is not None:
            running = self._running
            self._answer = running.answer()
            self._answered = running.finished_at() or time.perf_counter()
            self._running = None
            if self._cache is not None and self._key:
                self._cache.put(self._key, self._answer)
        collected = time.perf_counter()
        consistent, unsat, types = self._answer
        graph = self.graph

        def seconds() -> float:
            return self._answered - self.started + time.perf_counter() - collected

        if not consistent:
            return ReasonResult(False, seconds=seconds())
        inferred = new_graph()
        for s in sorted({x for x in graph.subjects(RDF.type, None) if isinstance(x, URIRef)}):
            name = str(s)
            for iri in types.get(name) or types.get(self._stand_ins.get(name, name), ()):
                if (s, RDF.type, URIRef(iri)) not in graph:
                    inferred.add((s, RDF.type, URIRef(iri)))
        _property_rules(graph, inferred)
        return ReasonResult(True, list(unsat), inferred, seconds())

    def stop(self) -> None:
        """End HermiT if it is still running (nothing happens when it has answered)."""
        if self._running is not None:
            self._running.stop()
            self._running = None

    def __enter__(self) -> Reasoning:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def reason_while_building(staged: StagedBuild, reason: bool = True) -> Reasoning | None:
    """HermiT started on the first stage of `staged` (the records it reads) while the rest is built, and
    started again on the whole graph if the rest added a statement it reads; without `reason`, the rest
    is built. Raises `MfkgError` (no Java) before the rest is built; the caller stops what it gets back."""
    from mfkg.rdf.reasoner_input import Reads

    if not reason:
        staged.rest()
        return None
    pending = Reasoning(staged.graph)
    try:
        if staged.rest(Reads()):
            pending.stop()
            pending = Reasoning(staged.graph)
    except BaseException:
        pending.stop()
        raise
    return pending


def _cache_key(source: Graph, cache: FileCache) -> str:
    from importlib.metadata import version

    from mfkg.rdf.serialise import content_digest

    return cache.key("reasoner", f"owlready2 {version('owlready2')}", content_digest(source))


def input_lines(source: Graph) -> tuple[list[bytes], list[bytes]]:
    """The reasoner input as N-Triples lines, and the same lines with blank nodes named by their
    content (the same in every parse: keys for the cache)."""
    from mfkg.rdf.oxio import nt_lines
    from mfkg.rdf.serialise import bnode_content_lines, split_bnodes

    plain, with_bnodes = split_bnodes(source)
    linked = list(with_bnodes)
    lines = nt_lines(plain)
    return lines + nt_lines(linked), lines + bnode_content_lines(linked)


def _start_hermit(source: Graph, cache: FileCache | None = None, *, caller_busy: bool = False) -> _Modules:
    """Start HermiT (the copy owlready2 ships) on the reasoner input, by modules, in child processes;
    `caller_busy`: on one core fewer until the answer is asked for (see `hermit.Hermit`)."""
    if not java_available():
        raise MfkgError("the reasoner needs Java, which is not on PATH; install a JRE "
                        "(apt-get install default-jre-headless) or run 'make setup'")
    return _Modules(source, cache, caller_busy=caller_busy)


def _hermit(source: Graph, cache: FileCache | None = None) -> tuple[bool, list[str], dict[str, list[str]]]:
    """HermiT's answer on the reasoner input, waited for."""
    run = _start_hermit(source, cache)
    try:
        return run.answer()
    finally:
        run.stop()


class _Modules:
    """HermiT started on the modules of the reasoner input (see `rdf.hermit`) whose answer `cache`
    does not hold, plus a consistency check of the whole input when there is more than one module.
    `answer()` gives: consistent or not, the unsatisfiable classes, and every individual's classes in
    the mfkg vocabulary (all of them, not only the most specific)."""

    def __init__(self, source: Graph, cache: FileCache | None, *, caller_busy: bool = False):
        from importlib.metadata import version

        from mfkg.rdf import hermit

        lines, stable = input_lines(source)
        parts = hermit.modules(lines)
        self._cache = cache
        self._known = hermit.Answer()
        jobs: list[hermit.Job] = []
        self._keys: list[str] = []
        for part in parts:
            key = cache.key("hermit-module", f"owlready2 {version('owlready2')}",
                            b"\n".join(sorted(stable[i] for i in part))) if cache is not None else ""
            known = cache.get(key) if key and cache is not None else None
            if isinstance(known, hermit.Answer):
                self._known.merge(known)
            else:
                jobs.append((("-c", "-I"), b"\n".join(lines[i] for i in part) + b"\n"))
                self._keys.append(key)
        if len(parts) > 1:   # modules cannot show that the whole is consistent: one more run checks it
            jobs.append((("-k",), b"\n".join(lines) + b"\n"))
        self.jobs = [actions for actions, _ in jobs]
        self._run = hermit.Hermit(jobs, hermit.hermit_folder(), caller_busy=caller_busy) if jobs else None
        self._ready = time.perf_counter()   # when no job runs: every module's answer came from the cache

    def pids(self) -> list[int]:
        return self._run.pids() if self._run is not None else []

    def finished_at(self) -> float | None:
        """When the answer was there (`time.perf_counter`): when the last HermiT process ended, or when the
        cache gave every module's answer; None while a process still runs."""
        return self._run.finished_at if self._run is not None else self._ready

    def stop(self) -> None:
        if self._run is not None:
            self._run.stop()

    def answer(self) -> tuple[bool, list[str], dict[str, list[str]]]:
        from mfkg.rdf import hermit

        answer = self._known
        if self._run is not None:
            for key, got in zip(self._keys + [""], self._run.answers()):
                answer.merge(got)
                if key and self._cache is not None and got.consistent:
                    self._cache.put(key, got)
        if not answer.consistent:
            return False, [], {}
        parents = answer.parents

        def ancestors(cls: str, seen: set[str]) -> set[str]:
            for parent in parents.get(cls, ()):
                if parent not in seen:
                    seen.add(parent)
                    ancestors(parent, seen)
            return seen

        mfkg = str(MFKG)
        types: dict[str, list[str]] = {}
        for ind, classes in answer.direct.items():
            if not ind.startswith("https://w3id.org/mfkg/") or ind.startswith(mfkg):
                continue
            closure: set[str] = set()
            for cls in classes:
                closure |= {cls} | ancestors(cls, set())
            types[ind] = sorted(c for c in closure if c.startswith(mfkg))
        return True, hermit.unsatisfiable(answer), types


def _property_rules(graph: Graph, inferred: Graph) -> None:
    """Property assertions entailed by the ontology's inverse, transitive and sub-property axioms
    (the OWL 2 RL rules prp-inv, prp-trp, prp-spo1), applied to the asserted graph."""

    def add(t: tuple) -> None:
        if t not in graph:
            inferred.add(t)

    for p, q in graph.subject_objects(OWL.inverseOf):
        for s, o in graph.subject_objects(p):
            add((o, q, s))
        for s, o in graph.subject_objects(q):
            add((o, p, s))
    for p in graph.subjects(RDF.type, OWL.TransitiveProperty):
        edges: dict = {}
        for s, o in graph.subject_objects(p):
            edges.setdefault(s, set()).add(o)
        for start in list(edges):
            seen, stack = set(), list(edges[start])
            while stack:
                n = stack.pop()
                if n in seen:
                    continue
                seen.add(n)
                stack.extend(edges.get(n, ()))
            for o in seen:
                if o != start:
                    add((start, p, o))
    for sub, sup in graph.subject_objects(RDFS.subPropertyOf):
        if not str(sup).startswith(str(MFKG)) and sup != URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"):
            continue
        for s, o in graph.subject_objects(sub):
            add((s, sup, o))


def run_reasoner(graph_file: Path, output: Path) -> ReasonResult:
    """Reason over a built graph file and write the inferred graph (Turtle) atomically."""
    from mfkg.rdf.serialise import atomic_write, serialize_turtle

    if not Path(graph_file).exists():
        raise MfkgError(f"{graph_file} does not exist; run 'mfkg build' first")
    from mfkg.rdf.oxio import read_rdf

    g = read_rdf(graph_file)
    result = reason(g)
    if result.consistent:
        atomic_write(output, serialize_turtle(result.inferred))
    else:
        Path(output).unlink(missing_ok=True)
    return result
