"""Record types: one per entity kind, with constrained field types.

Each field carries a description; references to other records are typed with `Ref(kind)` so
that the loader can check them (and suggest the nearest id) without a per-kind if-chain.
Unknown keys are rejected and types are strict: a count written as "33M" is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
DOI_PATTERN = r"^10\.\d{4,9}/[^\s]+$"
ARXIV_PATTERN = r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})$"
URL_PATTERN = r"^https?://[^\s<>\"{}|\\^`]+$"
HF_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$"
CURIE_PATTERN = r"^[A-Za-z][A-Za-z0-9_.-]*:[A-Za-z0-9_.:-]+$"


@dataclass(frozen=True)
class Ref:
    """Marks a string field as a reference to a record of `kind`."""

    kind: str


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]
Doi = Annotated[str, StringConstraints(pattern=DOI_PATTERN)]
ArxivId = Annotated[str, StringConstraints(pattern=ARXIV_PATTERN)]
HfId = Annotated[str, StringConstraints(pattern=HF_PATTERN)]
Curie = Annotated[str, StringConstraints(pattern=CURIE_PATTERN)]
Year = Annotated[int, Field(ge=1950, le=2030)]
PositiveInt = Annotated[int, Field(gt=0)]


def ref(kind: str) -> object:
    return Annotated[str, StringConstraints(pattern=ID_PATTERN), Ref(kind)]


ModalityRef = ref("modality")
TokenizerRef = ref("tokenizer")
LayerTypeRef = ref("layer-type")
PatternRef = ref("pattern")
TaskRef = ref("task")
TechniqueRef = ref("technique")
ModelRef = ref("model")
DatasetRef = ref("dataset")
PublicationRef = ref("publication")
# "<entity-id>/<claim-id>", checked against every claim's qualified id
ClaimRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$"), Ref("claim")]
# "<kind>/<id>" for mappings and unverified entries
AnyRef = Annotated[str, Ref("any")]

ModalityCategory = Literal["cell", "bulk", "epigenome", "spatial", "protein", "molecular", "dna",
                           "rna", "image", "text", "chemical", "perturbation", "network",
                           "physiology"]
Role = Literal["input", "output", "anchor", "conditioning"]
Family = Literal["single-cell", "protein", "genomic", "spatial", "multimodal"]
PublicationType = Literal["overview", "foundation-model", "method", "review", "benchmark",
                          "dataset", "software", "vision", "wiki"]
Verdict = Literal["agrees", "differs", "partially-agrees", "unverified"]
Qualifier = Literal["exactly", "approximately", "more-than", "at-least", "up-to"]
COUNT_PROPERTIES = ("parameter_count", "pretraining_cells", "pretraining_spatial_cells",
                    "pretraining_sequences", "pretraining_tokens", "pretraining_species",
                    "context_length", "embedding_dim", "layers", "vocabulary_size")
ClaimPropertyName = Literal["parameter_count", "pretraining_cells", "pretraining_spatial_cells",
                            "pretraining_sequences", "pretraining_tokens", "pretraining_species",
                            "context_length", "embedding_dim", "layers", "vocabulary_size",
                            "result", "other"]


class Record(BaseModel):
    """Base of every curated record: strict types, no unknown keys, immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Entity(Record):
    id: Id = Field(description="Stable kebab-case id; the IRI is minted from it.")
    label: Text = Field(description="Display name.")
    description: Text = Field(description="One or two sentences, in the curators' words.")


# ----------------------------------------------------------------------------- vocabularies
class Modality(Entity):
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


class Pattern(Entity):
    seed_number: int | None = Field(default=None, ge=1, le=9, description="The seed's pattern number (1-9).")
    fusion: Text = Field(description="Where modalities meet.")
    components: Components
    missing_modality: Text = Field(description="How a modality missing at test time is handled.")
    handles_missing_modality: bool
    seed_section: int | None = None
    publications: list[PublicationRef] = Field(default_factory=list, description="Sources for the entry.")


class Task(Entity):
    requires_paired: bool = Field(description="True when the task cannot be defined without paired multimodal data.")
    seed_column: Literal["single-modal-sufficient", "multimodal-required"] | None = None
    publications: list[PublicationRef] = Field(default_factory=list, description="Sources for the entry.")

    @model_validator(mode="after")
    def _column_matches(self) -> "Task":
        if self.seed_column == "multimodal-required" and not self.requires_paired:
            raise ValueError("seed_column: 'multimodal-required' needs requires_paired: true")
        if self.seed_column == "single-modal-sufficient" and self.requires_paired:
            raise ValueError("seed_column: 'single-modal-sufficient' needs requires_paired: false")
        return self


class Technique(Entity):
    seed_section: int | None = None
    publications: list[PublicationRef] = Field(default_factory=list, description="Sources for the entry.")


class Trend(Entity):
    period: Text
    models: list[ModelRef] = Field(min_length=1)
    publications: list[PublicationRef] = Field(default_factory=list)


class Mitigation(Record):
    technique: Text
    patterns: list[PatternRef] = Field(default_factory=list)
    models: list[ModelRef] = Field(default_factory=list)
    tokenizers: list[TokenizerRef] = Field(default_factory=list)
    layer_types: list[LayerTypeRef] = Field(default_factory=list)


class Limit(Entity):
    seed_number: int | None = Field(default=None, ge=1, le=5)
    open_direction: bool = False
    affects_patterns: list[PatternRef] = Field(default_factory=list)
    mitigations: list[Mitigation] = Field(default_factory=list)
    publications: list[PublicationRef] = Field(default_factory=list)


