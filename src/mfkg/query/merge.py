"""Other RDF files merged in beside the curated graph: the list lives in the build folder."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from mfkg.project import BuildFolder
from mfkg.rdf.serialise import atomic_write


@dataclass(frozen=True)
class Merged:
    file: Path
    triples: int


def listed(folder: BuildFolder) -> list[str]:
    path = folder.extra_graphs
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def merge_files(folder: BuildFolder, files: list[Path]) -> tuple[list[Merged], list[str]]:
    """Parse each file (one sentence if it is not RDF), then add it to the list atomically."""
    from mfkg.rdf.read import load_any

    names = listed(folder)
    merged = []
    for f in files:
        g = load_any(f)
        path = str(Path(f).resolve())
        if path not in names:
            names.append(path)
        merged.append(Merged(Path(f), len(g)))
    atomic_write(folder.extra_graphs, (json.dumps(sorted(names), indent=1) + "\n").encode())
    return merged, sorted(names)
