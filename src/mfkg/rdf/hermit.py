"""One HermiT process and its answer: started on the reasoner input (N-Triples in a temporary
folder), its output read from files, killed when the caller gives up, and ended with its parent
(Linux) even when the parent is killed without a chance to clean up."""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from mfkg.errors import MfkgError
from mfkg.namespaces import MFKG

_LINE = re.compile(r"^(SubClassOf|EquivalentClasses|Type)\(\s*(.*?)\s*\)\s*$")
_NOTHING = "http://www.w3.org/2002/07/owl#Nothing"


def java_options() -> list[str]:
    """The JVM's options: the serial collector (on this workload G1's concurrent threads cost a
    quarter more CPU for nothing)."""
    return ["-Xmx2000M", "-XX:+UseSerialGC"]


def die_with_parent() -> Callable[[], None] | None:
    """A function for the child, run between fork and exec, asking Linux to kill it when its parent
    dies (a SIGKILLed `mfkg validate` leaves no HermiT behind); None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return None
    pr_set_pdeathsig = 1

    def arm() -> None:
        prctl(pr_set_pdeathsig, signal.SIGKILL)

    return arm


class Hermit:
    """One HermiT process: asked to classify the classes and realise the individuals (`-c -I`) and
    nothing else (classifying the properties too, as owlready2 does, costs a third more and gives
    nothing this needs). Its output goes to files, not pipes, so it never waits for a reader."""

    def __init__(self, source: Graph, hermit: Path):
        import subprocess

        self._tmp = tempfile.TemporaryDirectory(prefix="mfkg-reason-")
        tmp = Path(self._tmp.name)
        nt = tmp / "input.nt"
        try:
            source.serialize(nt, format="nt", encoding="utf-8")
            command = [shutil.which("java") or "java", *java_options(),
                       "-cp", f"{hermit}{os.pathsep}{hermit / 'HermiT.jar'}",
                       "org.semanticweb.HermiT.cli.CommandLine", "-c", "-I", nt.as_uri()]
            with open(tmp / "out", "wb") as out, open(tmp / "err", "wb") as err:
                self.proc: subprocess.Popen[bytes] | None = subprocess.Popen(
                    command, stdin=subprocess.DEVNULL, stdout=out, stderr=err, preexec_fn=die_with_parent())
        except BaseException:
            self._tmp.cleanup()
            raise

    def answer(self) -> tuple[bool, list[str], dict[str, list[str]]]:
        """Wait for HermiT and read its answer: consistent or not, the unsatisfiable classes, and
        every individual's classes in the mfkg vocabulary (all of them, not only the most specific)."""
        assert self.proc is not None
        code = self.proc.wait()
        tmp = Path(self._tmp.name)
        out, err = (tmp / "out").read_bytes(), (tmp / "err").read_bytes()
        self.stop()
        if code != 0:
            said = (err + out).decode("utf-8", "replace")
            if "Inconsistent ontology" in said or "InconsistentOntology" in said:
                return False, [], {}
            first = next((line for line in said.splitlines() if line.strip()), "no message")
            raise MfkgError(f"the reasoner failed to run ({first[:200]}); check the Java install")
        return _parse_hermit(out.decode("utf-8", "replace"))

    def stop(self) -> None:
        """Kill the process if it still runs, wait for it, and remove its files."""
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()
            self.proc = None
        self._tmp.cleanup()


def _parse_hermit(out: str) -> tuple[bool, list[str], dict[str, list[str]]]:
    parents: dict[str, set[str]] = {}
    direct: dict[str, set[str]] = {}
    for line in out.splitlines():
        m = _LINE.match(line.strip())
        if not m:
            continue
        kind, iris = m.group(1), re.findall(r"<([^>]*)>|(owl:\w+)", m.group(2))
        names = [a or b.replace("owl:", "http://www.w3.org/2002/07/owl#") for a, b in iris]
        if kind == "SubClassOf" and len(names) == 2:
            parents.setdefault(names[0], set()).add(names[1])
        elif kind == "EquivalentClasses":
            for a in names:
                parents.setdefault(a, set()).update(b for b in names if b != a)
        elif kind == "Type" and len(names) == 2:
            direct.setdefault(names[0], set()).add(names[1])
    unsat = sorted(c for c in parents if _NOTHING in parents[c] and c != _NOTHING)

    def ancestors(cls: str, seen: set[str]) -> set[str]:
        for parent in parents.get(cls, ()):
            if parent not in seen:
                seen.add(parent)
                ancestors(parent, seen)
        return seen

    mfkg = str(MFKG)
    types: dict[str, list[str]] = {}
    for ind, classes in direct.items():
        if not ind.startswith("https://w3id.org/mfkg/") or ind.startswith(mfkg):
            continue
        closure: set[str] = set()
        for cls in classes:
            closure |= {cls} | ancestors(cls, set())
        types[ind] = sorted(c for c in closure if c.startswith(mfkg))
    return True, unsat, types


