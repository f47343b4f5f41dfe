"""Exports: every RDF format round-trips without losing a triple and passes Jena and Raptor;
a release folder's manifest matches its files; diff reports exactly what changed."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from conftest import FIXTURE_DATA, run_cli
from mfkg.outputs.diff import load_any
from mfkg.outputs.exporting import export, export_input
from mfkg.outputs.registry import FORMATS
from support.validators import RAPPER_SYNTAX, rapper_validate, riot_validate

TRICKY = 'He said \\"hi\\"\\nsecond line \\\\ back-slash, 한국어 설명 — ünïcödé and a tab\\tend'
RDF_FORMATS = [f for f in FORMATS.values() if f.rdf_parse]


@pytest.fixture(scope="module")
def tricky_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("tricky")
    data = root / "data"
    shutil.copytree(FIXTURE_DATA, data)
    model = data / "models" / "scgpt.yaml"
    text = re.sub(r"^description: .*$", lambda _: f'description: "{TRICKY}"', model.read_text(encoding="utf-8"), count=1, flags=re.M)
    model.write_text(text, encoding="utf-8")
    r = run_cli("build", "--data", str(data), "--output", str(root / "build" / "mfkg.ttl"))
    assert r.code == 0, r.err
    r = run_cli("reason", "--build-dir", str(root / "build"))
    assert r.code == 0, r.err
    return root / "build"


def _parse(path: Path, parser: str) -> Graph:
    return load_any(path)


def test_at_least_nine_formats() -> None:
    assert len(FORMATS) >= 9
    assert {"turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml", "owl", "graphml", "neo4j"} <= set(FORMATS)


@pytest.mark.parametrize("fmt", [f.name for f in RDF_FORMATS])
def test_rdf_export_round_trips_losslessly(fmt: str, tricky_build: Path, tmp_path: Path) -> None:
    inp = export_input(tricky_build)
    built = Graph().parse(tricky_build / "mfkg.ttl")
    out = export(inp, fmt, tmp_path / f"x{FORMATS[fmt].extension}")
    back = _parse(out, FORMATS[fmt].rdf_parse)
    assert len(back) == len(built)
    assert isomorphic(back, built)
    descriptions = {str(o) for o in back.objects(None, None) if isinstance(o, Literal) and "한국어" in str(o)}
    assert descriptions and all('He said "hi"\nsecond line \\ back-slash' in d and "\t" in d for d in descriptions)


@pytest.mark.parametrize("fmt", [f.name for f in RDF_FORMATS])
def test_rdf_export_with_inferred_and_without_ontology(fmt: str, tricky_build: Path, tmp_path: Path) -> None:
    inp = export_input(tricky_build)
    out = export(inp, fmt, tmp_path / f"x{FORMATS[fmt].extension}", inferred=True, ontology=False)
    back = _parse(out, FORMATS[fmt].rdf_parse)
    expected = inp.merged(include_ontology=False, include_inferred=True)
    assert isomorphic(back, expected)


@pytest.mark.parametrize("fmt", [f.name for f in RDF_FORMATS])
def test_rdf_export_passes_jena_riot(fmt: str, real_build: Path, tmp_path: Path, real_export_input) -> None:
    out = export(real_export_input, fmt, tmp_path / f"mfkg{FORMATS[fmt].extension}", inferred=True)
    result = riot_validate(out)
    assert result.ok, result.output[:2000]


@pytest.mark.parametrize("fmt", [f.name for f in RDF_FORMATS if f.extension in RAPPER_SYNTAX])
def test_rdf_export_passes_rapper(fmt: str, real_build: Path, tmp_path: Path, real_export_input) -> None:
    out = export(real_export_input, fmt, tmp_path / f"mfkg{FORMATS[fmt].extension}")
    result = rapper_validate(out)
    assert result.ok, result.output[:2000]


def test_owl_export_loads_in_owlready2(real_build: Path, tmp_path: Path, real_export_input) -> None:
    import owlready2

    out = export(real_export_input, "owl", tmp_path / "mfkg.owl")
    world = owlready2.World()
    onto = world.get_ontology(out.as_uri()).load()
    assert world["https://w3id.org/mfkg/vocab/CLIPStyleModel"] is not None
    assert world["https://w3id.org/mfkg/model/scgpt"] is not None
    assert len(list(onto.classes())) > 30


def test_ntriples_are_sorted(real_build: Path, tmp_path: Path, real_export_input) -> None:
    out = export(real_export_input, "ntriples", tmp_path / "x.nt")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)


def test_quads_put_each_record_in_its_own_graph(real_build: Path, tmp_path: Path, real_export_input) -> None:
    out = export(real_export_input, "nquads", tmp_path / "x.nq")
    text = out.read_text(encoding="utf-8")
    assert "<https://w3id.org/mfkg/model/scgpt/claim/pretraining-cells-33m> " in text
    line = next(l for l in text.splitlines() if l.startswith("<https://w3id.org/mfkg/model/scgpt/claim/pretraining-cells-33m> "))
    assert line.rstrip(" .").endswith("<https://w3id.org/mfkg/graph/record/model/scgpt>")


def test_jsonld_ships_its_context(real_build: Path, tmp_path: Path, real_export_input) -> None:
    out = export(real_export_input, "jsonld", tmp_path / "x.jsonld")
    ctx = json.loads((tmp_path / "context.jsonld").read_text())
    assert ctx["@context"]["mfkg"] == "https://w3id.org/mfkg/vocab/"
    assert json.loads(out.read_text())["@context"]["mfkg"] == "https://w3id.org/mfkg/vocab/"


def test_fair4ml_and_sssom(real_build: Path, tmp_path: Path, real_export_input) -> None:
    f4 = json.loads(export(real_export_input, "fair4ml", tmp_path / "m.jsonld").read_text())
    scgpt = next(x for x in f4["@graph"] if x["identifier"] == "scgpt")
    assert scgpt["@type"] == "fair4ml:MLModel" and scgpt["codeRepository"]["@id"] == "https://github.com/bowang-lab/scGPT"
    assert {"@id": "https://doi.org/10.1038/s41592-024-02201-0"} in scgpt["citation"]
    back = Graph().parse(data=json.dumps(f4), format="json-ld")
    assert len(back) > 500
    sssom = export(real_export_input, "sssom", tmp_path / "m.sssom.tsv").read_text().splitlines()
    header = [l for l in sssom if l.startswith("#")]
    assert any("mapping_set_id" in l for l in header) and any("curie_map" in l for l in header)
    rows = [l.split("\t") for l in sssom if not l.startswith("#")]
    assert rows[0][:4] == ["subject_id", "subject_label", "predicate_id", "object_id"]
    assert len(rows) - 1 >= 60 and all(r[0].startswith("mfkg:") for r in rows[1:])


def test_release_folder_and_manifest(real_build: Path, tmp_path: Path) -> None:
    r = run_cli("release", "--output", str(tmp_path / "rel"), "--build-dir", str(real_build))
    assert r.code == 0, r.err
    manifest = json.loads((tmp_path / "rel" / "manifest.json").read_text())
    assert manifest["version_iri"].startswith("https://w3id.org/mfkg/dataset/")
    assert manifest["ontology_version_iri"].startswith("https://w3id.org/mfkg/ontology/")
    import hashlib

    listed = {f["path"] for f in manifest["files"]}
    on_disk = {str(p.relative_to(tmp_path / "rel")) for p in (tmp_path / "rel").rglob("*") if p.is_file()} - {"manifest.json"}
    assert listed == on_disk
    for f in manifest["files"]:
        data = (tmp_path / "rel" / f["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == f["sha256"] and len(data) == f["bytes"]
    void = Graph().parse(tmp_path / "rel" / "void.ttl")
    assert "void#triples" in void.serialize(format="nt")
    for f in manifest["files"]:   # the version IRI is stamped in every artefact
        if f["path"].endswith((".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf", ".owl", ".graphml", ".csv", ".tsv")):
            text = (tmp_path / "rel" / f["path"]).read_text(encoding="utf-8")
            if f["path"].endswith(".csv") and "nodes_Release" not in f["path"]:
                continue
            if f["path"].endswith("context.jsonld"):
                continue
            assert manifest["version"] in text, f["path"]


def test_diff_reports_exact_changes(fixture_copy: Path, tmp_path: Path) -> None:
    old, new = tmp_path / "old.ttl", tmp_path / "new.ttl"
    assert run_cli("build", "--data", str(fixture_copy), "--output", str(old)).code == 0
    model = fixture_copy / "models" / "scgpt.yaml"
    model.write_text(model.read_text(encoding="utf-8").replace("year: 2023", "year: 2024"), encoding="utf-8")
    assert run_cli("build", "--data", str(fixture_copy), "--output", str(new)).code == 0
    r = run_cli("diff", str(old), str(new), "--exit-code")
    assert r.code == 1
    assert r.out.splitlines() == [
        "model/scgpt",
        '  - model:scgpt mfkg:releaseYear "2023"^^xsd:integer',
        '  + model:scgpt mfkg:releaseYear "2024"^^xsd:integer',
        "1 added, 1 removed, in 1 entities",
    ]
    same = run_cli("diff", str(old), str(old), "--exit-code")
    assert same.code == 0 and same.out.strip() == "0 added, 0 removed, in 0 entities"


def test_merge_brings_another_graph_beside_the_curated_one(fixture_copy: Path, tmp_path: Path) -> None:
    build = tmp_path / "build"
    assert run_cli("build", "--data", str(fixture_copy), "--output", str(build / "mfkg.ttl")).code == 0
    extra = tmp_path / "extra.ttl"
    extra.write_text('<https://w3id.org/mfkg/model/scgpt> <http://example.org/cites> "external fact" .\n', encoding="utf-8")
    r = run_cli("merge", str(extra), "--build-dir", str(build))
    assert r.code == 0, r.err
    r = run_cli("sparql", "SELECT ?o WHERE { model:scgpt <http://example.org/cites> ?o }", "--build-dir", str(build))
    assert r.code == 0 and "external fact" in r.out
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    r = run_cli("merge", str(bad), "--build-dir", str(build))
    assert r.code == 2 and "not valid turtle" in r.err and "Traceback" not in r.err


def test_sssom_of_a_build_made_with_other_data_uses_that_data(fixture_copy: Path, tmp_path: Path) -> None:
    """The SSSOM export reads the mappings of the data the build was made from, not the default data."""
    build = tmp_path / "build"
    r = run_cli("build", "--data", str(fixture_copy), "--output", str(build / "mfkg.ttl"))
    assert r.code == 0, r.err
    r = run_cli("export", "--format", "sssom", "--build-dir", str(build), "--output", str(tmp_path / "m.sssom.tsv"))
    assert r.code == 0, r.err
    rows = [line.split("\t") for line in (tmp_path / "m.sssom.tsv").read_text().splitlines() if not line.startswith("#")]
    assert [r[0] for r in rows[1:]] == ["mfkg:modality/scrna"], rows


def test_every_format_has_a_writer() -> None:
    from mfkg.outputs.registry import NAMES
    from mfkg.outputs.writers import WRITERS

    assert set(WRITERS) == set(NAMES)


def test_the_ontology_part_is_what_the_ontology_file_states(tricky_build: Path) -> None:
    """The build's blank nodes carry labels derived from content, the ontology file's are anonymous:
    the split still finds every ontology axiom, and the rest is data."""
    from mfkg.project import BuildFolder

    inp = export_input(tricky_build)
    onto = Graph().parse(BuildFolder(tricky_build).read_info().ontology, format="turtle")
    assert len(inp.ontology) == len(onto)
    assert isomorphic(_lines_graph(inp.ontology), onto)
    assert len(inp.ontology) + len(inp.data) == len(Graph().parse(tricky_build / "mfkg.ttl"))


def _lines_graph(lines: tuple[str, ...]) -> Graph:
    return Graph().parse(data="\n".join(lines) + "\n", format="nt")


def test_exports_neither_copy_nor_serialise_rdflib_graphs(tricky_build: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Every format is written from the sorted N-Triples lines with Oxigraph's serialisers; the split
    and the stamped graph are worked out once per process, not once per format."""
    import rdflib.compare

    import mfkg.rdf.serialise

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("an rdflib graph was copied, canonicalised or serialised on the export path")

    monkeypatch.setattr(Graph, "serialize", refuse)
    monkeypatch.setattr(Graph, "__iadd__", refuse)
    monkeypatch.setattr(rdflib.compare, "to_canonical_graph", refuse)
    monkeypatch.setattr(mfkg.rdf.serialise, "to_canonical_graph", refuse)
    inp = export_input(tricky_build)
    for f in FORMATS.values():
        export(inp, f.name, tmp_path / (f.name if f.extension == "/" else f"x{f.extension}"), inferred=True)
    assert inp.graph(include_inferred=True) is inp.graph(include_inferred=True)
    assert inp.graph() is not inp.graph(include_inferred=True)


