"""Other RDF files merged in beside the curated graph: the list lives in the build folder.

A file is listed only after the parser the store uses (pyoxigraph) has read all of it within
bounds (size, triples, literal length); if any file fails, the list stays as it was. Nothing is
fetched from the network: a known remote `@context` (schema.org) is read from the copy an installed
package ships, any other remote `@context` is refused unless the user allows the fetch; in both cases
an N-Triples copy is listed instead of the file. RDF/XML with a DOCTYPE (entity declarations: the
classic expansion attack) is refused.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mfkg.errors import MfkgError
from mfkg.files import atomic_write, folder_lock
from mfkg.project import BuildFolder

MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_TRIPLES = 20_000_000
MAX_LITERAL = 1_000_000        # characters in one literal

_FORMATS = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".nq": "N_QUADS", ".trig": "TRIG", ".jsonld": "JSON_LD",
            ".rdf": "RDF_XML", ".owl": "RDF_XML", ".n3": "N3"}


@dataclass(frozen=True)
class Merged:
    file: Path
    triples: int
    listed_as: Path


def listed(folder: BuildFolder) -> list[str]:
    path = folder.extra_graphs
    if not path.exists():
        return []
    try:
        names = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise MfkgError(f"{path} is not a JSON list of files; delete it and merge the files again") from None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise MfkgError(f"{path} is not a JSON list of files; delete it and merge the files again")
    return names


def _copy_name(folder: BuildFolder, path: Path) -> Path:
    digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:16]
    return folder.merged_copies / f"{path.stem}-{digest}.nt"


def _check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise MfkgError(f"{path}: the file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} a merged file may "
                        "hold; split it or load it into a SPARQL server and query that with --endpoint")


def _bounded(quads: Iterable[Any], path: Path) -> Iterator[Any]:
    """The parsed quads, stopped with one sentence past the triple or literal bounds."""
    import pyoxigraph as ox

    for n, quad in enumerate(quads, start=1):
        if n > MAX_TRIPLES:
            raise MfkgError(f"{path}: more than {MAX_TRIPLES:,} triples; load it into a SPARQL server and "
                            "query that with --endpoint")
        obj = quad.object
        if isinstance(obj, ox.Literal) and len(obj.value) > MAX_LITERAL:
            raise MfkgError(f"{path}: a literal of {quad.subject} is {len(obj.value):,} characters long, more "
                            f"than {MAX_LITERAL:,}; shorten it or leave it out")
        yield quad


def _syntax_error(path: Path, fmt_name: str, exc: Exception) -> MfkgError:
    syntax = fmt_name.lower().replace("_", "-")
    return MfkgError(f"{path}: not valid {syntax} for the store ({str(exc).splitlines()[0][:200]}); "
                     "fix the file or convert it to N-Triples")


def check_rdf(path: Path) -> int:
    """Read the whole file with the store's parser, within bounds; return its number of triples."""
    import pyoxigraph as ox

    fmt_name = _FORMATS.get(path.suffix.lower())
    if fmt_name is None:
        raise MfkgError(f"{path}: unknown RDF syntax; use one of {', '.join(sorted(_FORMATS))}")
    _check_size(path)
    if fmt_name == "RDF_XML":
        with open(path, "rb") as fh:
            head = fh.read(64 * 1024)
        if re.search(rb"<!DOCTYPE", head, re.IGNORECASE):
            raise MfkgError(f"{path}: the RDF/XML file has a DOCTYPE (entity declarations), which mfkg does not "
                            "read; remove the DOCTYPE and write the entities out in full")
    try:
        return sum(1 for _ in _bounded(ox.parse(path=str(path), format=getattr(ox.RdfFormat, fmt_name)), path))
    except SyntaxError as exc:
        raise _syntax_error(path, fmt_name, exc) from None
    except (OSError, ValueError) as exc:
        raise MfkgError(f"{path}: cannot be read ({exc}); check the file") from None


