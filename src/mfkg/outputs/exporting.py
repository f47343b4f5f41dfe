"""`export`: the stamped, sorted graph of the parts asked for, handed to the format's writer."""

from __future__ import annotations

from pathlib import Path

from mfkg.errors import MfkgError
from mfkg.gcpolicy import bulk
from mfkg.outputs.registry import FORMATS
from mfkg.outputs.source import ExportInput, export_input, ontology_version

__all__ = ["ExportInput", "export", "export_input", "ontology_version"]


@bulk
def export(inp: ExportInput, fmt: str, output: Path, *, inferred: bool = False, ontology: bool = True) -> Path:
    from mfkg.outputs.writers import WRITERS

    if fmt not in FORMATS:
        raise MfkgError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}")
    if inferred and inp.inferred is None:
        raise MfkgError("no inferred graph in the build; run 'mfkg reason' first or drop --inferred")
    g = inp.graph(include_ontology=ontology, include_inferred=inferred)
    WRITERS[fmt](g, inp, Path(output))
    return Path(output)
