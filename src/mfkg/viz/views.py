"""The views: which node kinds and edge kinds each one shows. Data, not logic."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class View:
    name: str
    title: str
    description: str
    labels: tuple[str, ...]
    edges: tuple[str, ...]
    split_by: str | None = None   # a boolean node property: False nodes to the left, True to the right


ENTITY_LABELS = ("Model", "Modality", "TokenizationStrategy", "LayerType", "ArchitecturePattern", "Task",
                 "Technique", "Trend", "Dataset", "Publication", "Recommendation", "Limitation", "OpenDirection")
MAIN_EDGES = ("FOLLOWS_PATTERN", "HAS_LAYER_TYPE", "USES_TOKENIZER", "HAS_ANCHOR_MODALITY", "HAS_INPUT_MODALITY",
              "HAS_OUTPUT_MODALITY", "HAS_CONDITIONING_MODALITY", "ADDRESSES_TASK", "PRETRAINED_ON",
              "PRIMARY_PUBLICATION", "DERIVES_FROM", "AFFECTS_PATTERN", "MITIGATED_BY", "RECOMMENDS_PATTERN",
              "RECOMMENDS_MODEL", "EXEMPLIFIED_BY", "USES_TECHNIQUE", "FOR_GOAL_TASK")

VIEWS: dict[str, View] = {v.name: v for v in (
    View("graph", "The whole graph", "Every model, modality, tokenizer, layer type, pattern, task, technique, trend, "
         "dataset, publication, recommendation and limit, with their main links.", ENTITY_LABELS, MAIN_EDGES),
    View("patterns", "Architecture patterns and their exemplars", "The seed's nine patterns (and the unimodal ones) "
         "with the models that follow them.", ("ArchitecturePattern", "Model"), ("FOLLOWS_PATTERN", "DERIVES_FROM")),
    View("modalities", "Modalities and anchors", "Which models use which modality, and in which role "
         "(anchor, input, output, conditioning).", ("Modality", "Model"),
         ("HAS_ANCHOR_MODALITY", "HAS_INPUT_MODALITY", "HAS_OUTPUT_MODALITY", "HAS_CONDITIONING_MODALITY")),
    View("tokenizers", "Tokenization strategies", "How each modality is turned into tokens, and by which models.",
         ("TokenizationStrategy", "Modality", "Model"), ("USES_TOKENIZER", "APPLIES_TO_MODALITY")),
    View("tasks", "Tasks: one modality or paired data", "Tasks split by whether they need paired multimodal data, "
         "with the models that address them: single-modality tasks on the left, paired-data tasks on the right.",
         ("Task", "Model"), ("ADDRESSES_TASK",), split_by="requires_paired_data"),
    View("limits", "Limits and their mitigations", "The five limits, the patterns they affect and what mitigates "
         "them.", ("Limitation", "OpenDirection", "ArchitecturePattern", "Model", "TokenizationStrategy", "LayerType"),
         ("AFFECTS_PATTERN", "MITIGATED_BY")),
)}
