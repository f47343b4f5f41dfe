"""Awkward but valid text goes through every one of the export formats: each RDF syntax parses back
(with rdflib and with the store's parser) without losing a triple, and the other formats carry the
text unchanged."""

from __future__ import annotations

import csv
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from conftest import FIXTURE_DATA
from mfkg.outputs.registry import FORMATS, NAMES

AWKWARD = ('한국어 설명 🧬 "double" and \'single\' quotes, back\\slash \\n (not a newline), <tag> & &amp; ]]> -- '
           '\u200fRTL mark\u200e, \u202eoverride\u202c, zero\u200dwidth, e\u0301 combining, 𝔸 astral, '
           '{"json": [1]}, a,comma;semi|pipe, ${x} {{y}} %s, tab\there\nsecond line """ \'\'\' ending with \\')
ALIAS = "스시 🧬 <&> \"q\" \u200fאבג"


def _yaml_quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)   # a JSON string is a valid YAML double-quoted scalar


@pytest.fixture(scope="module")
def awkward_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mfkg.pipeline import run_pipeline
    from mfkg.project import BuildFolder

    root = tmp_path_factory.mktemp("awkward")
    data = root / "data"
    shutil.copytree(FIXTURE_DATA, data)
    model = data / "models" / "scgpt.yaml"
    text = model.read_text(encoding="utf-8")
    text = re.sub(r"^description: .*$", lambda _: f"description: {_yaml_quote(AWKWARD)}", text, count=1, flags=re.M)
    text = re.sub(r"^label: scGPT$", lambda _: f"label: scGPT\naliases: [{_yaml_quote(ALIAS)}]", text, count=1, flags=re.M)
    model.write_text(text, encoding="utf-8")
    run_pipeline(BuildFolder(root / "build"), data_dir=data, validate=False, reason=False)
    return root / "build"


@pytest.fixture(scope="module")
def awkward_graph(awkward_build: Path) -> Graph:
    return Graph().parse(awkward_build / "mfkg.ttl", format="turtle")


@pytest.fixture(scope="module")
def awkward_input(awkward_build: Path):  # type: ignore[no-untyped-def]
    from mfkg.outputs.exporting import export_input

    return export_input(awkward_build)


def test_the_build_keeps_the_text_exactly(awkward_graph: Graph) -> None:
    texts = {str(o) for o in awkward_graph.objects() if isinstance(o, Literal)}
    assert AWKWARD in texts and ALIAS in texts


def test_every_format_is_covered() -> None:
    assert len(NAMES) == 11


@pytest.mark.parametrize("fmt", NAMES)
def test_awkward_text_exports_in_every_format(fmt: str, awkward_input, awkward_graph: Graph,  # type: ignore[no-untyped-def]
                                              tmp_path: Path) -> None:
    import pyoxigraph as ox

    from mfkg.outputs.diff import load_any
    from mfkg.outputs.exporting import export

    spec = FORMATS[fmt]
    target = tmp_path / ("neo4j" if spec.extension == "/" else f"x{spec.extension}")
    out = export(awkward_input, fmt, target)
    if spec.rdf_parse:
        built = awkward_graph
        back = load_any(out)
        assert len(back) == len(built) and isomorphic(back, built)
        assert AWKWARD in {str(o) for o in back.objects() if isinstance(o, Literal)}
        ox_format = ox.RdfFormat.from_extension(out.suffix.lstrip(".")) or ox.RdfFormat.RDF_XML
        quads = list(ox.parse(path=str(out), format=ox_format))
        assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(built)
        assert any(isinstance(q.object, ox.Literal) and q.object.value == AWKWARD for q in quads)
    elif fmt == "graphml":
        texts = {el.text for el in ET.parse(out).iter() if el.text}
        texts |= {t for x in texts if x.startswith("[") for t in _strings(_json_or_none(x))}   # list values
        assert AWKWARD in texts and ALIAS in texts
    elif fmt == "neo4j":
        cells = set()
        for f in sorted(out.glob("*.csv")):
            with open(f, encoding="utf-8", newline="") as fh:
                cells.update(c for row in csv.reader(fh) for c in row)
        assert AWKWARD in cells
    elif fmt == "fair4ml":
        assert AWKWARD in _strings(json.loads(out.read_text(encoding="utf-8")))
    else:   # sssom: the mappings; it must still be a well-formed TSV
        rows = [r for r in out.read_text(encoding="utf-8").splitlines() if r and not r.startswith("#")]
        assert len({len(r.split("\t")) for r in rows}) == 1


def _json_or_none(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _strings(doc: object) -> set[str]:
    if isinstance(doc, str):
        return {doc}
    if isinstance(doc, dict):
        return set().union(*map(_strings, doc.values())) if doc else set()
    if isinstance(doc, list):
        return set().union(*map(_strings, doc)) if doc else set()
    return set()
