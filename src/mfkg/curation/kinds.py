"""The kinds of curated record and where their files live, declared once: the loader, the reference
checker and the graph builder all iterate over `KINDS`."""

from __future__ import annotations

from dataclasses import dataclass

from mfkg.curation import schema


@dataclass(frozen=True)
class Kind:
    """One kind of curated record and where its files live."""

    name: str                      # "model"
    record: type[schema.Record]    # schema.Model
    source: str                    # "models/" (one record per file) or "patterns.yaml" (a list)
    entity: bool = True            # gets an IRI and takes part in references
    many: bool = False             # a folder whose files each hold a list of records

    @property
    def one_per_file(self) -> bool:
        return self.source.endswith("/") and not self.many


KINDS: tuple[Kind, ...] = (
    Kind("modality", schema.Modality, "modalities.yaml"),
    Kind("tokenizer", schema.Tokenizer, "tokenizers.yaml"),
    Kind("layer-type", schema.LayerType, "layer_types.yaml"),
    Kind("pattern", schema.Pattern, "patterns.yaml"),
    Kind("task", schema.Task, "tasks.yaml"),
    Kind("technique", schema.Technique, "techniques.yaml"),
    Kind("trend", schema.Trend, "trends.yaml"),
    Kind("limit", schema.Limit, "limits.yaml"),
    Kind("recommendation", schema.Recommendation, "recommendations.yaml"),
    Kind("assay", schema.Assay, "assays.yaml"),
    Kind("capability", schema.Capability, "capabilities.yaml"),
    Kind("baseline", schema.Baseline, "baselines.yaml"),
    Kind("model", schema.Model, "models/"),
    Kind("publication", schema.Publication, "publications/"),
    Kind("dataset", schema.Dataset, "datasets/"),
    Kind("benchmark", schema.Benchmark, "benchmarks/"),
    Kind("result", schema.Result, "results/", many=True),
    Kind("seed-claim", schema.SeedClaim, "seed_claims.yaml"),
    Kind("seed-section", schema.SeedSection, "seed_sections.yaml"),
    Kind("mapping", schema.MappingRow, "mappings.yaml", entity=False),
    Kind("not-found", schema.NotFoundRow, "not_found.yaml", entity=False),
)
KIND_BY_NAME = {k.name: k for k in KINDS}
REQUIRED_FILES = ("modalities.yaml", "tokenizers.yaml", "layer_types.yaml", "patterns.yaml",
                  "tasks.yaml", "models/", "publications/")
