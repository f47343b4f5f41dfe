"""HermiT (the copy owlready2 ships), run as Java processes over modules of the reasoner input.
Every process writes to files (it never waits for a reader), is killed when the caller gives up, and
ends with its parent (Linux) even when the parent is killed without a chance to clean up.

Why modules: realising the individuals (`-I`) makes HermiT test each individual against the whole
ABox, so its time grows with the square of the catalogue (measured here before `rdf.hints`: 12.8 s of CPU
at 322 models, 133 s at 1,000; with them, 105 s at 3,000 as one input). The input is therefore split:

- the shared part — the ontology and every statement that names no model or seed claim (modalities,
  patterns, tasks, limits …) — goes into every module;
- the models are grouped into their connected parts (a model with everything that names it and the
  seed claims about it, joined with every model a statement links it to), and the parts into modules of
  `MODELS_PER_MODULE` to twice as many models (so the curated catalogue is one module), filled in the order of the parts' first model IRIs, so that editing
  a model changes one module (adding or removing models may move the later boundaries).

Each module is classified and realised (`-c -I`) on its own, in parallel, one process per core (in
the background, on one core fewer while the caller does other work), and its answer is cached under a digest of its
own text; one more process checks the consistency of the whole input (`-k`), which separate modules cannot show. A model's types are then what its module
entails. This is complete as long as nothing carries a constraint from one model through a shared
individual to another: the input is split only when it has no universal or maximum-cardinality
restriction, inverse-functional property, key, property chain or sameAs, and no statement from a
shared individual to a model by a functional or transitive property (`modular`); otherwise it is
reasoned over whole. A test compares the modular answer with HermiT's answer on the whole curated
input split into small modules; the same comparison on a 1,000-model synthetic catalogue agreed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from mfkg.errors import MfkgError
from mfkg.forked import die_with_parent
from mfkg.namespaces import BASE

# at 3,000 models, with the stated memberships of `rdf.hints`: 15 modules of 200 took 110 s of CPU (56 s on
# two cores), 10 of 300 65 s (34 s), 7 of 400 55 s (29 s), 6 of 500 56 s (29 s), 3 of 1,000 61 s (36 s) and
# the whole input in one 105 s: below 400 each module's fixed work (start, classification) dominates
MODELS_PER_MODULE = 400
# the records whose number grows with the catalogue: a seed claim joins the part of the model it is about
_MEMBER = re.compile(rb"<" + re.escape(BASE.encode()) + rb"((?:model|seed-claim)/[^>/]+)")
_OWL = "http://www.w3.org/2002/07/owl#"
# axioms that can carry a constraint between individuals through a shared one: with any of them in the
# input, the modules would not be complete, so the input is reasoned over whole
NOT_MODULAR_NAMES = tuple(f"{_OWL}{name}" for name in (
    "allValuesFrom", "maxCardinality", "maxQualifiedCardinality", "cardinality", "qualifiedCardinality",
    "InverseFunctionalProperty", "hasKey", "propertyChainAxiom", "sameAs"))
_NOT_MODULAR = tuple(f"<{name}>".encode() for name in NOT_MODULAR_NAMES)
_RDF_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_LINE = re.compile(r"^(SubClassOf|EquivalentClasses|Type)\(\s*(.*?)\s*\)\s*$")
_NOTHING = "http://www.w3.org/2002/07/owl#Nothing"
_INCONSISTENT = ("Inconsistent ontology", "InconsistentOntology")


@dataclass
class Answer:
    """What HermiT said about one input: consistent or not, the class hierarchy it printed
    (child → parents, equivalences both ways) and each individual's direct types."""

    consistent: bool = True
    parents: dict[str, set[str]] = field(default_factory=dict)
    direct: dict[str, set[str]] = field(default_factory=dict)

    def merge(self, other: Answer) -> None:
        self.consistent = self.consistent and other.consistent
        for table, more in ((self.parents, other.parents), (self.direct, other.direct)):
            for k, v in more.items():
                table.setdefault(k, set()).update(v)


def modular(lines: Sequence[bytes]) -> bool:
    """Whether modules give the whole input's answer (see the module docstring): none of the axioms
    in `_NOT_MODULAR`, and no statement from a shared individual to a model or seed claim by a
    functional or transitive property (or the inverse of a transitive one)."""
    if any(marker in line for line in lines for marker in _NOT_MODULAR):
        return False
    functional, transitive = f"<{_OWL}FunctionalProperty> .".encode(), f"<{_OWL}TransitiveProperty> .".encode()
    inverse = f"<{_OWL}inverseOf>".encode()
    triples = [(line.split(b" ", 2) + [b"", b""])[:3] for line in lines]
    transitives = {s for s, p, o in triples if p == _RDF_TYPE and o == transitive}
    constrained = {s for s, p, o in triples if p == _RDF_TYPE and o == functional} | transitives
    for s, p, o in triples:
        if p == inverse:
            other = o.removesuffix(b" .")
            if s in transitives:
                constrained.add(other)
            if other in transitives:
                constrained.add(s)
    return not any(p in constrained and not _MEMBER.match(s) and _MEMBER.match(o) for s, p, o in triples)


