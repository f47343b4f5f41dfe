"""Where the embedded default data, ontology and queries live, and where builds go."""

from __future__ import annotations

import os
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]


def _home() -> Path:
    """The project folder: $MFKG_HOME, else the source checkout this package runs from."""
    env = os.environ.get("MFKG_HOME")
    return Path(env) if env else _ROOT


HOME = _home()
DEFAULT_DATA = HOME / "data"
DEFAULT_ONTOLOGY = HOME / "ontology" / "mfkg.ttl"
DEFAULT_SHAPES = HOME / "ontology" / "shapes.ttl"
DEFAULT_QUERIES = HOME / "queries"
DEFAULT_BUILD_DIR = Path(os.environ.get("MFKG_BUILD_DIR", "build"))
