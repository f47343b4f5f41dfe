"""A versioned release: every format, a VoID/DCAT description, a manifest with sha256 and size per file."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD

from mfkg._version import __version__
from mfkg.gcpolicy import bulk
from mfkg.namespaces import BASE, MFKG, ONTOLOGY_IRI
from mfkg.outputs.export_graph import ExportGraph
from mfkg.outputs.exporting import ExportInput, export, export_input, ontology_version
from mfkg.outputs.registry import FORMATS
from mfkg.query.store import sha256
from mfkg.rdf.serialise import atomic_write, canonical, new_graph
from mfkg.rdf.stamp import DATASET_IRI, version_iri


@bulk
def release(build_dir: Path, out: Path) -> Path:
    """Every format, a VoID/DCAT description, and a manifest of sha256 and size per file. The release is
    written into a folder beside `out` and renamed into place, so a killed release leaves the earlier one."""
    out = Path(out)
    inp = export_input(build_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in [*out.parent.glob(f".{out.name}.tmp*"), *out.parent.glob(f".{out.name}.old*")]:
        shutil.rmtree(stale, ignore_errors=True)   # left by a release that was killed
    tmp = out.with_name(f".{out.name}.tmp{os.getpid()}")
    tmp.mkdir()
    try:
        _write_release(inp, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = out.with_name(f".{out.name}.old{os.getpid()}")
    if out.exists():
        os.replace(out, old)
    os.replace(tmp, out)
    shutil.rmtree(old, ignore_errors=True)
    return out / "manifest.json"


# formats written by one process, the three made from the property graph from one projection (at 3,000
# models the projection takes about as long as GraphML, the slowest format), the slowest first so that
# the processes sharing the formats finish together
_GROUPS = (("graphml", "neo4j", "fair4ml"), ("jsonld",), ("trig",), ("turtle",), ("nquads",))


def format_groups() -> list[tuple[str, ...]]:
    """Every format once: `_GROUPS`, then the rest in the registry's order."""
    grouped = {name for group in _GROUPS for name in group}
    return [*_GROUPS, *((name,) for name in FORMATS if name not in grouped)]


def _write_release(inp: ExportInput, out: Path) -> None:
    from mfkg.forked import forked_map

    stem = f"mfkg-{__version__}"
    targets = {f.name: out / (f"{stem}-neo4j" if f.extension == "/" else f"{stem}{f.extension}") for f in FORMATS.values()}
    inferred = inp.inferred is not None
    full = inp.graph(include_inferred=inferred)   # the graph every format is written from, made before sharing

    def write(group: tuple[str, ...]) -> None:
        for name in group:
            export(inp, name, targets[name], inferred=inferred)

    forked_map(write, format_groups(), minimum=2)   # each format a file of its own: written on every core
    written = list(targets.values())
    if (out / "context.jsonld").exists():
        written.append(out / "context.jsonld")
    void = describe(full, [p for p in written], out)
    written.append(void)
    files = []
    for p in sorted(written):
        for f in ([p] if p.is_file() else sorted(x for x in p.rglob("*") if x.is_file())):
            files.append({"path": str(f.relative_to(out)), "sha256": sha256(f), "bytes": f.stat().st_size})
    manifest = {"name": "mfkg", "version": __version__, "version_iri": str(version_iri()),
                "ontology_version_iri": ontology_version(full), "license": "https://creativecommons.org/licenses/by/4.0/",
                "triples": len(full), "files": files}
    atomic_write(out / "manifest.json", (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def describe(g: ExportGraph, files: list[Path], out: Path) -> Path:
    """A VoID + DCAT description of the dataset: title, licence, version, counts, examples, links."""
    from rdflib import Namespace

    VOID = Namespace("http://rdfs.org/ns/void#")
    DCAT = Namespace("http://www.w3.org/ns/dcat#")
    d = new_graph()
    d.bind("void", VOID)
    d.bind("dcat", DCAT)
    ds = DATASET_IRI
    d.add((ds, RDF.type, VOID.Dataset))
    d.add((ds, RDF.type, DCAT.Dataset))
    d.add((ds, DCTERMS.title, Literal("mfkg: a knowledge graph of multimodal biological foundation models", lang="en")))
    d.add((ds, DCTERMS.description, Literal("Models, modalities, tokenizers, layer types, architecture patterns, tasks, "
                                            "limits, trends, datasets and publications, every number with its source.", lang="en")))
    d.add((ds, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    d.add((ds, OWL.versionIRI, version_iri()))
    d.add((ds, OWL.versionInfo, Literal(__version__)))
    d.add((ds, DCTERMS.conformsTo, URIRef(ontology_version(g) or ONTOLOGY_IRI)))
    d.add((ds, VOID.triples, Literal(len(g), datatype=XSD.integer)))
    d.add((ds, VOID.entities, Literal(len(_subjects_of(g, str(MFKG.identifier))), datatype=XSD.integer)))
    d.add((ds, VOID.vocabulary, URIRef(str(MFKG))))
    d.add((ds, VOID.uriSpace, Literal(BASE)))
    d.add((ds, VOID.sparqlEndpoint, URIRef("http://127.0.0.1:7878/sparql")))
    for ex in ("model/scgpt", "pattern/clip-contrastive", "task/cross-modal-translation"):
        d.add((ds, VOID.exampleResource, URIRef(BASE + ex)))
    for cls, n in sorted(_class_counts(g).items()):
        part = URIRef(f"{BASE}dataset/class/{cls.rsplit('/', 1)[-1]}")
        d.add((ds, VOID.classPartition, part))
        d.add((part, VOID["class"], URIRef(cls)))
        d.add((part, VOID.entities, Literal(n, datatype=XSD.integer)))
    for f in files:
        fmt = next((x for x in FORMATS.values() if f.name.endswith(x.extension) and x.extension != "/"), None)
        dist = URIRef(f"{BASE}dataset/{__version__}/{f.name}")
        d.add((ds, DCAT.distribution, dist))
        d.add((dist, RDF.type, DCAT.Distribution))
        d.add((dist, DCAT.downloadURL, URIRef(f.name if not f.is_dir() else f.name + "/")))
        d.add((dist, DCAT.mediaType, Literal(fmt.media_type if fmt else "text/csv")))
    path = out / "void.ttl"
    atomic_write(path, canonical(d).serialize(format="turtle", encoding="utf-8"))   # small; keeps relative download URLs
    return path


def _subjects_of(g: ExportGraph, predicate: str) -> set[str]:
    return {t.subject.value for t in g.triples if t.predicate.value == predicate}


def _class_counts(g: ExportGraph) -> dict[str, int]:
    counts: dict[str, int] = {}
    rdf_type, vocab = str(RDF.type), str(MFKG)
    for t in g.triples:
        if t.predicate.value == rdf_type and t.object.value.startswith(vocab) and t.object.__class__.__name__ == "NamedNode":
            counts[t.object.value] = counts.get(t.object.value, 0) + 1
    return counts