def modules(lines: Sequence[bytes], per_module: int = MODELS_PER_MODULE) -> list[list[int]]:
    """The indices of `lines` (N-Triples) in each module: the shared lines in every module, each
    connected part of models (with the seed claims about them) in one module, about `per_module` to
    twice as many models per module; the whole input as one module when `modular` says no."""
    whole = [list(range(len(lines)))]
    if len(lines) == 0 or not modular(lines):
        return whole
    owner: list[bytes | None] = []
    parent: dict[bytes, bytes] = {}

    def find(x: bytes) -> bytes:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for line in lines:
        named = _MEMBER.findall(line)
        for m in named:
            parent.setdefault(m, m)
        for m in named[1:]:
            a, b = find(m), find(named[0])
            if a != b:
                parent[max(a, b)] = min(a, b)
        owner.append(named[0] if named else None)
    sizes: dict[bytes, int] = {}   # each part's number of models, by its root
    firsts: dict[bytes, bytes] = {}   # each part's first member, which orders the parts
    for m in sorted(parent):
        root = find(m)
        sizes[root] = sizes.get(root, 0) + m.startswith(b"model/")
        firsts.setdefault(root, m)
    n_models = sum(sizes.values())
    count = max(1, n_models // per_module)
    target = max(n_models, 1) / count
    bucket: dict[bytes, int] = {}
    filled = 0
    for root in sorted(sizes, key=firsts.__getitem__):   # consecutive parts fill each module in turn
        bucket[root] = min(count - 1, int(filled // target))
        filled += sizes[root]
    shared = [i for i, m in enumerate(owner) if m is None]
    out: list[list[int]] = [list(shared) for _ in range(count)]
    for i, m in enumerate(owner):
        if m is not None:
            out[bucket[find(m)]].append(i)
    return [mod for mod in out if len(mod) > len(shared)] or whole


def parse_output(text: str) -> Answer:
    """HermiT's printed hierarchy (`-c`) and types (`-I`)."""
    answer = Answer()
    for line in text.splitlines():
        m = _LINE.match(line.strip())
        if not m:
            continue
        kind, iris = m.group(1), re.findall(r"<([^>]*)>|(owl:\w+)", m.group(2))
        names = [a or b.replace("owl:", "http://www.w3.org/2002/07/owl#") for a, b in iris]
        if kind == "SubClassOf" and len(names) == 2:
            answer.parents.setdefault(names[0], set()).add(names[1])
        elif kind == "EquivalentClasses":
            for a in names:
                answer.parents.setdefault(a, set()).update(b for b in names if b != a)
        elif kind == "Type" and len(names) == 2:
            answer.direct.setdefault(names[0], set()).add(names[1])
    return answer


def unsatisfiable(answer: Answer) -> list[str]:
    return sorted(c for c in answer.parents if _NOTHING in answer.parents[c] and c != _NOTHING)


def java_options() -> list[str]:
    """The JVM's options: the serial collector (on this workload G1's concurrent threads cost a
    quarter more CPU for nothing), and only the quick just-in-time compiler: the optimising one spent
    more CPU compiling than it saved on runs this short (curated catalogue 4.8 -> 3.2 s of CPU in the
    same 2.9 s; 3,000 models' modules 40.9 -> 30.3 s of CPU, 21.4 -> 15.9 s on two cores), CPU that
    SHACL, running beside HermiT, needs."""
    return ["-Xmx2000M", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]


def _command(actions: Sequence[str], path: Path, hermit: Path) -> list[str]:
    return [shutil.which("java") or "java", *java_options(), "-cp", f"{hermit}{os.pathsep}{hermit / 'HermiT.jar'}",
            "org.semanticweb.HermiT.cli.CommandLine", *actions, path.as_uri()]


def _answer(returncode: int, out: bytes, err: bytes) -> Answer:
    if returncode != 0:
        said = (err + out).decode("utf-8", "replace")
        if any(marker in said for marker in _INCONSISTENT):
            return Answer(consistent=False)
        first = next((line for line in said.splitlines() if line.strip()), "no message")
        raise MfkgError(f"the reasoner failed to run ({first[:200]}); check the Java install")
    return parse_output(out.decode("utf-8", "replace"))


Job = tuple[tuple[str, ...], bytes]   # HermiT's actions, and its input as N-Triples


class Hermit:
    """HermiT run on a list of jobs, at most `workers` processes at a time (default: one per core):
    the first ones start at once, a background thread starts the others as processes end, and
    `answers()` waits for all of them (in the order of the jobs). `stop()` kills what still runs.

    With `caller_busy`, one core is left to the caller until it asks for the answers; from then on every
    core runs HermiT. A caller that builds and checks the graph meanwhile is the longer path, and HermiT's
    processes on every core took CPU from it: at 3,000 models, `mfkg run`'s build and validation took
    59.0 -> 53.0 s on average over five alternated pairs of runs (on a host whose speed moved as much)."""

    def __init__(self, jobs: Sequence[Job], hermit: Path, workers: int | None = None, *, caller_busy: bool = False):
        self._jobs, self._hermit = list(jobs), hermit
        self._all = max(1, min(len(self._jobs), workers or os.cpu_count() or 1))
        self._workers = max(1, self._all - 1) if caller_busy else self._all
        self._tmp = tempfile.TemporaryDirectory(prefix="mfkg-reason-")
        self._answers: dict[int, Answer] = {}
        self._running: dict[int, subprocess.Popen[bytes]] = {}
        self._pending = list(range(len(self._jobs)))
        self._failure: BaseException | None = None
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self.finished_at: float | None = None   # when the last process ended (time.perf_counter)
        try:
            self._start_next()
        except BaseException:
            self.stop()
            raise
        self._thread = threading.Thread(target=self._drive, name="mfkg-hermit", daemon=True)
        self._thread.start()

    def pids(self) -> list[int]:
        with self._lock:
            return [proc.pid for proc in self._running.values()]

    def _start_next(self) -> None:
        folder = Path(self._tmp.name)
        with self._lock:
            while self._pending and len(self._running) < self._workers and not self._stopping.is_set():
                i = self._pending.pop(0)
                (folder / f"{i}.nt").write_bytes(self._jobs[i][1])
                with open(folder / f"{i}.out", "wb") as out, open(folder / f"{i}.err", "wb") as err:
                    self._running[i] = subprocess.Popen(
                        _command(self._jobs[i][0], folder / f"{i}.nt", self._hermit), stdin=subprocess.DEVNULL,
                        stdout=out, stderr=err, preexec_fn=die_with_parent())

    def _drive(self) -> None:
        folder = Path(self._tmp.name)
        try:
            while not self._stopping.is_set():
                with self._lock:
                    done = [(i, proc.returncode) for i, proc in self._running.items() if proc.poll() is not None]
                    for i, _ in done:
                        del self._running[i]
                    if not done and not self._running and not self._pending:
                        self.finished_at = time.perf_counter()
                        return
                for i, code in done:
                    self._answers[i] = _answer(code, (folder / f"{i}.out").read_bytes(), (folder / f"{i}.err").read_bytes())
                self._start_next()
                if not done:
                    self._stopping.wait(0.02)
        except BaseException as exc:   # handed to the caller by answers()
            self._failure = exc

    def answers(self) -> list[Answer]:
        try:
            if self._workers < self._all:   # the caller waits from now on: every core runs HermiT
                with self._lock:
                    self._workers = self._all
                self._start_next()
            self._thread.join()
            if self._failure is not None:
                raise self._failure
            return [self._answers[i] for i in range(len(self._jobs))]
        finally:
            self.stop()

    def stop(self) -> None:
        """Kill the processes that still run, wait for them, and remove their files."""
        self._stopping.set()
        with self._lock:
            for proc in self._running.values():
                if proc.poll() is None:
                    proc.kill()
                proc.wait()
            self._running.clear()
        thread = getattr(self, "_thread", None)
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        self._tmp.cleanup()


def hermit_folder() -> Path:
    """Where owlready2 keeps HermiT (located, not imported: only its jar is used)."""
    import importlib.util

    spec = importlib.util.find_spec("owlready2")
    if spec is None or spec.origin is None:
        raise MfkgError("the reasoner needs the owlready2 package (it ships HermiT); run 'make setup'")
    return Path(spec.origin).parent / "hermit"


def run_jobs(jobs: Sequence[Job], workers: int | None = None) -> list[Answer]:
    """Run HermiT on every job and wait for the answers (the processes are stopped on any way out)."""
    return Hermit(jobs, hermit_folder(), workers).answers()
