"""Record types of evaluation: benchmarks with their metrics, and reported results."""

from __future__ import annotations

from pydantic import Field, model_validator

from mfkg.curation.types import (
    BaselineRef,
    BenchmarkRef,
    DatasetRef,
    Direction,
    Entity,
    Id,
    ModelRef,
    PublicationRef,
    Record,
    ReportedBy,
    Setting,
    TaskRef,
    Text,
)


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
    def _metrics(self) -> Benchmark:
        ids = [m.id for m in self.metrics]
        if len(ids) != len(set(ids)):
            raise ValueError("metrics: two metrics share an id")
        return self


class Result(Record):
    id: Id
    benchmark: BenchmarkRef
    metric: Id = Field(description="Id of one of the benchmark's metrics.")
    value: float   # an integer score is read as a number too, so every result value has one datatype
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
    def _shape(self) -> Result:
        if (self.model is None) == (self.baseline is None):
            raise ValueError("model: a result is for exactly one model or one baseline")
        if isinstance(self.value, bool):
            raise ValueError("value: write a number")
        if not self.quote and not self.locator:
            raise ValueError("quote: a result needs a verbatim quote or a table/figure locator")
        if self.quote and len(self.quote.split()) > 30:
            raise ValueError("quote: the quote is longer than 30 words; shorten it")
        return self
