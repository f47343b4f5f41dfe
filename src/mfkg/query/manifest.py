"""The embedded store's manifest: which file each named graph was loaded from, with its size,
modification time and sha256, so a store is rebuilt only when a source's contents change.

`store.EmbeddedStore` rebuilds or updates the store from it; the console script's quick path opens
the store read-only only when the manifest matches every source as it is (nothing to rebuild, nothing
to write). Light: `os` only (`hashlib` when a file must be hashed): the manifest is tab-separated lines
rather than JSON because `json` imports `re`, and the two cost a cold `mfkg query run` about a quarter of
its time.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False   # `typing` is not imported at run time (see the module's docstring)
if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

MANIFEST = "manifest.tsv"    # in the store's folder, beside …
DATABASE = "oxigraph"        # … the Oxigraph database folder


def sha256(path: str | Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fingerprints(sources: Iterable[tuple[str, str | Path]], known: dict | None, *,  # type: ignore[type-arg]
                 rehash: bool = True) -> dict[str, dict[str, object]] | None:
    """Each (graph, file)'s real path, size, modification time and sha256; the hash is recomputed only when
    the size or time differ from what the manifest knows (a cold query does not read the whole graph).
    With `rehash=False`, None instead of hashing any file."""
    out: dict[str, dict[str, object]] = {}
    for graph, path in sources:
        st = os.stat(path)
        # the file's real path: the same store for `build`, `./build/` and `/home/me/project/build`
        entry: dict[str, object] = {"path": os.path.realpath(path), "size": st.st_size, "mtime_ns": st.st_mtime_ns}
        old = (known or {}).get(graph) or {}
        same = all(old.get(k) == entry[k] for k in ("path", "size", "mtime_ns")) and "sha256" in old
        if not same and not rehash:
            return None
        entry["sha256"] = old["sha256"] if same else sha256(path)
        out[graph] = entry
    return out


def contents(manifest: dict[str, dict[str, object]] | None) -> dict[str, tuple[object, object]] | None:
    """What a manifest says the store holds: each graph's file and hash."""
    if manifest is None:
        return None
    return {g: (e.get("path"), e.get("sha256")) for g, e in manifest.items()}


def summary(manifest: dict[str, dict[str, object]] | None) -> str | None:
    """What a manifest says the store holds, as one text (each graph, its file and hash, sorted): the
    key of what is kept beside the store (`query.kept`)."""
    held = contents(manifest)
    return None if held is None else "\n".join(f"{g}\t{p}\t{h}" for g, (p, h) in sorted(held.items()))


_COLUMNS = ("graph", "size", "mtime_ns", "sha256", "path")
_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}


def _escape(text: str) -> str:
    return "".join(_ESCAPES.get(c, c) for c in text) if any(c in text for c in _ESCAPES) else text


def _unescape(text: str) -> str:
    r"""The inverse of `_escape`; KeyError on an escape it does not write.

    >>> _unescape(_escape("a\\b\tc\nd")) == "a\\b\tc\nd"
    True
    """
    if "\\" not in text:
        return text
    out, chars = [], iter(text)
    for c in chars:
        out.append(_UNESCAPES[next(chars, "")] if c == "\\" else c)
    return "".join(out)


def manifest_bytes(entries: dict[str, dict[str, object]]) -> bytes:
    """The manifest file for `fingerprints` entries: a header line, then one line per graph, sorted,
    its fields tab-separated (backslash, tab and line breaks in a path escaped)."""
    lines = ["\t".join(_COLUMNS)]
    for graph in sorted(entries):
        e = entries[graph]
        lines.append("\t".join((_escape(graph), str(e["size"]), str(e["mtime_ns"]), str(e["sha256"]),
                                _escape(str(e["path"])))))
    return ("\n".join(lines) + "\n").encode("utf-8")


def read_manifest(path: str | Path) -> dict[str, dict[str, object]] | None:
    """The store's manifest as `fingerprints` writes its entries, or None when it is missing or
    unreadable (a rebuild was interrupted, or a store written by an older mfkg)."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        if lines[0] != "\t".join(_COLUMNS) or lines[-1] != "":
            return None
        out: dict[str, dict[str, object]] = {}
        for line in lines[1:-1]:
            graph, size, mtime, digest, where = line.split("\t")
            out[_unescape(graph)] = {"path": _unescape(where), "size": int(size), "mtime_ns": int(mtime),
                                     "sha256": digest}
        return out
    except (OSError, ValueError, KeyError):
        return None


def is_current(store_dir: str, sources: list[tuple[str, str]]) -> bool:
    """True when the store in `store_dir` holds exactly these sources as they are now, its manifest needs
    no update and its database exists: it can be opened read-only with no other work."""
    current = read_manifest(os.path.join(store_dir, MANIFEST))
    if current is None:
        return False
    try:
        wanted = fingerprints(sources, current, rehash=False)
    except OSError:
        return False
    return wanted == current and os.path.isdir(os.path.join(store_dir, DATABASE))
