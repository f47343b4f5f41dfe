"""Record types of the main entities: models, publications, datasets, mappings, and looked-for statements
about other entities."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from mfkg.curation.claims import AssayUse, CapabilityUse, Claim, Conflict, Licence, Lineage, NotFound, Variant
from mfkg.curation.types import (
    AnyRef,
    ArxivId,
    AssayRef,
    Curie,
    DatasetRef,
    Doi,
    Family,
    HfId,
    Id,
    LayerTypeRef,
    ModalityRef,
    PatternRef,
    PublicationRef,
    PublicationType,
    Record,
    Role,
    TaskRef,
    TechniqueRef,
    Text,
    TokenizerRef,
    Url,
    Year,
)


class ModalityUse(Record):
    modality: ModalityRef
    roles: list[Role] = Field(min_length=1)
    tokenizer: TokenizerRef | None = None


class Model(Record):
    id: Id
    label: Text
    aliases: list[Text] = Field(default_factory=list)
    kind: Literal["foundation-model", "method"]
    family: Family
    year: Year
    description: Text
    innovation: Text | None = None
    publications: list[PublicationRef] = Field(min_length=1)
    repository: Url | None = None
    huggingface: list[HfId] = Field(default_factory=list)
    licence: Licence
    species: list[Text] = Field(default_factory=list)
    modalities: list[ModalityUse] = Field(min_length=1)
    layer_types: list[LayerTypeRef] = Field(min_length=1)
    patterns: list[PatternRef] = Field(min_length=1)
    tasks: list[TaskRef] = Field(min_length=1)
    techniques: list[TechniqueRef] = Field(default_factory=list)
    pretrained_on: list[DatasetRef] = Field(default_factory=list)
    assays: list[AssayUse] = Field(default_factory=list)
    derived_from: list[Lineage] = Field(default_factory=list)
    variants: list[Variant] = Field(default_factory=list)
    capabilities: list[CapabilityUse] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    not_found: list[NotFound] = Field(default_factory=list)
    note: Text | None = None

    @model_validator(mode="after")
    def _shape(self) -> Model:
        if not any("anchor" in m.roles for m in self.modalities):
            raise ValueError("modalities: a model needs one modality with the role 'anchor'")
        if self.kind == "foundation-model":
            for m in self.modalities:
                if "input" in m.roles and m.tokenizer is None:
                    raise ValueError(f"modalities: input modality '{m.modality}' of a foundation model needs a tokenizer")
        seen = [m.modality for m in self.modalities]
        if len(seen) != len(set(seen)):
            raise ValueError("modalities: a modality is listed twice; merge its roles into one entry")
        _check_facets(self)
        return self


def _check_facets(rec: Model | Dataset) -> None:
    """Claims, variants and conflicts of one record refer to each other by id; check them here."""
    ids = [c.id for c in rec.claims]
    if len(ids) != len(set(ids)):
        raise ValueError("claims: two claims share an id; claim ids must be unique within the record")
    variants = [v.id for v in getattr(rec, "variants", [])]
    if len(variants) != len(set(variants)):
        raise ValueError("variants: two variants share an id")
    known = set(variants)
    for where, items in (("claims", rec.claims), ("capabilities", getattr(rec, "capabilities", [])),
                         ("not_found", rec.not_found)):
        for item in items:
            if item.variant and item.variant not in known:
                hint = f"one of {', '.join(sorted(known))}" if known else "a variant declared under `variants`"
                raise ValueError(f"{where}: variant '{item.variant}' is not declared; use {hint}")
    by_id = {c.id: c for c in rec.claims}
    for conflict in rec.conflicts:
        a, b = conflict.claims
        for cid in (a, b):
            if cid not in by_id:
                raise ValueError(f"conflicts: '{cid}' is not a claim of this record; name two of its claim ids")
        ca, cb = by_id[a], by_id[b]
        if a == b or ca.property != cb.property:
            raise ValueError(f"conflicts: '{a}' and '{b}' are not two claims about the same property")
        if ca.variant != cb.variant:
            raise ValueError(f"conflicts: '{a}' and '{b}' are about different variants "
                             f"({ca.variant or 'the model'}, {cb.variant or 'the model'}); a conflict is about one variant")
        if ca.source == cb.source and ca.quote == cb.quote:
            raise ValueError(f"conflicts: '{a}' and '{b}' cite the same passage; a conflict is between two sourced claims")
        if ca.value == cb.value and ca.statement == cb.statement:
            raise ValueError(f"conflicts: '{a}' and '{b}' give the same value; that is agreement, not a conflict")


class Publication(Record):
    id: Id
    title: Text
    type: PublicationType
    year: Year | None = None
    venue: Text | None = None
    first_author: Text | None = None
    doi: Doi | None = None
    arxiv: ArxivId | None = None
    preprint_doi: Doi | None = Field(default=None, description="DOI of the preprint (bioRxiv, medRxiv, Research Square) when `doi` is the journal version.")
    url: Url | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _identified(self) -> Publication:
        if self.type != "wiki" and not (self.doi or self.arxiv or self.url):
            raise ValueError("doi: a publication needs a doi, an arxiv id or a url")
        if self.preprint_doi and self.preprint_doi == self.doi:
            raise ValueError("preprint_doi: the preprint DOI repeats `doi`; keep it in one of the two")
        return self


class Dataset(Record):
    id: Id
    label: Text
    kind: Literal["corpus", "atlas", "database", "benchmark"]
    description: Text
    modalities: list[ModalityRef] = Field(default_factory=list)
    assays: list[AssayRef] = Field(default_factory=list)
    species: list[Text] = Field(default_factory=list)
    publications: list[PublicationRef] = Field(default_factory=list)
    url: Url | None = None
    claims: list[Claim] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    not_found: list[NotFound] = Field(default_factory=list)
    note: Text | None = None

    @model_validator(mode="after")
    def _shape(self) -> Dataset:
        _check_facets(self)
        return self


class MappingRow(Record):
    subject: AnyRef
    predicate: Literal["skos:exactMatch", "skos:closeMatch", "skos:broadMatch",
                       "skos:narrowMatch", "skos:relatedMatch"]
    object: Curie
    object_label: Text
    justification: Curie
    evidence: Text
    comment: Text | None = None


class NotFoundRow(NotFound):
    """A looked-for-and-not-found statement about an entity that is not a model or dataset."""

    about: AnyRef = Field(description="'<kind>/<id>' of the entity.")


