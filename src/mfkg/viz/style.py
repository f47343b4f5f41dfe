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
}
EDGE_COLOURS: dict[str, str] = {
    "FOLLOWS_PATTERN": "#dc2626", "HAS_LAYER_TYPE": "#9333ea", "USES_TOKENIZER": "#ca8a04",
    "HAS_ANCHOR_MODALITY": "#15803d", "HAS_INPUT_MODALITY": "#4ade80", "HAS_OUTPUT_MODALITY": "#0d9488",
    "HAS_CONDITIONING_MODALITY": "#a3e635", "USES_MODALITY": "#86efac", "ADDRESSES_TASK": "#0891b2",
    "PRETRAINED_ON": "#65a30d", "DESCRIBED_IN": "#94a3b8", "DERIVES_FROM": "#1e3a8a",
    "AFFECTS_PATTERN": "#7c2d12", "MITIGATED_BY": "#0f766e", "RECOMMENDS_PATTERN": "#be123c",
    "RECOMMENDS_MODEL": "#f43f5e", "EXEMPLIFIED_BY": "#ea580c", "USES_TECHNIQUE": "#c026d3",
    "APPLIES_TO_MODALITY": "#facc15", "FOR_GOAL_TASK": "#22d3ee",
}
DEFAULT_EDGE_COLOUR = "#cbd5e1"
