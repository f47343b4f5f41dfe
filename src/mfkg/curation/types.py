"""Field types shared by the record types: ids, references, identifiers, closed vocabularies.

Each field carries a description; references to other records are typed with `Ref(kind)` so
that the loader can check them (and suggest the nearest id) without a per-kind if-chain.
Unknown keys are rejected and types are strict: a count written as "33M" is an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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