def test_release_files_are_the_bytes_export_writes(tricky_build: Path, tmp_path: Path) -> None:
    from mfkg._version import __version__
    from mfkg.outputs.release import release

    release(tricky_build, tmp_path / "rel")
    inp = export_input(tricky_build)
    for f in FORMATS.values():
        name = f"mfkg-{__version__}" + ("-neo4j" if f.extension == "/" else f.extension)
        out = export(inp, f.name, tmp_path / "exp" / name, inferred=True)
        files = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file()) if out.is_dir() else [Path()]
        assert files, f.name
        for rel in files:
            assert (out / rel).read_bytes() == (tmp_path / "rel" / name / rel).read_bytes(), (f.name, rel)


def test_jsonld_states_awkward_iris_exactly() -> None:
    """Prefixed names only where they expand back to the same IRI; JSON-LD 1.0 (rdflib) and 1.1
    (Oxigraph) processors both read the document back to the same triples."""
    import pyoxigraph as ox

    from mfkg.errors import MfkgError
    from mfkg.outputs.jsonld import compact_document

    nt = ('<https://w3id.org/mfkg/model///odd> <https://w3id.org/mfkg/vocab/p> "x"@ko .\n'
          '<https://w3id.org/mfkg/model/m> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> _:b .\n'
          '<https://w3id.org/mfkg/model/m> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:x:Type> .\n'
          '<https://w3id.org/mfkg/model/m> <https://w3id.org/mfkg/vocab/p> "2"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
          '<https://w3id.org/mfkg/model/m> <https://w3id.org/mfkg/vocab/p> "a\\nb \\"q\\"" .\n'
          '<https://w3id.org/mfkg/model/m> <http://example.org/no-prefix> <https://w3id.org/mfkg/vocab/> .\n'
          '_:b <http://www.w3.org/2000/01/rdf-schema#label> "@id" .\n')
    triples = [q.triple for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)]
    text = json.dumps(compact_document(triples))
    assert '"model:m"' in text and '"mfkg:p"' in text and "https://w3id.org/mfkg/model///odd" in text
    expected = Graph().parse(data=nt, format="nt")
    assert isomorphic(Graph().parse(data=text, format="json-ld"), expected)
    assert len({(q.subject, q.predicate, q.object) for q in ox.parse(text, format=ox.RdfFormat.JSON_LD)}) == 7
    clash = [q.triple for q in ox.parse("<model:x> <http://x/p> <http://x/o> .", format=ox.RdfFormat.N_TRIPLES)]
    with pytest.raises(MfkgError, match="prefix of mfkg's JSON-LD context"):
        compact_document(clash)


