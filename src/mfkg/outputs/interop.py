"""Formats other communities read: FAIR4ML / schema.org model metadata, SSSOM mappings."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from mfkg._version import __version__
from mfkg.namespaces import BASE
from mfkg.outputs.export_graph import ExportGraph
from mfkg.outputs.property_graphs import _pg
from mfkg.outputs.source import ExportInput
from mfkg.rdf.serialise import atomic_write
from mfkg.rdf.stamp import version_iri

_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _licence_iri(pg: object, node: str) -> str | None:
    """The SPDX IRI of the weights licence (else the code licence), when it has an SPDX id."""
    g = pg.graph  # type: ignore[attr-defined]
    for rel in ("WEIGHTS_LICENCE", "CODE_LICENCE"):
        for _, ls, d in g.out_edges(node, data=True):
            if d["type"] != "HAS_LICENCE_STATEMENT":
                continue
            for _, term, e in g.out_edges(ls, data=True):
                if e["type"] == rel and g.nodes[term].get("spdx_id"):
                    return f"https://spdx.org/licenses/{g.nodes[term]['spdx_id']}"
    return None


def write_fair4ml(g: ExportGraph, _: ExportInput, path: Path) -> None:
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
        licence = _licence_iri(pg, n)
        if licence:
            item["license"] = {"@id": licence}
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
    atomic_write(path, (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"))


def _label(g: ExportGraph, subject: str) -> str:
    """The English label the graph gives `mfkg:<subject>`, or ''."""
    import pyoxigraph as ox

    for obj in g.objects(BASE + subject, _RDFS_LABEL):
        term = next(iter(ox.parse(f"<x:s> <x:p> {obj} .".encode(), format=ox.RdfFormat.N_TRIPLES))).object
        if isinstance(term, ox.Literal) and term.language == "en":
            return term.value
    return ""


def write_sssom(g: ExportGraph, inp: ExportInput, path: Path) -> None:
    """The curated outbound mappings as an SSSOM TSV with its YAML metadata header: the mapping records of
    the data the build was made from, the subjects' labels as the graph states them (reading only the
    mappings' own files: at 3,000 models, reading every record took a fifth of the release)."""
    from mfkg.curation.load import load_kind
    from mfkg.namespaces import EXTERNAL_PREFIXES
    from mfkg.rdf.incremental import CACHE_FOLDER, caches

    cached = inp.build_dir is not None and (inp.build_dir / CACHE_FOLDER).is_dir()   # a build with a cache: reuse it
    mappings = load_kind(inp.data_dir, "mapping", caches(inp.build_dir)[0] if cached and inp.build_dir else None)
    labels = {s: _label(g, s) for s in sorted({x.record.subject for x in mappings})}
    curie_map = {"mfkg": BASE, **{k: v for k, v in EXTERNAL_PREFIXES.items()}}
    header = ["# curie_map:"] + [f"#   {k}: {v}" for k, v in sorted(curie_map.items())] + [
        f"# mapping_set_id: {BASE}mappings/{__version__}", f"# mapping_set_version: {__version__}",
        "# license: https://creativecommons.org/licenses/by/4.0/",
        "# mapping_set_description: Curated mappings from mfkg modalities, tasks and layer types to EFO, OBI, EDAM and AIO."]
    cols = ["subject_id", "subject_label", "predicate_id", "object_id", "object_label", "mapping_justification", "comment"]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n")
    w.writerow(cols)
    for x in mappings:
        r = x.record
        comment = f"evidence: {r.evidence}" + (f"; {r.comment}" if r.comment else "")
        w.writerow([f"mfkg:{r.subject}", labels.get(r.subject, ""), r.predicate, r.object, r.object_label,
                    r.justification, comment])
    atomic_write(path, ("\n".join(header) + "\n" + buf.getvalue()).encode("utf-8"))
