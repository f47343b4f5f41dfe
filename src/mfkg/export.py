"""Exports: one registry of formats drives `mfkg export --format` and `mfkg release`.

RDF formats are lossless (export -> parse -> isomorphic to the graph); N-Quads and TriG put each
record (an entity and the nodes minted below its IRI: claims, usages, equations …) in a named
graph of its own, the ontology in another, so a consumer can take or drop records whole.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, XSD

from . import __version__
from .build import atomic_write, canonical
from .errors import MfkgError
from .graph import new_graph
from .export_registry import SPECS, FormatSpec
from .namespaces import BASE, MFKG, ONTOLOGY_IRI, PREFIXES
from .store import sha256

GRAPH_BASE = BASE + "graph/"
DATASET_IRI = URIRef(BASE + "dataset")
KINDS_WITH_RECORDS = ("model", "modality", "tokenizer", "layer-type", "pattern", "task", "technique", "trend",
                      "limit", "recommendation", "publication", "dataset", "seed-claim")


@dataclass(frozen=True)
class ExportInput:
    """What an export is made from."""

    ontology: Graph
    data: Graph
    inferred: Graph | None = None

    def merged(self, *, include_ontology: bool = True, include_inferred: bool = False) -> Graph:
        g = new_graph()
        if include_ontology:
            g += self.ontology
        g += self.data
        if include_inferred and self.inferred is not None:
            g += self.inferred
        return g


Format = FormatSpec   # name, extension, media type, description, writer name, parser (export_registry)


def version_iri() -> URIRef:
    return URIRef(f"{BASE}dataset/{__version__}")


def _record_graph(s: URIRef) -> URIRef | None:
    text = str(s)
    if not text.startswith(BASE):
        return None
    parts = text[len(BASE):].split("/")
    if len(parts) >= 2 and parts[0] in KINDS_WITH_RECORDS:
        return URIRef(f"{GRAPH_BASE}record/{parts[0]}/{parts[1]}")
    return None


def partition(graph: Graph) -> Dataset:
    """Each record's triples in its own named graph; everything else in the ontology graph."""
    ds = Dataset()
    for prefix, ns in graph.namespaces():
        ds.bind(prefix, ns, override=True, replace=True)
    onto = ds.graph(URIRef(GRAPH_BASE + "ontology"))
    graphs: dict[URIRef, Graph] = {}
    for s, p, o in graph:
        name = _record_graph(s) if isinstance(s, URIRef) else None
        if name is None:
            onto.add((s, p, o))
        else:
            if name not in graphs:
                graphs[name] = ds.graph(name)
            graphs[name].add((s, p, o))
    return ds


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted({line for line in data.decode("utf-8").splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8")


def _write(path: Path, data: bytes) -> None:
    atomic_write(path, data)


def write_turtle(g: Graph, _: ExportInput, path: Path) -> None:
    _write(path, canonical(g).serialize(format="turtle", encoding="utf-8"))


def write_ntriples(g: Graph, _: ExportInput, path: Path) -> None:
    _write(path, _sorted_lines(canonical(g).serialize(format="nt", encoding="utf-8")))


def write_nquads(g: Graph, _: ExportInput, path: Path) -> None:
    _write(path, _sorted_lines(partition(canonical(g)).serialize(format="nquads", encoding="utf-8")))


def write_trig(g: Graph, _: ExportInput, path: Path) -> None:
    _write(path, partition(canonical(g)).serialize(format="trig", encoding="utf-8"))


def jsonld_context() -> dict:
    return {"@context": dict(PREFIXES)}   # JSON-LD 1.0-compatible: no 1.1 features are used


def write_jsonld(g: Graph, _: ExportInput, path: Path) -> None:
    text = canonical(g).serialize(format="json-ld", context=jsonld_context()["@context"], auto_compact=True,
                                  sort_keys=True, indent=1)
    _write(path, text.encode("utf-8") if isinstance(text, str) else text)
    _write(path.with_name("context.jsonld"), (json.dumps(jsonld_context(), indent=1, sort_keys=True) + "\n").encode())


def write_rdfxml(g: Graph, _: ExportInput, path: Path) -> None:
    _write(path, canonical(g).serialize(format="xml", encoding="utf-8"))


def write_owl(g: Graph, _: ExportInput, path: Path) -> None:
    """RDF/XML for ontology tools; owlready2 and Protégé read it (owlready2 does not read Turtle)."""
    _write(path, canonical(g).serialize(format="xml", encoding="utf-8"))


# ------------------------------------------------------------------------------ property graph
def _pg(g: Graph):  # type: ignore[no-untyped-def]
    from .propgraph import project
    from .store import MemoryStore

    store = MemoryStore.from_graph(g)
    return project(store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))


def write_graphml(g: Graph, _: ExportInput, path: Path) -> None:
    import networkx as nx

    pg = _pg(g)
    out = nx.MultiDiGraph(mfkg_version=str(version_iri()), ontology_version=_ontology_version(g))
    for n, d in sorted(pg.graph.nodes(data=True)):
        attrs = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v) for k, v in d.items()}
        out.add_node(n, **attrs)
    for u, v, k, d in sorted(pg.graph.edges(keys=True, data=True)):
        out.add_edge(u, v, key=k, type=d["type"])
    buf = io.BytesIO()
    nx.write_graphml(out, buf, encoding="utf-8", named_key_ids=True)
    _write(path, buf.getvalue())


