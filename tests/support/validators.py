"""Independent RDF validators: Apache Jena's `riot --validate` and Raptor's `rapper`.

Debian's libapache-jena-java ships jars but no launcher, and its command classes fail at start-up
unless the Xerces resource bundles shaded inside jena-core.jar (org/apache/jena/ext/xerces/…)
are also on the classpath at the unshaded path (xerces/…). `jena_classpath()` extracts them once
into a cache folder and assembles a minimal classpath (one SLF4J binding, no duplicates).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

JAVA_DIR = Path("/usr/share/java")
JENA_DEPENDENCIES = ("commons-cli", "commons-codec", "commons-compress", "commons-io", "commons-lang3",
                     "commons-csv", "dexx.collection", "gson", "httpclient", "httpcore", "jsonld-java",
                     "jackson-core", "jackson-databind", "jackson-annotations", "thrift", "protobuf", "httpclient-cache",
                     "protobuf-util", "guava", "slf4j-api", "slf4j-nop", "titanium-json-ld", "jakarta.json-api")
# JSON-LD: Jena 4.5's JSON-LD 1.1 reader (Titanium) needs a Jakarta JSON-P provider that Debian does
# not package, so riot validates our JSON-LD (which uses no 1.1 feature) with its JSON-LD 1.0 reader.
RIOT_SYNTAX = {".ttl": "turtle", ".nt": "ntriples", ".nq": "nquads", ".trig": "trig", ".jsonld": "jsonld10",
               ".rdf": "rdfxml", ".owl": "rdfxml"}
RAPPER_SYNTAX = {".ttl": "turtle", ".nt": "ntriples", ".nq": "nquads", ".trig": "trig", ".rdf": "rdfxml",
                 ".owl": "rdfxml"}


@dataclass(frozen=True)
class ValidatorResult:
    ok: bool
    output: str


def jena_available() -> bool:
    return (JAVA_DIR / "jena-core.jar").exists() and shutil.which("java") is not None


def jena_classpath(cache: Path | None = None) -> str:
    cache = Path(cache or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "mfkg" / "jena-xerces")
    marker = cache / "xerces" / "impl" / "msg" / "XMLMessages.properties"
    if not marker.exists():
        prefix = "org/apache/jena/ext/xerces/"
        with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as jar:
            for name in jar.namelist():
                if name.startswith(prefix) and not name.endswith((".class", "/")):
                    target = cache / "xerces" / name[len(prefix):]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(jar.read(name))
    jars = sorted(p for p in JAVA_DIR.glob("jena-*.jar") if not any(ch.isdigit() for ch in p.stem.rsplit("-", 1)[-1]))
    jars += [JAVA_DIR / f"{d}.jar" for d in JENA_DEPENDENCIES if (JAVA_DIR / f"{d}.jar").exists()]
    return os.pathsep.join([str(cache)] + [str(j) for j in jars])


def riot_validate(path: Path, syntax: str | None = None) -> ValidatorResult:
    """`riot --validate`: ok only with exit 0 and no error or warning output."""
    syntax = syntax or RIOT_SYNTAX.get(Path(path).suffix, "turtle")
    proc = subprocess.run(["java", "-cp", jena_classpath(), "riotcmd.riot", "--validate", f"--syntax={syntax}",
                           str(path)], capture_output=True, text=True, timeout=600)
    out = (proc.stdout + proc.stderr).strip()
    return ValidatorResult(proc.returncode == 0 and not out, out)


def rapper_validate(path: Path, syntax: str | None = None) -> ValidatorResult:
    """`rapper -c`: counts triples; ok only with exit 0 and no warning or error."""
    syntax = syntax or RAPPER_SYNTAX.get(Path(path).suffix, "turtle")
    proc = subprocess.run(["rapper", "-i", syntax, "-c", str(path)], capture_output=True, text=True, timeout=600)
    out = proc.stderr.strip()
    problems = [line for line in out.splitlines() if "Warning" in line or "Error" in line]
    return ValidatorResult(proc.returncode == 0 and not problems, out)
