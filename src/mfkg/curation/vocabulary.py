"""Record types of the vocabularies: modalities, tokenizers, layer types, patterns, tasks, techniques,
trends, limits, recommendations, the seed's sections, assays, capabilities and baselines."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from mfkg.curation.types import (
    Curie,
    Entity,
    Id,
    LayerTypeRef,
    ModalityCategory,
    ModalityRef,
    ModelRef,
    PatternRef,
    PublicationRef,
    Record,
    TaskRef,
    Text,
    TokenizerRef,
    Year,
)


class SeedKorean(Record):
    """The seed's own Korean words for an entry it names, copied from the seed text (never translated)."""

    label_ko: Text | None = Field(default=None, description="The seed's name for the entry, as written (rdfs:label @ko).")
    description_ko: Text | None = Field(default=None, description="The seed's own Korean sentence about it (@ko).")


class Modality(Entity):
    aliases: list[Text] = Field(default_factory=list, description="Other names people use (scRNA-seq, ATAC, …).")
    category: ModalityCategory = Field(description="Group, which types the modality into an OWL class.")
    xrefs: list[Curie] = Field(default_factory=list, description="Verified external ids (see mappings.yaml).")


class Tokenizer(Entity):
    applies_to: list[ModalityRef] = Field(min_length=1, description="Modalities it tokenizes.")
    seed_section: int | None = Field(default=None, description="Seed section that describes it.")
    publications: list[PublicationRef] = Field(default_factory=list, description="Sources for the entry.")


class Equation(Record):
    name: Text = Field(description="What the equation defines.")
    latex: Text = Field(description="The equation in LaTeX.")


class LayerType(Entity):
    equations: list[Equation] = Field(default_factory=list, description="Defining equations.")
    seed_section: int | None = Field(default=None, description="Seed section that describes it.")
    publications: list[PublicationRef] = Field(default_factory=list, description="Sources for the entry.")


class Components(Record):
    encoders: Text
    fusion_point: Text
    latent: Text
    decoders: Text
    losses: Text


class Pattern(Entity, SeedKorean):
    seed_number: int | None = Field(default=None, ge=1, le=9, description="The seed's pattern number (1-9).")
    fusion: Text = Field(description="Where modalities meet.")
    components: Components
    missing_modality: Text = Field(description="How a modality missing at test time is handled.")
    handles_missing_modality: bool
    seed_section: int | None = None
    publications: list[PublicationRef] = Field(default_factory=list, description="Sources for the entry.")


class Task(Entity, SeedKorean):
    requires_paired: bool = Field(description="True when the task cannot be defined without paired multimodal data.")
    seed_column: Literal["single-modal-sufficient", "multimodal-required"] | None = None
    publications: list[PublicationRef] = Field(default_factory=list, description="Sources for the entry.")

    @model_validator(mode="after")
    def _column_matches(self) -> Task:
        if self.seed_column == "multimodal-required" and not self.requires_paired:
            raise ValueError("seed_column: 'multimodal-required' needs requires_paired: true")
        if self.seed_column == "single-modal-sufficient" and self.requires_paired:
            raise ValueError("seed_column: 'single-modal-sufficient' needs requires_paired: false")
        return self


class Technique(Entity):
    seed_section: int | None = None
    publications: list[PublicationRef] = Field(default_factory=list, description="Sources for the entry.")


class Trend(Entity, SeedKorean):
    period: Text
    models: list[ModelRef] = Field(min_length=1)
    publications: list[PublicationRef] = Field(default_factory=list)


class Mitigation(Record):
    technique: Text
    patterns: list[PatternRef] = Field(default_factory=list)
    models: list[ModelRef] = Field(default_factory=list)
    tokenizers: list[TokenizerRef] = Field(default_factory=list)
    layer_types: list[LayerTypeRef] = Field(default_factory=list)


class Limit(Entity, SeedKorean):
    seed_number: int | None = Field(default=None, ge=1, le=5)
    open_direction: bool = False
    affects_patterns: list[PatternRef] = Field(default_factory=list)
    mitigations: list[Mitigation] = Field(default_factory=list)
    publications: list[PublicationRef] = Field(default_factory=list)


class Recommendation(Record):
    id: Id
    seed_row: int = Field(ge=1)
    goal: Text
    goal_ko: Text | None = Field(default=None, description="The seed's Korean words for the goal (rdfs:label @ko).")
    goal_tasks: list[TaskRef] = Field(min_length=1)
    available_data: list[list[ModalityRef]] = Field(min_length=1)
    patterns: list[PatternRef] = Field(min_length=1)
    models: list[ModelRef] = Field(min_length=1)
    rationale: Text
    rationale_ko: Text | None = None


class SeedSection(Entity, SeedKorean):
    """One section of the seed page: its number, its heading (`label_ko` is the seed's own) and its keywords."""

    number: int = Field(ge=1, le=9, description="The seed's section number (1-9).")
    keywords: Text | None = Field(default=None, description="The seed's keyword line under the heading, as written.")


class Assay(Entity):
    measures: list[ModalityRef] = Field(min_length=1, description="Modalities the assay measures.")
    developer: Text | None = Field(default=None, description="Lab or company that introduced it.")
    year: Year | None = None
    xrefs: list[Curie] = Field(default_factory=list, description="Verified EFO/OBI ids.")
    publications: list[PublicationRef] = Field(default_factory=list)


class Capability(Entity):
    publications: list[PublicationRef] = Field(default_factory=list)


class Baseline(Entity):
    """A non-foundation baseline that benchmark results are reported for (PCA, HVG, linear, mean …)."""

    publications: list[PublicationRef] = Field(default_factory=list)


