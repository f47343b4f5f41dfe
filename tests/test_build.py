"""Build: deterministic, atomic, and every record's key facts survive the round trip to RDF."""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from conftest import FIXTURE_DATA, REAL_DATA, run_cli
from mfkg.curation.load import load_or_raise
from mfkg.namespaces import MFKG, entity_iri
from mfkg.rdf.compile import build


def test_build_twice_is_byte_identical_across_processes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    r1 = run_cli("build", "--data", str(REAL_DATA), "--output", str(a), env={"PYTHONHASHSEED": "1"})
    r2 = run_cli("build", "--data", str(REAL_DATA), "--output", str(b), env={"PYTHONHASHSEED": "99"})
    assert r1.code == 0 and r2.code == 0, r1.err + r2.err
    assert hashlib.sha256(a.read_bytes()).hexdigest() == hashlib.sha256(b.read_bytes()).hexdigest()


def test_output_parses_and_has_no_entity_blank_nodes(tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    build(FIXTURE_DATA, out)
    g = Graph().parse(out)
    for s in g.subjects(MFKG.identifier, None):
        assert isinstance(s, URIRef), s


def test_round_trip_key_facts(tmp_path: Path) -> None:
    """Every record's id, label and references come back as triples."""
    out = tmp_path / "g.ttl"
    build(FIXTURE_DATA, out)
    g = Graph().parse(out)
    catalog = load_or_raise(FIXTURE_DATA)
    for m in catalog.records("model"):
        s = entity_iri("model", m.id)
        assert (s, MFKG.identifier, Literal(m.id)) in g
        assert (s, RDFS.label, Literal(m.label, lang="en")) in g
        assert (s, MFKG.releaseYear, Literal(m.year, datatype=XSD.integer)) in g
        for p in m.patterns:
            assert (s, MFKG.followsPattern, entity_iri("pattern", p)) in g
        for lt in m.layer_types:
            assert (s, MFKG.hasLayerType, entity_iri("layer-type", lt)) in g
        for use in m.modalities:
            assert (s, MFKG.usesModality, entity_iri("modality", use.modality)) in g
            if "anchor" in use.roles:
                assert (s, MFKG.hasAnchorModality, entity_iri("modality", use.modality)) in g
            if use.tokenizer:
                assert (s, MFKG.usesTokenizer, entity_iri("tokenizer", use.tokenizer)) in g
        for c in m.claims:
            claim = URIRef(f"{s}/claim/{c.id}")
            assert (claim, MFKG.claimSource, entity_iri("publication", c.source)) in g
            assert (claim, RDF.type, MFKG.Claim) in g
            if c.property == "parameter_count":   # a variant's number is asserted on the variant, not the model
                holder = URIRef(f"{s}/variant/{c.variant}") if c.variant else s
                assert (holder, MFKG.parameterCount, Literal(c.value, datatype=XSD.integer)) in g
    for p in catalog.records("publication"):
        s = entity_iri("publication", p.id)
        if p.doi:
            assert (s, MFKG.doi, Literal(p.doi)) in g
            assert (s, MFKG.doiIri, URIRef(f"https://doi.org/{p.doi}")) in g


def test_ontology_header_is_stamped(tmp_path: Path) -> None:
    out = tmp_path / "g.ttl"
    build(FIXTURE_DATA, out)
    text = out.read_text()
    assert "owl:versionIRI <https://w3id.org/mfkg/ontology/" in text
    assert "owl:versionInfo" in text
