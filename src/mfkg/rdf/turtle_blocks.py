"""Turtle written subject by subject, so that a build after a small edit serialises only what changed.

Oxigraph writes a sorted N-Triples document as the prefix lines, then one block per subject (a line that
starts with the subject, then lines that start with a tab; literals are written on one line, their line
breaks escaped). Once the lines are sorted, a subject's lines are consecutive (they all start with
`<subject> `), and its block depends only on them and on the prefixes. So `mfkg build` keeps every
block in the build folder (`PACK`), keyed by a digest of its lines, and the next build serialises only
the subjects whose lines are new; the document is the same bytes as serialising it whole (a test compares
both ways). Anything unexpected (blocks that do not match the subjects one to one, a pack that cannot be
read) falls back to serialising the whole document.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

from mfkg.files import atomic_write

PACK = "turtle-blocks.pickle"


def _groups(unique: list[bytes]) -> list[list[bytes]]:
    """Sorted N-Triples lines in runs of the same subject."""
    groups: list[list[bytes]] = []
    subject = None
    for line in unique:
        head = line[:line.find(b" ") + 1]
        if head != subject:
            groups.append([])
            subject = head
        groups[-1].append(line)
    return groups


def _split(doc: bytes) -> tuple[bytes, list[bytes]]:
    """A Turtle document oxigraph wrote: its prefix lines, and its subject blocks (each with its newline)."""
    lines = doc.split(b"\n")
    head = 0
    while head < len(lines) and lines[head].startswith(b"@prefix "):
        head += 1
    starts = [i for i in range(head, len(lines)) if lines[i] and not lines[i].startswith(b"\t")]
    blocks = [b"\n".join(lines[a:b]) + b"\n" for a, b in zip(starts, starts[1:] + [len(lines) - 1])]
    return b"".join(line + b"\n" for line in lines[:head]), blocks


def _context(prefixes: dict[str, str]) -> str:
    """What else a block depends on: the prefixes, the serialiser and the code around it."""
    from importlib.metadata import version

    from mfkg.curation.filecache import code_fingerprint, digest

    return digest(code_fingerprint(), version("pyoxigraph"), repr(sorted(prefixes.items())))


def _read(path: Path, context: str) -> dict[str, Any] | None:
    try:
        with open(path, "rb") as f:
            pack = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return None
    return pack if isinstance(pack, dict) and pack.get("context") == context else None


def turtle(unique: list[bytes], prefixes: dict[str, str], folder: Path) -> bytes:
    """The Turtle of sorted, distinct N-Triples lines with these prefixes, reusing the blocks kept in
    `folder` from the last build and keeping this build's blocks there for the next."""
    from mfkg.rdf.oxio import turtle_from_nt

    groups = _groups(unique)
    if not groups:
        return turtle_from_nt(b"", prefixes)
    context = _context(prefixes)
    pack = _read(folder / PACK, context)
    known: dict[bytes, bytes] = pack["blocks"] if pack else {}
    keys = [hashlib.blake2b(b"\n".join(g), digest_size=16).digest() for g in groups]
    missing = [i for i, key in enumerate(keys) if key not in known]
    header = pack["header"] if pack else None
    new: dict[bytes, bytes] = {}
    if missing or header is None:
        todo = missing or [0]   # the header comes with any block
        doc = turtle_from_nt(b"\n".join(line for i in todo for line in groups[i]) + b"\n", prefixes)
        header, blocks = _split(doc)
        if len(blocks) != len(todo) or header + b"".join(blocks) != doc:   # not the shape described above
            return turtle_from_nt(b"\n".join(unique) + b"\n", prefixes)
        new = {keys[i]: block for i, block in zip(todo, blocks)}
    out = [new[key] if key in new else known[key] for key in keys]
    if missing or len(known) != len(keys):
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(folder / PACK, pickle.dumps({"context": context, "header": header, "blocks": dict(zip(keys, out))},
                                                 protocol=pickle.HIGHEST_PROTOCOL))
    return header + b"".join(out)
