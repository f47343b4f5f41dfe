"""Colour and shape per entity kind, colour per edge kind: the explorer's legend."""

from __future__ import annotations

KINDS: dict[str, tuple[str, str, str]] = {   # label -> (display name, colour, vis shape)
    "Model": ("model", "#2563eb", "dot"),
    "Modality": ("modality", "#16a34a", "diamond"),
    "TokenizationStrategy": ("tokenizer", "#ca8a04", "triangle"),
    "LayerType": ("layer type", "#9333ea", "square"),
    "ArchitecturePattern": ("pattern", "#dc2626", "star"),
    "Task": ("task", "#0891b2", "triangleDown"),
    "Technique": ("technique", "#c026d3", "hexagon"),
    "Trend": ("trend", "#ea580c", "hexagon"),
    "Dataset": ("dataset", "#65a30d", "square"),
    "Publication": ("publication", "#64748b", "dot"),
    "Recommendation": ("recommendation", "#be123c", "triangle"),
    "Limitation": ("limitation", "#7c2d12", "diamond"),
    "OpenDirection": ("open direction", "#0f766e", "diamond"),
    "SeedClaim": ("seed claim", "#a16207", "dot"),
    "Claim": ("claim", "#94a3b8", "dot"),
    "ModelVariant": ("model variant", "#60a5fa", "dot"),
    "Assay": ("assay", "#059669", "diamond"),
    "Capability": ("capability", "#0284c7", "hexagon"),
    "Baseline": ("baseline", "#78716c", "square"),
    "Benchmark": ("benchmark", "#b45309", "star"),
    "BenchmarkResult": ("benchmark result", "#d6d3d1", "dot"),
}
EDGE_COLOURS: dict[str, str] = {
    "FOLLOWS_PATTERN": "#dc2626", "HAS_LAYER_TYPE": "#9333ea", "USES_TOKENIZER": "#ca8a04",
    "HAS_ANCHOR_MODALITY": "#15803d", "HAS_INPUT_MODALITY": "#4ade80", "HAS_OUTPUT_MODALITY": "#0d9488",
    "HAS_CONDITIONING_MODALITY": "#a3e635", "USES_MODALITY": "#86efac", "ADDRESSES_TASK": "#0891b2",
    "PRETRAINED_ON": "#65a30d", "DESCRIBED_IN": "#94a3b8", "DERIVES_FROM": "#1e3a8a",
    "AFFECTS_PATTERN": "#7c2d12", "MITIGATED_BY": "#0f766e", "RECOMMENDS_PATTERN": "#be123c",
    "RECOMMENDS_MODEL": "#f43f5e", "EXEMPLIFIED_BY": "#ea580c", "USES_TECHNIQUE": "#c026d3",
    "APPLIES_TO_MODALITY": "#facc15", "FOR_GOAL_TASK": "#22d3ee",
    "HAS_VARIANT": "#60a5fa", "TRAINED_ON_ASSAY": "#059669", "EVALUATED_ON_ASSAY": "#34d399",
    "MEASURES_MODALITY": "#10b981", "HAS_CAPABILITY": "#0284c7", "GENERATES_MODALITY": "#0ea5e9",
    "BENCHMARK_TASK": "#b45309", "ON_BENCHMARK": "#d97706", "RESULT_MODEL": "#f59e0b",
    "USES_EMBEDDINGS_OF": "#1e40af", "FINE_TUNED_FROM": "#1d4ed8", "SUCCESSOR_OF": "#3730a3",
    "CONTINUED_PRETRAINING_OF": "#4338ca", "EXTENDS_ARCHITECTURE_OF": "#4f46e5", "DISTILLED_FROM": "#6366f1",
}
DEFAULT_EDGE_COLOUR = "#cbd5e1"
