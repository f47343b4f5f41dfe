"""Record types of sourced statements: claims, evidence, seed claims, and the facets of a model —
licences, variants, lineage, capabilities, assays, conflicts and looked-for-not-found statements."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from mfkg.curation.types import (
    COUNT_PROPERTIES,
    Access,
    AnyRef,
    AssayRef,
    CapabilityRef,
    ClaimPropertyName,
    ClaimRef,
    CommercialUse,
    DatasetRef,
    Id,
    LineageKind,
    ModalityRef,
    ModelRef,
    PublicationRef,
    Qualifier,
    Record,
    TaskRef,
    Text,
    Verdict,
)


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
    def _shape(self) -> Claim:
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
    def _located(self) -> Evidence:
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
    def _checked(self) -> SeedClaim:
        if self.verdict != "unverified" and not (self.checked_against or self.evidence):
            raise ValueError("checked_against: a checked seed claim needs the primary claim(s) it was checked against")
        return self


class Sourced(Record):
    """Anything stated about a model that needs its own source: a quote or a locator."""

    source: PublicationRef | None = Field(default=None, description="Publication id; omitted only where the model's own repository is the source (then `locator` names the file).")
    quote: Text | None = None
    locator: Text | None = None

    @model_validator(mode="after")
    def _located(self) -> Sourced:
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
    def _named(self) -> LicenceTerm:
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
    def _explained(self) -> Commercial:
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
    def _quote(self) -> Lineage:
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


