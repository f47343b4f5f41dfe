"""Integrity of the real curated data: what every record must have, checked record by record."""

from __future__ import annotations

import re

import pytest

from conftest import REAL_DATA
from mfkg.curation.load import load_catalog, violations

CATALOG, PROBLEMS = load_catalog(REAL_DATA)
PROBLEMS = violations(PROBLEMS)   # warnings (a claim citing a paper its model does not list) show in validate
MODELS = CATALOG.records("model")
PUBLICATIONS = {p.id: p for p in CATALOG.records("publication")}


def test_real_data_loads_without_problems() -> None:
    assert not PROBLEMS, "\n".join(map(str, PROBLEMS))


def test_catalogue_size() -> None:
    assert len(MODELS) >= 60
    families = {m.family for m in MODELS}
    assert {"single-cell", "protein", "genomic", "spatial", "multimodal"} <= families


SEED_MODELS = ["scgpt", "geneformer", "scfoundation", "scelmo", "epiagent", "tahoe-x1", "cellfm", "scprint",
               "scprint-2", "gears", "scbutterfly", "babel", "polarbear", "scipenn", "unitednet", "totalvi",
               "multivi", "matilda", "seurat-v4-wnn", "scvi", "harmony", "scanorama", "dplm-2", "nicheformer",
               "proteinaligner", "evo", "esm2", "pinnacle", "atomica", "cellpatch"]


@pytest.mark.parametrize("model_id", SEED_MODELS)
def test_every_model_the_seed_names_is_in_the_catalogue(model_id: str) -> None:
    assert CATALOG.get("model", model_id) is not None


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.id)
def test_model_has_the_required_links(model) -> None:  # type: ignore[no-untyped-def]
    assert model.publications, "no publication"
    assert any("anchor" in u.roles for u in model.modalities)
    assert model.layer_types and model.patterns and model.tasks
    if model.kind == "foundation-model":
        assert any(u.tokenizer for u in model.modalities), "a foundation model needs a tokenizer"
    primary = PUBLICATIONS[model.publications[0]]
    assert primary.doi or primary.arxiv or primary.url


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.id)
def test_claims_are_sourced_and_quoted(model) -> None:  # type: ignore[no-untyped-def]
    for c in model.claims:
        assert c.source in PUBLICATIONS
        assert c.quote or c.locator
        if c.quote:
            assert len(c.quote.split()) <= 30


def test_counts_by_anchor_at_least_the_seeds() -> None:
    """The seed's catalogue: 9 protein-anchor, 12 single-cell, 8 genomic/spatial models."""
    categories = {m.id: m.category for m in CATALOG.records("modality")}
    anchors: dict[str, int] = {}
    for m in MODELS:
        cats = {categories[u.modality] for u in m.modalities if "anchor" in u.roles}
        for c in cats:
            anchors[c] = anchors.get(c, 0) + 1
    assert anchors.get("protein", 0) >= 9
    assert anchors.get("cell", 0) >= 12
    assert anchors.get("dna", 0) + anchors.get("spatial", 0) >= 8


def test_dois_and_arxiv_ids_are_well_formed_and_unique() -> None:
    seen: dict[str, str] = {}
    for p in PUBLICATIONS.values():
        for ident in filter(None, (p.doi, p.arxiv)):
            assert ident not in seen, f"{p.id} and {seen[ident]} share {ident}"
            seen[ident] = p.id
        if p.doi:
            assert re.match(r"^10\.\d{4,9}/\S+$", p.doi)


def test_every_seed_claim_has_a_verdict_and_evidence() -> None:
    claims = CATALOG.records("seed-claim")
    assert len(claims) >= 15
    for c in claims:
        assert c.verdict in ("agrees", "differs", "partially-agrees", "unverified")
        if c.verdict != "unverified":
            assert c.checked_against or c.evidence, c.id
    flagged = [c for c in claims if c.verdict != "agrees"]
    assert flagged, "at least the discrepancies found so far are recorded"


def test_seed_sections_all_become_data() -> None:
    assert len([p for p in CATALOG.records("pattern") if p.seed_number]) == 9
    tasks = CATALOG.records("task")
    assert len([t for t in tasks if t.seed_column == "single-modal-sufficient"]) == 6
    assert len([t for t in tasks if t.seed_column == "multimodal-required"]) == 8
    assert len(CATALOG.records("recommendation")) == 10
    assert len([x for x in CATALOG.records("limit") if x.seed_number]) == 5
    assert any(x.open_direction for x in CATALOG.records("limit"))
    assert {t.id for t in CATALOG.records("trend")} >= {"scaling-laws", "token-unification",
                                                       "perturbation-atlases", "geometric-deep-learning"}
    layer_ids = {x.id for x in CATALOG.records("layer-type")}
    assert {"transformer", "vae", "discrete-diffusion", "equivariant-gnn", "long-convolution"} <= layer_ids
    tokenizer_ids = {x.id for x in CATALOG.records("tokenizer")}
    assert {"rank-value", "value-binning", "continuous-projection", "llm-text-embedding", "ccre-token",
            "perturbation-token", "amino-acid", "structure-token-lfq", "foldseek-3di", "kmer-dna", "bpe-dna",
            "single-nucleotide", "gene-patching"} <= tokenizer_ids


def test_looked_for_values_say_where_they_were_searched() -> None:
    rows = CATALOG.records("not-found") + [nf for kind in ("model", "dataset")
                                            for rec in CATALOG.records(kind) for nf in rec.not_found]
    assert len(rows) > 100
    assert all(r.searched.strip() for r in rows)


def test_every_model_answers_the_commercial_use_question() -> None:
    for m in CATALOG.records("model"):
        cu = m.licence.commercial_use
        assert cu.answer in ("yes", "no", "conditional", "unknown"), m.id
        if cu.answer in ("unknown", "conditional"):
            assert cu.note, m.id


def test_variant_claims_name_declared_variants() -> None:
    for m in CATALOG.records("model"):
        declared = {v.id for v in m.variants}
        assert {c.variant for c in m.claims if c.variant} <= declared, m.id