NEO4J_TYPES = {"INT64": "long", "DOUBLE": "double", "BOOLEAN": "boolean", "STRING": "string"}


def write_neo4j_csv(g: Graph, _: ExportInput, folder: Path) -> None:
    """Node and relationship CSVs in the layout `neo4j-admin database import` reads, plus a
    parameterised load script (UNWIND $rows) for a running server."""
    from .cypher import neo4j_tables

    folder.mkdir(parents=True, exist_ok=True)
    pg = _pg(g)
    tables = neo4j_tables(pg, version=str(version_iri()), ontology_version=_ontology_version(g))
    for name, (header, rows) in tables.items():
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        _write(folder / name, buf.getvalue().encode("utf-8"))
    from .cypher import neo4j_load_script

    _write(folder / "load.cypher", neo4j_load_script(tables).encode("utf-8"))


# ------------------------------------------------------------------------------ interoperability
def write_fair4ml(g: Graph, _: ExportInput, path: Path) -> None:
    """Models as FAIR4ML / schema.org JSON-LD, beside Hugging Face-derived model metadata."""
    pg = _pg(g)
    items = []
    for n in pg.nodes_with_label("Model"):
        d = pg.graph.nodes[n]
        out_edges = {(t, data["type"]) for _, t, data in pg.graph.out_edges(n, data=True)}
        def names(rel: str) -> list[str]:
            return sorted(pg.graph.nodes[t].get("name", t) for t, r in out_edges if r == rel)
        item = {"@id": d["iri"], "@type": "fair4ml:MLModel", "name": d.get("name"), "description": d.get("description"),
                "identifier": d.get("identifier"), "dateCreated": str(d.get("release_year", "")),
                "version": str(version_iri())}
        if d.get("code_repository"):
            item["codeRepository"] = {"@id": d["code_repository"]}
        if d.get("license"):
            item["license"] = d["license"]
        pubs = sorted({pg.graph.nodes[t].get("doi_iri") for t, r in out_edges if r == "DESCRIBED_IN"} - {None})
        if pubs:
            item["citation"] = [{"@id": p} for p in pubs]
        item["fair4ml:mlTask"] = names("ADDRESSES_TASK")
        item["fair4ml:modelCategory"] = names("FOLLOWS_PATTERN") + names("HAS_LAYER_TYPE")
        trained = sorted(pg.graph.nodes[t]["iri"] for t, r in out_edges if r == "PRETRAINED_ON")
        if trained:
            item["fair4ml:trainedOn"] = [{"@id": t} for t in trained]
        parents = sorted(pg.graph.nodes[t]["iri"] for t, r in out_edges if r == "DERIVES_FROM")
        if parents:
            item["fair4ml:fineTunedFrom"] = [{"@id": p} for p in parents]
        if d.get("hugging_face_id"):
            item["sameAs"] = [{"@id": f"https://huggingface.co/{h}"} for h in d["hugging_face_id"]]
        items.append({k: v for k, v in item.items() if v not in (None, "", [])})
    doc = {"@context": {"@vocab": "http://schema.org/", "fair4ml": "https://w3id.org/fair4ml#",
                        "schema": "http://schema.org/"}, "@graph": items}
    _write(path, (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def write_sssom(g: Graph, _: ExportInput, path: Path) -> None:
    """The curated outbound mappings as an SSSOM TSV with its YAML metadata header."""
    from .load import load_or_raise
    from .namespaces import EXTERNAL_PREFIXES
    from .paths import DEFAULT_DATA

    catalog = load_or_raise(DEFAULT_DATA)
    labels = {f"{k}/{x.id}": getattr(x.record, "label", "") for k in ("modality", "task", "layer-type", "model")
              for x in catalog.of(k)}
    curie_map = {"mfkg": BASE, **{k: v for k, v in EXTERNAL_PREFIXES.items()}}
    header = ["# curie_map:"] + [f"#   {k}: {v}" for k, v in sorted(curie_map.items())] + [
        f"# mapping_set_id: {BASE}mappings/{__version__}", f"# mapping_set_version: {__version__}",
        "# license: https://creativecommons.org/licenses/by/4.0/",
        "# mapping_set_description: Curated mappings from mfkg modalities, tasks and layer types to EFO, OBI, EDAM and AIO."]
    cols = ["subject_id", "subject_label", "predicate_id", "object_id", "object_label", "mapping_justification", "comment"]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n")
    w.writerow(cols)
    for x in catalog.of("mapping"):
        r = x.record
        comment = f"evidence: {r.evidence}" + (f"; {r.comment}" if r.comment else "")
        w.writerow([f"mfkg:{r.subject}", labels.get(r.subject, ""), r.predicate, r.object, r.object_label,
                    r.justification, comment])
    _write(path, ("\n".join(header) + "\n" + buf.getvalue()).encode("utf-8"))


def _ontology_version(g: Graph) -> str:
    v = g.value(ONTOLOGY_IRI, OWL.versionIRI)
    return str(v) if v is not None else ""


FORMATS: dict[str, Format] = {spec.name: spec for spec in SPECS}


def writer(fmt: Format) -> Callable[[Graph, ExportInput, Path], None]:
    return globals()[fmt.writer]


def export_input(build_dir: Path) -> ExportInput:
    """Split a build into ontology, data and inferred graphs (the ontology part from its own file)."""
    from .paths import DEFAULT_ONTOLOGY

    built = Path(build_dir) / "mfkg.ttl"
    if not built.exists():
        raise MfkgError(f"{built} does not exist; run 'mfkg build' first")
    full = Graph().parse(built, format="turtle")
    onto = new_graph()
    onto.parse(DEFAULT_ONTOLOGY, format="turtle")
    data = new_graph()
    onto_iso = canonical(onto)
    onto_triples = set(onto_iso)
    for t in canonical(full):
        if t not in onto_triples:
            data.add(t)
    inferred_path = Path(build_dir) / "mfkg-inferred.ttl"
    inferred = Graph().parse(inferred_path, format="turtle") if inferred_path.exists() else None
    return ExportInput(onto_iso, data, inferred)


def export(inp: ExportInput, fmt: str, output: Path, *, inferred: bool = False, ontology: bool = True) -> Path:
    if fmt not in FORMATS:
        raise MfkgError(f"unknown format '{fmt}'; choose one of {', '.join(FORMATS)}")
    if inferred and inp.inferred is None:
        raise MfkgError("no inferred graph in the build; run 'mfkg reason' first or drop --inferred")
    g = inp.merged(include_ontology=ontology, include_inferred=inferred)
    stamp(g)
    writer(FORMATS[fmt])(g, inp, Path(output))
    return Path(output)


def stamp(g: Graph) -> None:
    """The dataset's own version IRI and licence, in every RDF artefact."""
    g.add((DATASET_IRI, RDF.type, URIRef("http://rdfs.org/ns/void#Dataset")))
    g.add((DATASET_IRI, OWL.versionIRI, version_iri()))
    g.add((DATASET_IRI, OWL.versionInfo, Literal(__version__)))
    g.add((DATASET_IRI, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))
    onto_version = g.value(ONTOLOGY_IRI, OWL.versionIRI)
    if onto_version is not None:
        g.add((DATASET_IRI, DCTERMS.conformsTo, onto_version))



# ------------------------------------------------------------------------------ release
def release(build_dir: Path, out: Path) -> Path:
    """Every format, a VoID/DCAT description, and a manifest of sha256 and size per file."""

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    inp = export_input(build_dir)
    stem = f"mfkg-{__version__}"
    written: list[Path] = []
    for f in FORMATS.values():
        target = out / (f"{stem}-neo4j" if f.extension == "/" else f"{stem}{f.extension}")
        export(inp, f.name, target, inferred=inp.inferred is not None)
        written.append(target)
    if (out / "context.jsonld").exists():
        written.append(out / "context.jsonld")
    full = inp.merged(include_inferred=inp.inferred is not None)
    stamp(full)
    void = describe(full, [p for p in written], out)
    written.append(void)
    files = []
    for p in sorted(written):
        for f in ([p] if p.is_file() else sorted(x for x in p.rglob("*") if x.is_file())):
            files.append({"path": str(f.relative_to(out)), "sha256": sha256(f), "bytes": f.stat().st_size})
    manifest = {"name": "mfkg", "version": __version__, "version_iri": str(version_iri()),
                "ontology_version_iri": _ontology_version(full), "license": "https://creativecommons.org/licenses/by/4.0/",
                "triples": len(full), "files": files}
    atomic_write(out / "manifest.json", (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode("utf-8"))
    return out / "manifest.json"


def describe(g: Graph, files: list[Path], out: Path) -> Path:
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
    d.add((ds, DCTERMS.conformsTo, g.value(ONTOLOGY_IRI, OWL.versionIRI) or ONTOLOGY_IRI))
    d.add((ds, VOID.triples, Literal(len(g), datatype=XSD.integer)))
    d.add((ds, VOID.entities, Literal(len({s for s in g.subjects(MFKG.identifier, None)}), datatype=XSD.integer)))
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
    atomic_write(path, canonical(d).serialize(format="turtle", encoding="utf-8"))
    return path


def _class_counts(g: Graph) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, _, c in g.triples((None, RDF.type, None)):
        if str(c).startswith(str(MFKG)):
            counts[str(c)] = counts.get(str(c), 0) + 1
    return counts


# ------------------------------------------------------------------------------ diff
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


def diff(old: Graph, new: Graph) -> dict[str, dict[str, list[str]]]:
    """Triples added and removed, grouped by the entity they belong to (blank nodes canonicalised)."""
    from rdflib.compare import graph_diff, to_isomorphic

    _, removed, added = graph_diff(to_isomorphic(old), to_isomorphic(new))
    out: dict[str, dict[str, list[str]]] = {}

    def entity(s: object) -> str:
        text = str(s)
        if text.startswith(BASE):
            parts = text[len(BASE):].split("/")
            return "/".join(parts[:2]) if len(parts) >= 2 else parts[0]
        return "(ontology and other)" if not isinstance(s, BNode) else "(blank nodes)"

    def line(t: tuple) -> str:
        s, p, o = t
        short = lambda x: x.n3(new.namespace_manager) if hasattr(x, "n3") else str(x)  # noqa: E731
        return f"{short(s)} {short(p)} {short(o)}"

    for sign, triples in (("added", added), ("removed", removed)):
        for t in triples:
            out.setdefault(entity(t[0]), {"added": [], "removed": []})[sign].append(line(t))
    for v in out.values():
        v["added"].sort()
        v["removed"].sort()
    return dict(sorted(out.items()))