def test_a_build_whose_ontology_file_is_gone_is_one_sentence(tricky_build: Path, tmp_path: Path) -> None:
    from mfkg.errors import MfkgError

    build = tmp_path / "build"
    shutil.copytree(tricky_build, build, ignore=shutil.ignore_patterns(".cache", "store"))
    info = json.loads((build / "build-info.json").read_text(encoding="utf-8"))
    info["ontology"] = str(tmp_path / "gone.ttl")
    (build / "build-info.json").write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(MfkgError, match=r"gone\.ttl: cannot be read"):
        export_input(build)


def test_a_release_is_the_same_bytes_written_on_one_core_or_two(tricky_build: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The release writes its formats on every core (`mfkg.forked`); the files do not depend on it."""
    from mfkg import forked
    from mfkg.outputs.release import format_groups, release

    assert sorted(n for g in format_groups() for n in g) == sorted(FORMATS)   # every format once
    monkeypatch.setattr(forked, "workers", lambda: 2)
    release(tricky_build, tmp_path / "two")
    monkeypatch.setattr(forked, "workers", lambda: 1)
    release(tricky_build, tmp_path / "one")

    def files(root: Path) -> dict[str, bytes]:
        return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    two, one = files(tmp_path / "two"), files(tmp_path / "one")
    assert len(one) > len(FORMATS) and two == one
