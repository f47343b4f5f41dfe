"""The one declared table from YAML fields to RDF predicates and datatypes.

`graph.py` walks this table; adding a field to the RDF is one line here. The few rules that are
not field-to-predicate (a class chosen by a field's value, shortcut triples) are listed at the
bottom of `graph.py`, next to the code that applies them.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS, XSD

from mfkg.namespaces import ACCESS, COMMERCIAL, DIRECTION, FAMILY, MFKG, PUBTYPE, REPORTER, ROLE, SETTING, VERDICT


@dataclass(frozen=True)
class F:
    """One field: how its value(s) become objects of `predicate`.

    as_: literal (typed by `datatype`, or language `lang`), ref (IRI of a record of kind `target`),
    iri (the value is an IRI), doi (https://doi.org/ + value), enum (IRI `target` + value),
    variant (IRI of the owning record's variant node), claim (IRI of the owning record's claim),
    node (nested records, mapped by `node`), inline (a nested record whose fields `node` maps
    onto the same subject; `predicate` is unused).
    """

    field: str
    predicate: URIRef
    as_: str = "literal"
    datatype: URIRef | None = None
    target: str | None = None
    lang: str | None = None
    node: NodeMap | None = None


@dataclass(frozen=True)
class NodeMap:
    """How a record, or a nested record, becomes a resource."""

    rdf_type: URIRef
    fields: tuple[F, ...]
    segment: str = ""        # nested records: IRI = <parent>/<segment>/<key>
    key: str | None = None   # field whose value names a nested record; else its position


S, I, B, D = XSD.string, XSD.integer, XSD.boolean, XSD.decimal

LABELLED = (F("id", MFKG.identifier, datatype=S), F("label", RDFS.label, lang="en"),
            F("description", DCTERMS.description, lang="en"))
# the seed's own Korean words, for the entries it names (patterns, tasks, limits, trends)
SEED_KO = (F("label_ko", RDFS.label, lang="ko"), F("description_ko", DCTERMS.description, lang="ko"))

CLAIM = NodeMap(MFKG.Claim, (
    F("id", MFKG.identifier, datatype=S),
    F("value", MFKG.claimValue),           # int -> xsd:integer, float -> xsd:decimal
    F("qualifier", MFKG.qualifier, datatype=S),
    F("variant", MFKG.aboutVariant, "variant"),
    F("task", MFKG.claimTask, "ref", target="task"),
    F("metric", MFKG.metric, datatype=S),
    F("dataset", MFKG.benchmark, datatype=S),
    F("statement", MFKG.statement, lang="en"),
    F("source", MFKG.claimSource, "ref", target="publication"),
    F("quote", MFKG.quote, datatype=S),
    F("locator", MFKG.locator, datatype=S),
), segment="claim", key="id")

# claim `property` name -> the datatype property the claim's value is asserted with
CLAIM_PROPERTIES: dict[str, URIRef] = {
    "parameter_count": MFKG.parameterCount,
    "pretraining_cells": MFKG.pretrainingCells,
    "pretraining_spatial_cells": MFKG.pretrainingSpatialCells,
    "pretraining_sequences": MFKG.pretrainingSequences,
    "pretraining_tokens": MFKG.pretrainingTokens,
    "pretraining_species": MFKG.pretrainingSpecies,
    "context_length": MFKG.contextLength,
    "embedding_dim": MFKG.embeddingDim,
    "layers": MFKG.layerCount,
    "vocabulary_size": MFKG.vocabularySize,
    "result": MFKG.result,
    "other": MFKG.otherClaim,
}

MODALITY_USE = NodeMap(MFKG.ModalityUsage, (
    F("modality", MFKG.modality, "ref", target="modality"),
    F("roles", MFKG.role, "enum", target=str(ROLE)),
    F("tokenizer", MFKG.tokenizer, "ref", target="tokenizer"),
), segment="usage", key="modality")

SOURCED = (F("source", MFKG.claimSource, "ref", target="publication"),
           F("quote", MFKG.quote, datatype=S),
           F("locator", MFKG.locator, datatype=S))

LICENCE_TERM = (F("spdx", MFKG.spdxId, datatype=S), F("spdx", DCTERMS.license, "enum", target="https://spdx.org/licenses/"),
                F("text", RDFS.label, lang="en")) + SOURCED

LICENCE = NodeMap(MFKG.LicenceStatement, (
    F("code", MFKG.codeLicence, "node", node=NodeMap(MFKG.LicenceTerm, LICENCE_TERM, segment="code")),
    F("weights", MFKG.weightsLicence, "node", node=NodeMap(MFKG.LicenceTerm, LICENCE_TERM, segment="weights")),
    F("access", MFKG.access, "enum", target=str(ACCESS)),
    F("access_source", MFKG.accessEvidence, "node", node=NodeMap(MFKG.Evidence, SOURCED, segment="access")),
    F("commercial_use", MFKG.commercialUseStatement, "node", node=NodeMap(MFKG.CommercialUseStatement, (
        F("answer", MFKG.commercialUse, "enum", target=str(COMMERCIAL)),
        F("note", SKOS.note, lang="en"),
    ) + SOURCED, segment="commercial-use")),
), segment="licence")

VARIANT = NodeMap(MFKG.ModelVariant, (
    F("id", MFKG.identifier, datatype=S),
    F("label", RDFS.label, lang="en"),
    F("release_date", MFKG.releaseDate, datatype=S),
    F("checkpoints", MFKG.checkpoint, datatype=S),
    F("pretrained_on", MFKG.pretrainedOn, "ref", target="dataset"),
    F("description", DCTERMS.description, lang="en"),
) + SOURCED, segment="variant", key="id")

LINEAGE = NodeMap(MFKG.LineageStatement, (
    F("model", MFKG.parentModel, "ref", target="model"),
    F("kind", MFKG.lineageKind, datatype=S),
) + SOURCED, segment="lineage", key="model")

CAPABILITY_USE = NodeMap(MFKG.CapabilityStatement, (
    F("capability", MFKG.capability, "ref", target="capability"),
    F("modality", MFKG.modality, "ref", target="modality"),
    F("variant", MFKG.aboutVariant, "variant"),
) + SOURCED, segment="capability")

CONFLICT = NodeMap(MFKG.ValueConflict, (
    F("claims", MFKG.conflictingClaim, "claim"),
    F("note", SKOS.note, lang="en"),
), segment="conflict")

NOT_FOUND_FIELDS = (
    F("property", MFKG.soughtProperty, datatype=S),
    F("variant", MFKG.aboutVariant, "variant"),
    F("searched", MFKG.searched, lang="en"),
    F("note", SKOS.note, lang="en"),
)
NOT_FOUND = NodeMap(MFKG.NotFoundStatement, NOT_FOUND_FIELDS, segment="not-found")

# lineage kind -> sub-property of the transitive mfkg:derivesFrom
LINEAGE_PROPERTIES: dict[str, URIRef] = {
    "fine-tuned-from": MFKG.fineTunedFrom,
    "continued-pretraining-of": MFKG.continuedPretrainingOf,
    "extends-architecture-of": MFKG.extendsArchitectureOf,
    "uses-embeddings-of": MFKG.usesEmbeddingsOf,
    "distilled-from": MFKG.distilledFrom,
    "successor-of": MFKG.successorOf,
    "derived-from": MFKG.derivesFrom,
}

# role name -> shortcut property from the model to the modality
ROLE_PROPERTIES: dict[str, URIRef] = {
    "input": MFKG.hasInputModality,
    "output": MFKG.hasOutputModality,
    "anchor": MFKG.hasAnchorModality,
    "conditioning": MFKG.hasConditioningModality,
}

MAPS: dict[str, NodeMap] = {
    "modality": NodeMap(MFKG.Modality, LABELLED + (
        F("aliases", SKOS.altLabel, lang="en"),
        F("category", MFKG.category, datatype=S),
    )),
    "tokenizer": NodeMap(MFKG.TokenizationStrategy, LABELLED + (
        F("applies_to", MFKG.appliesToModality, "ref", target="modality"),
        F("seed_section", MFKG.seedSection, datatype=I),
        F("publications", MFKG.describedIn, "ref", target="publication"),
    )),
    "layer-type": NodeMap(MFKG.LayerType, LABELLED + (
        F("equations", MFKG.hasEquation, "node", node=NodeMap(MFKG.Equation, (
            F("name", RDFS.label, lang="en"),
            F("latex", MFKG.latex, datatype=S),
        ), segment="equation")),
        F("seed_section", MFKG.seedSection, datatype=I),
        F("publications", MFKG.describedIn, "ref", target="publication"),
    )),
    "pattern": NodeMap(MFKG.ArchitecturePattern, LABELLED + SEED_KO + (
        F("seed_number", MFKG.seedNumber, datatype=I),
        F("fusion", MFKG.fusionStage, datatype=S),
        F("components", MFKG.fusionPoint, "inline", node=NodeMap(MFKG.ArchitecturePattern, (
            F("encoders", MFKG.encoders, lang="en"),
            F("fusion_point", MFKG.fusionPoint, lang="en"),
            F("latent", MFKG.latent, lang="en"),
            F("decoders", MFKG.decoders, lang="en"),
            F("losses", MFKG.losses, lang="en"),
        ))),
        F("missing_modality", MFKG.missingModalityHandling, lang="en"),
        F("handles_missing_modality", MFKG.handlesMissingModality, datatype=B),
        F("seed_section", MFKG.seedSection, datatype=I),
        F("publications", MFKG.describedIn, "ref", target="publication"),
    )),
    "task": NodeMap(MFKG.Task, LABELLED + SEED_KO + (
        F("requires_paired", MFKG.requiresPairedData, datatype=B),
        F("seed_column", MFKG.seedColumn, datatype=S),
        F("publications", MFKG.describedIn, "ref", target="publication"),
    )),
    "technique": NodeMap(MFKG.Technique, LABELLED + (
        F("seed_section", MFKG.seedSection, datatype=I),
        F("publications", MFKG.describedIn, "ref", target="publication"),
    )),
    "trend": NodeMap(MFKG.Trend, LABELLED + SEED_KO + (
        F("period", MFKG.period, datatype=S),
        F("models", MFKG.exemplifiedBy, "ref", target="model"),
        F("publications", MFKG.describedIn, "ref", target="publication"),
    )),
    "limit": NodeMap(MFKG.Limitation, LABELLED + SEED_KO + (
        F("seed_number", MFKG.seedNumber, datatype=I),
        F("affects_patterns", MFKG.affectsPattern, "ref", target="pattern"),
        F("mitigations", MFKG.hasMitigation, "node", node=NodeMap(MFKG.Mitigation, (
            F("technique", MFKG.technique, lang="en"),
            F("patterns", MFKG.viaEntity, "ref", target="pattern"),
            F("models", MFKG.viaEntity, "ref", target="model"),
            F("tokenizers", MFKG.viaEntity, "ref", target="tokenizer"),
            F("layer_types", MFKG.viaEntity, "ref", target="layer-type"),
        ), segment="mitigation")),
        F("publications", MFKG.describedIn, "ref", target="publication"),
    )),
    "recommendation": NodeMap(MFKG.Recommendation, (
        F("id", MFKG.identifier, datatype=S),
        F("goal", RDFS.label, lang="en"),
        F("goal", MFKG.goal, lang="en"),
        F("goal_ko", RDFS.label, lang="ko"),
        F("seed_row", MFKG.seedRow, datatype=I),
        F("goal_tasks", MFKG.forGoalTask, "ref", target="task"),
        F("available_data", MFKG.hasDataRequirement, "node", node=NodeMap(MFKG.DataRequirement, (
            F("", MFKG.requiresModality, "ref", target="modality"),  # "" = the item itself
        ), segment="data")),
        F("patterns", MFKG.recommendsPattern, "ref", target="pattern"),
        F("models", MFKG.recommendsModel, "ref", target="model"),
        F("rationale", MFKG.rationale, lang="en"),
        F("rationale_ko", MFKG.rationale, lang="ko"),
    )),
    "model": NodeMap(MFKG.Model, (
        F("id", MFKG.identifier, datatype=S),
        F("label", RDFS.label, lang="en"),
        F("aliases", SKOS.altLabel, lang="en"),
        F("family", MFKG.inFamily, "enum", target=str(FAMILY)),
        F("year", MFKG.releaseYear, datatype=I),
        F("description", DCTERMS.description, lang="en"),
        F("innovation", MFKG.innovation, lang="en"),
        F("publications", MFKG.describedIn, "ref", target="publication"),
        F("repository", MFKG.codeRepository, "iri"),
        F("huggingface", MFKG.huggingFaceId, datatype=S),
        F("licence", MFKG.hasLicenceStatement, "node", node=LICENCE),
        F("species", MFKG.species, datatype=S),
        F("modalities", MFKG.hasModalityUsage, "node", node=MODALITY_USE),
        F("layer_types", MFKG.hasLayerType, "ref", target="layer-type"),
        F("patterns", MFKG.followsPattern, "ref", target="pattern"),
        F("tasks", MFKG.addressesTask, "ref", target="task"),
        F("techniques", MFKG.usesTechnique, "ref", target="technique"),
        F("pretrained_on", MFKG.pretrainedOn, "ref", target="dataset"),
        F("derived_from", MFKG.hasLineageStatement, "node", node=LINEAGE),
        F("variants", MFKG.hasVariant, "node", node=VARIANT),
        F("capabilities", MFKG.hasCapabilityStatement, "node", node=CAPABILITY_USE),
        F("claims", MFKG.hasClaim, "node", node=CLAIM),
        F("conflicts", MFKG.hasValueConflict, "node", node=CONFLICT),
        F("not_found", MFKG.hasNotFoundStatement, "node", node=NOT_FOUND),
        F("note", SKOS.note, lang="en"),
    )),
    "publication": NodeMap(MFKG.Publication, (
        F("id", MFKG.identifier, datatype=S),
        F("title", RDFS.label, datatype=S),
        F("title", DCTERMS.title, datatype=S),
        F("type", MFKG.publicationType, "enum", target=str(PUBTYPE)),
        F("year", MFKG.publicationYear, datatype=I),
        F("venue", MFKG.venue, datatype=S),
        F("first_author", MFKG.firstAuthor, datatype=S),
        F("doi", MFKG.doi, datatype=S),
        F("doi", MFKG.doiIri, "doi"),
        F("arxiv", MFKG.arxivId, datatype=S),
        F("preprint_doi", MFKG.preprintDoi, datatype=S),
        F("preprint_doi", MFKG.preprintDoiIri, "doi"),
        F("url", MFKG.landingPage, "iri"),
        F("note", SKOS.note, lang="en"),
    )),
    "dataset": NodeMap(MFKG.Dataset, LABELLED + (
        F("kind", MFKG.datasetKind, datatype=S),
        F("modalities", MFKG.datasetModality, "ref", target="modality"),
        F("assays", MFKG.producedWithAssay, "ref", target="assay"),
        F("species", MFKG.species, datatype=S),
        F("publications", MFKG.describedIn, "ref", target="publication"),
        F("url", MFKG.landingPage, "iri"),
        F("claims", MFKG.hasClaim, "node", node=CLAIM),
        F("conflicts", MFKG.hasValueConflict, "node", node=CONFLICT),
        F("not_found", MFKG.hasNotFoundStatement, "node", node=NOT_FOUND),
        F("note", SKOS.note, lang="en"),
    )),
    "assay": NodeMap(MFKG.Assay, LABELLED + (
        F("measures", MFKG.measuresModality, "ref", target="modality"),
        F("developer", MFKG.developer, datatype=S),
        F("year", MFKG.introductionYear, datatype=I),
        F("publications", MFKG.describedIn, "ref", target="publication"),
    )),
    "capability": NodeMap(MFKG.Capability, LABELLED + (
        F("publications", MFKG.describedIn, "ref", target="publication"),
    )),
    "baseline": NodeMap(MFKG.Baseline, LABELLED + (
        F("publications", MFKG.describedIn, "ref", target="publication"),
    )),
    "benchmark": NodeMap(MFKG.Benchmark, LABELLED + (
        F("task", MFKG.benchmarkTask, "ref", target="task"),
        F("datasets", MFKG.benchmarkDataset, "ref", target="dataset"),
        F("suite", MFKG.suite, datatype=S),
        F("split", MFKG["split"], lang="en"),   # MFKG.split is str.split: Namespace is a str
        F("protocol", MFKG.protocol, lang="en"),
        F("metrics", MFKG.hasMetric, "node", node=NodeMap(MFKG.Metric, (
            F("id", MFKG.identifier, datatype=S),
            F("label", RDFS.label, lang="en"),
            F("direction", MFKG.direction, "enum", target=str(DIRECTION)),
            F("minimum", MFKG.minimumValue),
            F("maximum", MFKG.maximumValue),
        ), segment="metric", key="id")),
        F("publications", MFKG.describedIn, "ref", target="publication"),
    )),
    "result": NodeMap(MFKG.BenchmarkResult, (
        F("id", MFKG.identifier, datatype=S),
        F("benchmark", MFKG.onBenchmark, "ref", target="benchmark"),
        F("value", MFKG.resultValue),
        F("model", MFKG.resultModel, "ref", target="model"),
        F("baseline", MFKG.resultBaseline, "ref", target="baseline"),
        F("setting", MFKG.setting, "enum", target=str(SETTING)),
        F("reported_by", MFKG.reportedBy, "enum", target=str(REPORTER)),
        F("estimated_from_plot", MFKG.estimatedFromPlot, datatype=B),
        F("note", SKOS.note, lang="en"),
    ) + SOURCED),
    "seed-section": NodeMap(MFKG.SeedSection, LABELLED + SEED_KO + (
        F("number", MFKG.seedSection, datatype=I),
        F("keywords", SKOS.note, datatype=S),
    )),
    "seed-claim": NodeMap(MFKG.SeedClaim, (
        F("id", MFKG.identifier, datatype=S),
        F("statement", RDFS.label, lang="en"),
        F("statement", MFKG.statement, lang="en"),
        F("section", MFKG.seedSection, datatype=I),
        F("seed_text", MFKG.seedText, lang="ko"),
        F("seed_value", MFKG.seedValue),
        F("verdict", MFKG.verdict, "enum", target=str(VERDICT)),
        F("evidence", MFKG.checkedAgainst, "node", node=NodeMap(MFKG.Claim, (
            F("source", MFKG.claimSource, "ref", target="publication"),
            F("quote", MFKG.quote, datatype=S),
            F("locator", MFKG.locator, datatype=S),
            F("value", MFKG.claimValue),
        ), segment="evidence")),
        F("note", SKOS.note, lang="en"),
    )),
}

# Fields that every record of a kind must map; a test checks that each schema field is either
# in MAPS or listed here with the reason it is handled elsewhere.
HANDLED_ELSEWHERE: dict[str, dict[str, str]] = {
    "model": {"kind": "selects the class FoundationModel or Method", "assays": "trainedOnAssay / evaluatedOnAssay by use"},
    "modality": {"xrefs": "emitted as skos mappings", "category": "also selects the modality class"},
    "assay": {"xrefs": "emitted as skos mappings"},
    "result": {"metric": "resultMetric (the benchmark's metric node)", "variant": "resultVariant (the model's variant node)"},
    "limit": {"open_direction": "selects the class OpenDirection"},
    "seed-claim": {"about": "claimAbout (any kind)", "checked_against": "checkedAgainst (claim IRIs)"},
}
