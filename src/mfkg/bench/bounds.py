"""What bounded the saved questions that took over a second at scale, found by reading their plans'
shape against the merged graph (curated + synthetic) and by trying variants on a 1M-triple store
(pyoxigraph 0.5). Printed by the benchmark beside the figures; keys are saved-question names.

Four causes recur:
- ROWS: the answer itself grows with the graph (every model, every paper), so no rewrite can make it
  selective without changing the answer;
- AGGREGATE: a count or grouping over every model: linear in the models, no index answers it;
- SUBSELECT: a grouped sub-select ({ SELECT ?x (GROUP_CONCAT(...)) ... GROUP BY ?x }) is evaluated over
  the whole graph before it is joined: the engine does not carry the outer restriction into it;
- BINDING: a parameter bound engine-side (substitutions) is not pushed into a property path or a
  UNION branch, so the path's closure or the branch is computed for every node first (the same path
  from a constant IRI takes milliseconds). mfkg binds values and never pastes them into the text;
- JOIN: a few curated-only rows, but an OPTIONAL or a label path (`?x p/rdfs:label ?l`,
  `mfkg:claimSource`, `mfkg:quote`) is evaluated over every claim or label of the synthetic part and
  hash-joined afterwards.
"""

from __future__ import annotations

_ROWS = "ROWS: the answer lists every {0}, so it grows with the graph"
_AGG = "AGGREGATE: groups or counts every {0}; linear in the graph, not selectable without changing the answer"
_SUB = "SUBSELECT: grouped sub-selects over every {0} are built before the join"
_BIND = "BINDING: the parameter ?{0} is not pushed into {1}; computed for every node, then joined"
_JOIN = "JOIN: few rows, all curated, but the engine evaluates {0} over the whole synthetic part, then joins"

BOUNDED_BY: dict[str, str] = {
    "catalog": _ROWS.format("model") + "; its grouped sub-selects are built over every model first",
    "paper-catalog": _ROWS.format("publication (each with a count of its models)"),
    "models-min-cells": _ROWS.format("model with a pretraining-cells claim above the (low) default"),
    "models-min-params": _ROWS.format("model with a parameter claim above the (low) default"),
    "models-for-task": _ROWS.format("model addressing the default task"),
    "models-by-pattern": _ROWS.format("model following the default pattern"),
    "models-by-modality": _AGG.format("modality usage (grouped per model, tokenizer and modality)"),
    "catalog-by-family": _AGG.format("model by family"),
    "catalog-by-family-year": _AGG.format("model by family and year"),
    "models-by-year": _AGG.format("model by year"),
    "models-per-layer-type": _AGG.format("model by layer type"),
    "papers-by-type-year": _AGG.format("publication by type and year"),
    "patterns-overview": _AGG.format("model by pattern"),
    "missing-modality-tolerant-models": _AGG.format("model with a tolerant pattern"),
    "not-found": _JOIN.format("the OPTIONAL `aboutVariant/rdfs:label` and `skos:note`"),
    "compare-models": _SUB.format("model") + " (the catalogue's), then filtered down to the few models named",
    "pathology-vision-language": _SUB.format("model and modality usage") + "; repeating the restriction inside "
                                 "them halves the time only",
    "model-variants": _SUB.format("node with a parameter count, context length or cells") + " (synthetic models "
                      "carry them too); restricting them to variants gains less than 2x",
    "model-lineage": _BIND.format("model", "derivesFrom+") + " (every model's lineage closure)",
    "models-by-assay": _BIND.format("assay", "the three UNION branches"),
    "licences": _JOIN.format("the OPTIONAL `claimSource/rdfs:label` of the commercial-use statement"),
    "benchmark-results": _JOIN.format("`mfkg:claimSource`, `mfkg:quote` and the label paths"),
    "recommend": _JOIN.format("the label join of recommended models and patterns (rdfs:label of every entity)"),
    "benchmarks": _JOIN.format("the result counts per benchmark (`?r mfkg:onBenchmark ?b`) with labels"),
    "result-conflicts": "was a self-join pairing every result with every other (about 4 minutes on the curated graph "
                        "alone); now each side is keyed in a sub-select and the two are joined on the key",
    "datasets": _SUB.format("node with a pretraining-cells value (every synthetic model has one)")
                + ", and an OPTIONAL over every model's label",
}
