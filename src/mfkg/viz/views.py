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
    layout: str = "spring"        # spring | kinds | columns | layers (see viz/layouts.py)
    hub_kinds: tuple[str, ...] = ()   # for columns: the kinds in the left column


ENTITY_LABELS = ("Model", "Modality", "TokenizationStrategy", "LayerType", "ArchitecturePattern", "Task",
                 "Technique", "Trend", "Dataset", "Publication", "Recommendation", "Limitation", "OpenDirection")
MAIN_EDGES = ("FOLLOWS_PATTERN", "HAS_LAYER_TYPE", "USES_TOKENIZER", "HAS_ANCHOR_MODALITY", "HAS_INPUT_MODALITY",
              "HAS_OUTPUT_MODALITY", "HAS_CONDITIONING_MODALITY", "ADDRESSES_TASK", "PRETRAINED_ON",
              "PRIMARY_PUBLICATION", "DERIVES_FROM", "AFFECTS_PATTERN", "MITIGATED_BY", "RECOMMENDS_PATTERN",
              "RECOMMENDS_MODEL", "EXEMPLIFIED_BY", "USES_TECHNIQUE", "FOR_GOAL_TASK")

LINEAGE_EDGES = ("DERIVES_FROM", "FINE_TUNED_FROM", "SUCCESSOR_OF", "USES_EMBEDDINGS_OF", "CONTINUED_PRETRAINING_OF",
                 "EXTENDS_ARCHITECTURE_OF", "DISTILLED_FROM")

VIEWS: dict[str, View] = {v.name: v for v in (
    View("graph", "The whole graph", "Every model, modality, tokenizer, layer type, pattern, task, technique, trend, "
         "dataset, publication, recommendation and limit, with their main links, grouped by kind; labels of the "
         "best-connected nodes show first, the rest as you zoom in.", ENTITY_LABELS, MAIN_EDGES, layout="kinds"),
    View("patterns", "Architecture patterns and their exemplars", "The seed's nine patterns (and the unimodal ones) "
         "with the models that follow them.", ("ArchitecturePattern", "Model"), ("FOLLOWS_PATTERN",),
         layout="columns", hub_kinds=("ArchitecturePattern",)),
    View("modalities", "Modalities and anchors", "Which models use which modality, and in which role "
         "(anchor, input, output, conditioning).", ("Modality", "Model"),
         ("HAS_ANCHOR_MODALITY", "HAS_INPUT_MODALITY", "HAS_OUTPUT_MODALITY", "HAS_CONDITIONING_MODALITY"),
         layout="columns", hub_kinds=("Modality",)),
    View("lineage", "Model lineage", "Which model derives from which (fine-tuned from, successor of, uses the "
         "embeddings of, …): parents to the left of their children.", ("Model",), LINEAGE_EDGES, layout="layers"),
    View("tokenizers", "Tokenization strategies", "How each modality is turned into tokens, and by which models.",
         ("TokenizationStrategy", "Modality", "Model"), ("USES_TOKENIZER", "APPLIES_TO_MODALITY")),
    View("tasks", "Tasks: one modality or paired data", "Tasks split by whether they need paired multimodal data, "
         "with the models that address them: single-modality tasks on the left, paired-data tasks on the right.",
         ("Task", "Model"), ("ADDRESSES_TASK",), split_by="requires_paired_data"),
    View("limits", "Limits and their mitigations", "The five limits, the patterns they affect and what mitigates "
         "them.", ("Limitation", "OpenDirection", "ArchitecturePattern", "Model", "TokenizationStrategy", "LayerType"),
         ("AFFECTS_PATTERN", "MITIGATED_BY")),
)}
