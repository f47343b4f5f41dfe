"""Read an RDF file in any of the syntaxes mfkg writes (or a release folder), with one sentence on failure."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from mfkg.errors import MfkgError


def load_any(path: Path) -> Graph:
    """Parse an RDF file, or a release folder's N-Triples, choosing the syntax from the suffix."""
    path = Path(path)
    if not path.exists():
        raise MfkgError(f"{path}: file not found; check the path")
    if path.is_dir():
        candidates = sorted(path.glob("*.nt")) or sorted(path.glob("*.ttl"))
        if not candidates:
            raise MfkgError(f"{path}: no .nt or .ttl file in this folder to compare")
        path = candidates[0]
    suffix = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld",
              ".rdf": "xml", ".owl": "xml"}.get(path.suffix)
    if suffix is None:
        raise MfkgError(f"{path}: unknown RDF syntax; use .ttl, .nt, .nq, .trig, .jsonld, .rdf or .owl")
    if suffix in ("nquads", "trig"):
        ds = Dataset()
        try:
            ds.parse(path, format=suffix)
        except Exception as exc:   # parser errors of every syntax
            raise MfkgError(f"{path}: not valid {suffix} ({str(exc).splitlines()[0][:200]})") from None
        g = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    try:
        return Graph().parse(path, format=suffix)
    except Exception as exc:   # parser errors of every syntax
        raise MfkgError(f"{path}: not valid {suffix} ({str(exc).splitlines()[0][:200]})") from None


def load_jsonld(text: str, path: Path) -> Graph:
    """Parse JSON-LD text read from `path` (remote contexts are fetched: the caller has the user's leave)."""
    try:
        return Graph().parse(data=text, format="json-ld", base=Path(path).resolve().as_uri())
    except Exception as exc:   # parser and network errors alike
        raise MfkgError(f"{path}: not valid json-ld, or its remote @context could not be fetched "
                        f"({str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__})") from None