class Recommendation(Record):
    id: Id
    seed_row: int = Field(ge=1)
    goal: Text
    goal_tasks: list[TaskRef] = Field(min_length=1)
    available_data: list[list[ModalityRef]] = Field(min_length=1)
    patterns: list[PatternRef] = Field(min_length=1)
    models: list[ModelRef] = Field(min_length=1)
    rationale: Text
    rationale_ko: Text | None = None


# ----------------------------------------------------------------------------- claims
class Claim(Record):
    id: Id = Field(description="Unique within its entity.")
    property: ClaimPropertyName
    value: int | float | None = None
    qualifier: Qualifier | None = None
    size: Text | None = Field(default=None, description="Released variant the claim is about.")
    task: TaskRef | None = None
    metric: Text | None = None
    dataset: Text | None = None
    statement: Text | None = None
    source: PublicationRef
    quote: Text | None = None
    locator: Text | None = None

    @model_validator(mode="after")
    def _shape(self) -> "Claim":
        if self.property in COUNT_PROPERTIES:
            if not isinstance(self.value, int) or isinstance(self.value, bool) or self.value <= 0:
                raise ValueError(f"value: a {self.property} claim needs a positive integer value")
        elif self.property == "result":
            if self.value is None or isinstance(self.value, bool):
                raise ValueError("value: a result claim needs a numeric value")
            if not self.metric:
                raise ValueError("metric: a result claim needs a metric")
        elif self.property == "other" and not self.statement:
            raise ValueError("statement: an 'other' claim needs a statement")
        if not self.quote and not self.locator:
            raise ValueError("quote: a claim needs a verbatim quote or a locator in its source")
        if self.quote and len(self.quote.split()) > 30:
            raise ValueError("quote: the quote is longer than 30 words; shorten it")
        return self


class Evidence(Record):
    """A primary-source passage checked directly, when no model or dataset claim holds it."""

    source: PublicationRef
    quote: Text | None = None
    locator: Text | None = None
    value: int | float | Text | None = None

    @model_validator(mode="after")
    def _located(self) -> "Evidence":
        if not self.quote and not self.locator:
            raise ValueError("quote: evidence needs a verbatim quote or a locator")
        if self.quote and len(self.quote.split()) > 30:
            raise ValueError("quote: the quote is longer than 30 words; shorten it")
        return self


class SeedClaim(Record):
    id: Id
    section: int = Field(ge=1, le=9)
    seed_text: Text = Field(description="The seed's own words.")
    about: AnyRef = Field(description="'<kind>/<id>' of the entity the claim is about.")
    statement: Text = Field(description="The claim in English.")
    seed_value: int | float | Text | None = None
    verdict: Verdict
    checked_against: list[ClaimRef] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    note: Text | None = None

    @model_validator(mode="after")
    def _checked(self) -> "SeedClaim":
        if self.verdict != "unverified" and not (self.checked_against or self.evidence):
            raise ValueError("checked_against: a checked seed claim needs the primary claim(s) it was checked against")
        return self


# ----------------------------------------------------------------------------- main entities
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
    license: Text | None = None
    species: list[Text] = Field(default_factory=list)
    modalities: list[ModalityUse] = Field(min_length=1)
    layer_types: list[LayerTypeRef] = Field(min_length=1)
    patterns: list[PatternRef] = Field(min_length=1)
    tasks: list[TaskRef] = Field(min_length=1)
    techniques: list[TechniqueRef] = Field(default_factory=list)
    pretrained_on: list[DatasetRef] = Field(default_factory=list)
    derived_from: list[ModelRef] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    note: Text | None = None

    @model_validator(mode="after")
    def _shape(self) -> "Model":
        if not any("anchor" in m.roles for m in self.modalities):
            raise ValueError("modalities: a model needs one modality with the role 'anchor'")
        if self.kind == "foundation-model":
            for m in self.modalities:
                if "input" in m.roles and m.tokenizer is None:
                    raise ValueError(f"modalities: input modality '{m.modality}' of a foundation model needs a tokenizer")
        seen = [m.modality for m in self.modalities]
        if len(seen) != len(set(seen)):
            raise ValueError("modalities: a modality is listed twice; merge its roles into one entry")
        ids = [c.id for c in self.claims]
        if len(ids) != len(set(ids)):
            raise ValueError("claims: two claims share an id; claim ids must be unique within the model")
        return self


class Publication(Record):
    id: Id
    title: Text
    type: PublicationType
    year: Year | None = None
    venue: Text | None = None
    first_author: Text | None = None
    doi: Doi | None = None
    arxiv: ArxivId | None = None
    url: Url | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _identified(self) -> "Publication":
        if self.type != "wiki" and not (self.doi or self.arxiv or self.url):
            raise ValueError("doi: a publication needs a doi, an arxiv id or a url")
        return self


class Dataset(Record):
    id: Id
    label: Text
    kind: Literal["corpus", "atlas", "database", "benchmark"]
    description: Text
    modalities: list[ModalityRef] = Field(default_factory=list)
    publications: list[PublicationRef] = Field(default_factory=list)
    url: Url | None = None
    claims: list[Claim] = Field(default_factory=list)
    note: Text | None = None


class MappingRow(Record):
    subject: AnyRef
    predicate: Literal["skos:exactMatch", "skos:closeMatch", "skos:broadMatch",
                       "skos:narrowMatch", "skos:relatedMatch"]
    object: Curie
    object_label: Text
    justification: Curie
    evidence: Text
    comment: Text | None = None


class UnverifiedRow(Record):
    entity: Text
    field: Text
    searched: Text
    note: Text