def _copy_with_known_contexts(folder: BuildFolder, path: Path, document: Any) -> tuple[Path, int]:
    """Parse the document (its known contexts written in place) with the store's parser, within
    bounds, and write an N-Triples copy for the list."""
    import pyoxigraph as ox

    data = json.dumps(document, ensure_ascii=False).encode("utf-8")
    try:
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in _bounded(ox.parse(data, format=ox.RdfFormat.JSON_LD), path)]
    except SyntaxError as exc:
        raise _syntax_error(path, "JSON_LD", exc) from None
    copy = _copy_name(folder, path)
    atomic_write(copy, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
    return copy, len(triples)


def _convert_with_remote_context(folder: BuildFolder, path: Path, document: Any) -> tuple[Path, int]:
    """Fetch the remaining remote @context (the user allowed it), then list an N-Triples copy."""
    from mfkg.rdf.read import load_jsonld

    graph = load_jsonld(json.dumps(document, ensure_ascii=False), path)
    copy = _copy_name(folder, path)
    atomic_write(copy, graph.serialize(format="nt", encoding="utf-8"))
    return copy, check_rdf(copy)


def _merge_jsonld(folder: BuildFolder, given: Path, path: Path, allow_remote_context: bool) -> Merged:
    """A JSON-LD file: known remote contexts come from their local copies; any other remote context
    is refused unless allowed. A file that is not JSON goes to the store's parser for its message."""
    from mfkg.rdf.contexts import inline_known_contexts

    _check_size(path)
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
        document, known, unknown = inline_known_contexts(document)
    except (ValueError, UnicodeDecodeError):
        return Merged(given, check_rdf(path), path)
    except RecursionError:
        raise MfkgError(f"{given}: the JSON-LD is nested too deeply to read; flatten it (nothing was merged)") from None
    if unknown and not allow_remote_context:
        raise MfkgError(f"{given}: the JSON-LD @context is the remote document {unknown[0]}, which mfkg does not "
                        "fetch unless you pass --allow-remote-context (nothing was merged)")
    if unknown:
        copy, n = _convert_with_remote_context(folder, path, document)
    elif known:
        copy, n = _copy_with_known_contexts(folder, path, document)
    else:
        return Merged(given, check_rdf(path), path)
    return Merged(given, n, copy)


def merge_files(folder: BuildFolder, files: list[Path], *, allow_remote_context: bool = False
                ) -> tuple[list[Merged], list[str]]:
    """Check every file first; only when all pass, add them to the list (atomically, one writer at a time)."""
    checked: list[Merged] = []
    for f in files:
        path = Path(f).resolve()
        if not path.is_file():
            raise MfkgError(f"{f}: file not found; check the path (nothing was merged)")
        if path.suffix.lower() == ".jsonld":
            checked.append(_merge_jsonld(folder, Path(f), path, allow_remote_context))
            continue
        checked.append(Merged(Path(f), check_rdf(path), path))
    with folder_lock(folder.lock, "mfkg merge"):
        names = listed(folder)
        for m in checked:
            if str(m.listed_as) not in names:
                names.append(str(m.listed_as))
        atomic_write(folder.extra_graphs, (json.dumps(sorted(names), indent=1) + "\n").encode())
    return checked, sorted(names)


def unmerge_file(folder: BuildFolder, file: Path) -> list[str]:
    """Take a file (or its converted copy) off the list; one sentence if it is not listed."""
    path = Path(file).resolve()
    with folder_lock(folder.lock, "mfkg unmerge"):
        names = listed(folder)
        keep = [n for n in names if n not in (str(path), str(_copy_name(folder, path)), str(file))]
        if len(keep) == len(names):
            shown = ", ".join(names) if names else "nothing is merged"
            raise MfkgError(f"{file} is not merged (listed: {shown}); see 'mfkg merge --list'")
        atomic_write(folder.extra_graphs, (json.dumps(keep, indent=1) + "\n").encode())
        copy = _copy_name(folder, path)
        if str(copy) in names:
            copy.unlink(missing_ok=True)
    return keep
