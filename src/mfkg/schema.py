"""Record types: one per entity kind, with constrained field types.

Each field carries a description; references to other records are typed with `Ref(kind)` so
that the loader can check them (and suggest the nearest id) without a per-kind if-chain.
Unknown keys are rejected and types are strict: a count written as "33M" is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

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
AssayRef = ref("assay")
CapabilityRef = ref("capability")
BenchmarkRef = ref("benchmark")
BaselineRef = ref("baseline")
# "<entity-id>/<claim-id>", checked against every claim's qualified id
ClaimRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+/[a-z0-9-]+$"), Ref("claim")]
# "<kind>/<id>" for mappings and unverified entries
AnyRef = Annotated[str, Ref("any")]

ModalityCategory = Literal["cell", "bulk", "epigenome", "spatial", "protein", "molecular", "dna",
                           "rna", "image", "text", "chemical", "perturbation", "network",
                           "physiology"]
Role = Literal["input", "output", "anchor", "conditioning"]
Family = Literal["single-cell", "protein", "genomic", "spatial", "imaging", "multimodal"]
LineageKind = Literal["fine-tuned-from", "continued-pretraining-of", "extends-architecture-of",
                      "uses-embeddings-of", "distilled-from", "successor-of", "derived-from"]
Access = Literal["open", "registration", "request", "terms", "api-only", "not-released"]
CommercialUse = Literal["yes", "no", "conditional", "unknown"]
Setting = Literal["zero-shot", "linear-probe", "fine-tuned", "trained", "few-shot", "other"]
ReportedBy = Literal["authors", "independent"]
Direction = Literal["higher", "lower"]
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
    variant: Id | None = Field(default=None, description="Id of the released variant (in the model's `variants`) the claim is about.")
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


# ----------------------------------------------------------------------------- model facets
class Sourced(Record):
    """Anything stated about a model that needs its own source: a quote or a locator."""

    source: PublicationRef | None = Field(default=None, description="Publication id; omitted only where the model's own repository is the source (then `locator` names the file).")
    quote: Text | None = None
    locator: Text | None = None

    @model_validator(mode="after")
    def _located(self) -> "Sourced":
        if not self.quote and not self.locator:
            raise ValueError("quote: give a verbatim quote or a locator in the source")
        if self.quote and len(self.quote.split()) > 30:
            raise ValueError("quote: the quote is longer than 30 words; shorten it")
        return self


@lru_cache(maxsize=1)
def _spdx_ids() -> dict[str, str]:
    """SPDX licence ids (lower-cased -> canonical), from the SPDX list shipped by license-expression."""
    from license_expression import get_spdx_licensing

    ids: dict[str, str] = {}
    for sym in get_spdx_licensing().known_symbols.values():
        ids[sym.key.lower()] = sym.key
        for alias in sym.aliases:   # deprecated ids such as GPL-3.0 are still SPDX ids
            if not alias.startswith("LicenseRef-"):
                ids.setdefault(alias.lower(), alias)
    return ids


class LicenceTerm(Sourced):
    spdx: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")] | None = Field(
        default=None, description="SPDX licence id (MIT, Apache-2.0, CC-BY-NC-4.0 …).")
    text: Text | None = Field(default=None, description="The card's own words when there is no SPDX id.")

    @field_validator("spdx")
    @classmethod
    def _known_spdx(cls, v: str | None) -> str | None:
        if v is None:
            return v
        ids = _spdx_ids()
        canonical = ids.get(v.lower())
        if canonical is None:
            import difflib

            close = difflib.get_close_matches(v.lower(), list(ids), n=1)
            hint = f"did you mean '{ids[close[0]]}'?" if close else "write the licence's name in `text` instead"
            raise ValueError(f"'{v}' is not an SPDX licence id; {hint}")
        if canonical != v:
            raise ValueError(f"write the SPDX id as '{canonical}'")
        return v

    @model_validator(mode="after")
    def _named(self) -> "LicenceTerm":
        if not self.spdx and not self.text:
            raise ValueError("spdx: name the licence by its SPDX id, or quote its name in `text`")
        return self


class Commercial(Sourced):
    answer: CommercialUse

    @field_validator("answer", mode="before")
    @classmethod
    def _yaml_yes_no(cls, v: object) -> object:
        # YAML 1.1 reads a bare yes/no as a boolean; take it as the word the curator wrote
        return {True: "yes", False: "no"}.get(v, v) if isinstance(v, bool) else v
    note: Text | None = Field(default=None, description="The condition, or what was looked at when the answer is unknown.")

    @model_validator(mode="after")
    def _explained(self) -> "Commercial":
        if self.answer in ("conditional", "unknown") and not self.note:
            raise ValueError("note: say the condition (conditional) or what was looked at (unknown)")
        return self


class Licence(Record):
    code: LicenceTerm | None = None
    weights: LicenceTerm | None = None
    access: Access | None = Field(default=None, description="How the weights are obtained.")
    access_source: Sourced | None = None
    commercial_use: Commercial


class Variant(Record):
    id: Id = Field(description="Unique within the model, e.g. '650m' or 'v2-316m'.")
    label: Text
    release_date: Annotated[str, StringConstraints(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] | None = None
    checkpoints: list[Text] = Field(default_factory=list, description="Hugging Face ids or download names of the released weights.")
    pretrained_on: list[DatasetRef] = Field(default_factory=list)
    description: Text | None = None
    source: PublicationRef | None = Field(default=None, description="Where the variant is listed (model card, README, paper).")
    quote: Text | None = None
    locator: Text | None = None


class Lineage(Record):
    model: ModelRef
    kind: LineageKind = Field(description="How this model comes from the other one.")
    source: PublicationRef | None = None
    quote: Text | None = None
    locator: Text | None = None

    @model_validator(mode="after")
    def _quote(self) -> "Lineage":
        if self.quote and len(self.quote.split()) > 30:
            raise ValueError("quote: the quote is longer than 30 words; shorten it")
        if self.source and not (self.quote or self.locator):
            raise ValueError("quote: a lineage with a source needs a verbatim quote or a locator")
        return self


class CapabilityUse(Sourced):
    capability: CapabilityRef
    modality: ModalityRef | None = Field(default=None, description="For 'generates': the modality generated.")
    variant: Id | None = None


class AssayUse(Record):
    assay: AssayRef
    use: Literal["training", "evaluation"]


class Conflict(Record):
    claims: list[Id] = Field(min_length=2, max_length=2, description="Ids of two claims of this record.")
    note: Text


class NotFound(Record):
    property: Text = Field(description="What was looked for (a claim property, a field, a figure).")
    variant: Id | None = None
    searched: Text = Field(description="Where it was looked for.")
    note: Text | None = None


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
        _check_facets(self)
        return self


def _check_facets(rec: "Model | Dataset") -> None:
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
    def _identified(self) -> "Publication":
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
    def _shape(self) -> "Dataset":
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


# ----------------------------------------------------------------------------- vocabularies added for the catalogue
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


class Metric(Record):
    id: Id
    label: Text
    direction: Direction
    minimum: float | None = None
    maximum: float | None = None


class Benchmark(Entity):
    task: TaskRef
    datasets: list[DatasetRef] = Field(default_factory=list)
    suite: Text | None = Field(default=None, description="The suite the benchmark belongs to (scIB, ProteinGym, GUE …).")
    split: Text | None = None
    protocol: Text | None = None
    metrics: list[Metric] = Field(min_length=1)
    publications: list[PublicationRef] = Field(default_factory=list)

    @model_validator(mode="after")
    def _metrics(self) -> "Benchmark":
        ids = [m.id for m in self.metrics]
        if len(ids) != len(set(ids)):
            raise ValueError("metrics: two metrics share an id")
        return self


class Result(Record):
    id: Id
    benchmark: BenchmarkRef
    metric: Id = Field(description="Id of one of the benchmark's metrics.")
    value: float | int
    model: ModelRef | None = None
    variant: Id | None = None
    baseline: BaselineRef | None = None
    setting: Setting
    reported_by: ReportedBy
    source: PublicationRef
    quote: Text | None = None
    locator: Text | None = None
    estimated_from_plot: bool = False
    note: Text | None = None

    @model_validator(mode="after")
    def _shape(self) -> "Result":
        if (self.model is None) == (self.baseline is None):
            raise ValueError("model: a result is for exactly one model or one baseline")
        if isinstance(self.value, bool):
            raise ValueError("value: write a number")
        if not self.quote and not self.locator:
            raise ValueError("quote: a result needs a verbatim quote or a table/figure locator")
        if self.quote and len(self.quote.split()) > 30:
            raise ValueError("quote: the quote is longer than 30 words; shorten it")
        return self
