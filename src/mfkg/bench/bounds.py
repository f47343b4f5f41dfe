"""What bounded the saved questions that took over a second at scale, found by timing their parts on a
1M-triple store (curated + synthetic, pyoxigraph 0.5.13, which has no plan explainer) and by reading
their shape. Printed by the benchmark beside the figures; keys are saved-question names.

How pyoxigraph 0.5 evaluates what mattered here (each seen as a 100x-10,000x difference at 1M):
- a parameter bound with `substitutions` is not known to the join planner: the plan may start from a
  broad pattern (every model's year) and only then meet the bound value;
- a group evaluated per row (OPTIONAL, EXISTS, NOT EXISTS) gets only the outer row's bindings: each of
  its patterns that is bound by a sibling pattern instead is evaluated over the whole graph and hash-joined.
  One pattern per OPTIONAL (kept only when BOUND), or EXISTS nested one pattern at a time, stays per row;
- an alternative path (`a|b`) with an open end lists every match first; a UNION of the two does not;
- a sequence path to a label (`p/rdfs:label`) as a required pattern joins every label in the graph;
- a grouped sub-select is evaluated on its own: neither the outer restriction nor a parameter reaches it;
- ORDER BY on IRIs reads each IRI's text from the store at every comparison (3.3 s of 4.4 s for 20k rows at
  1M); a sort key bound as a string the store does not hold (the IRI plus a space) is compared in memory;
- in a FILTER, `a || EXISTS {...}` still evaluated the EXISTS where `a` was true; `IF(a, ..., ...)` does not.

The causes recorded below:
- ROWS: the answer itself grows with the graph (every model, every paper), so no rewrite can make it
  selective without changing the answer;
- AGGREGATE: a count or grouping over every model: linear in the models, no index answers it;
- SUBSELECT: grouped sub-selects ({ SELECT ?x (GROUP_CONCAT(...)) ... GROUP BY ?x }) are evaluated over
  the whole graph before the join (see above);
- SCAN: a filter no index serves (a label's language) over every label;
- JOIN: few rows, all curated, joined with optional parts that each stay fast;
- FIXED: was slow for a reason above, rewritten (same answer on the curated build and in general).
"""

from __future__ import annotations

_ROWS = "ROWS: the answer lists every {0}, so it grows with the graph"
_AGG = "AGGREGATE: groups or counts every {0}; linear in the graph, not selectable without changing the answer"
_SUB = "SUBSELECT: grouped sub-selects over every {0} are built before the join"
_FIXED = "FIXED: {0}"
_CLAIMS = ("; {0} rows at 5M: handing them over takes about 1.5 s of it by itself. Each claim was looked up "
           "row by row; the parts are now sub-selects evaluated once and hash-joined ({1} at 5M, the join alone "
           "about 1.2 s as a COUNT(*))")

BOUNDED_BY: dict[str, str] = {
    "catalog": _ROWS.format("model") + "; its grouped sub-selects are built over every model first",
    "paper-catalog": _ROWS.format("publication (each with a count of its models)") + "; 106,707 rows at 5M (23 s "
                     "-> about 6 s): its parts are now hash-joined sub-selects (grouping them about 2.4 s), and "
                     "it sorts on keys held in memory (sorting on the IRIs read their text from the store at each "
                     "comparison: 3.3 s -> 0.9 s at 1M); sorting 106k rows still takes about 2.5 s and handing "
                     "them over 1 s",
    "models-min-cells": _ROWS.format("model with a pretraining-cells claim above the (low) default") + _CLAIMS.format(
        "101k", "8.0 s -> 3.3 s"),
    "models-min-params": _ROWS.format("model with a parameter claim above the (low) default") + _CLAIMS.format(
        "105k", "8.1 s -> 2.9 s"),
    "models-for-task": _ROWS.format("model addressing the default task") + "; 26,465 rows at 5M (2.1 s -> 1.2 s "
                       "cpu): the year is hash-joined and the sort is on an in-memory key; what remains is each "
                       "row's pattern label lookup (about 0.5 s) and grouping the rows",
    "models-by-pattern": _FIXED.format("9,923 rows at 5M sorted on the model IRIs, whose text the store read at "
                                       "each comparison; now sorted on an in-memory key (1.3 s -> 0.8 s cpu)"),
    "single-cell-tokenization": _ROWS.format("single-cell model with its tokenizer") + "; 42,468 rows at 5M "
                                "(6.1 s -> 2.9 s cpu): usages' modality and role are hash-joined and the sort "
                                "is on in-memory keys; the join alone takes about 1.3 s, grouping and handing "
                                "over the rows about 1 s",
    "benchmark-results": _ROWS.format("benchmark result (2,612, all curated) with its labels, source and evidence; "
                                      "its label paths as per-row lookups made no measurable difference"),
    "models-by-modality": _AGG.format("modality usage (grouped per model, tokenizer and modality)") + "; 21,222 "
                          "rows at 5M (4.0 s -> 2.5 s cpu): now sorted on an in-memory key; each usage's role "
                          "label lookup takes about 0.7 s (a hash-joined role table was slower, and hash-joining "
                          "the usages changes the order of the roles listed in a row)",
    "catalog-by-family": _AGG.format("model by family"),
    "catalog-by-family-year": _AGG.format("model by family and year"),
    "models-by-year": _AGG.format("model by year"),
    "models-per-layer-type": _AGG.format("model by layer type"),
    "papers-by-type-year": _AGG.format("publication by type and year"),
    "patterns-overview": _AGG.format("model by pattern"),
    "missing-modality-tolerant-models": _AGG.format("model with a tolerant pattern"),
    "tokenizer-usage": _AGG.format("model by tokenizer (with every model's label)"),
    "task-split": _AGG.format("model by task (with every model's label)"),
    "paired-tasks": _AGG.format("model addressing a paired-data task (with every model's label)"),
    "seed-terms": "SCAN: the Korean labels are found by a language filter over every label; no index serves a "
                  "language, and starting from the entity types would change which entities count",
    "recommend-models": "JOIN: every model following a recommended pattern and addressing its task is a candidate (about "
                        "200k pattern and task links at 5M, 1,704 rows), each checked against the data requirement; "
                        "the model parts are hash-joined sub-selects (about 2.4 s at 5M, 0.35 s at 1M). It took 635 s "
                        "of cpu at 1M (same 315 rows, same order): the goal test's EXISTS ran on every candidate row even for the default goal '*' "
                        "(an OR did not spare it, an IF does), and the requirement test built a two-pattern "
                        "group over the graph per row. Now the goal test is an IF bound last and the requirement test "
                        "is nested one pattern at a time. On Virtuoso 7 a UNION or a nested EXISTS inside the goal "
                        "test's OR hangs it, and an EXISTS as a branch of IF gives a wrong answer (the condition of "
                        "IF works)",
    "compare-models": _SUB.format("model") + " (the catalogue's), then filtered down to the few models named: the "
                      "parameter cannot reach them, and a flattened form gives an empty list where none is unbound",
    "pathology-vision-language": _SUB.format("model and modality usage") + "; repeating the restriction inside "
                                 "them halves the time only",
    "model-variants": _SUB.format("node with a parameter count, context length or cells") + " (synthetic models "
                      "carry them too); restricting them to variants gains less than 2x",
    "datasets": _SUB.format("node with a pretraining-cells value (every synthetic model has one)")
                + ", and an OPTIONAL over every model's label",
    "lineage-graph": _ROWS.format("lineage link (CONSTRUCT)") + "; 57,041 triples at 5M (1.2 s -> 0.9 s cpu): "
                     "the patterns of both ends are hash-joined; building and handing over the triples is most "
                     "of what remains",
    "not-found": "JOIN: 569 curated rows; about 40 ms at 5M on the compacted store (0.16 s before compaction), "
                 "left as written",
    "benchmarks": _SUB.format("benchmark's results (counted per benchmark)"),
    "model-lineage": _FIXED.format("the year was a plain pattern, so the plan started from every model's year and "
                                   "walked each lineage (3.5 s at 1M); now looked up per model found (1 ms)"),
    "models-by-assay": _FIXED.format("family and year were one group joined to the three branches, built for every "
                                     "model (3.3 s at 1M); now one OPTIONAL each, kept when bound (12 ms)"),
    "recommend": _FIXED.format("the goal test's path `identifier|label` listed every label (14 s of it at 1M) and the "
                               "data-requirement test built a two-pattern group over the graph; now a UNION and a "
                               "nested test (6 s -> 3 ms at 1M; same answers on Virtuoso)"),
    "licences": _FIXED.format("the required `commercialUse/rdfs:label` path joined every label (4 s at 1M); now a "
                              "per-row lookup"),
    "self-vs-independent": "JOIN: pairs each authors' result with the independent ones on model, benchmark, metric "
                           "and setting (curated results only): the pairing alone takes most of the time at 1M; the "
                           "label joins made no measurable difference as per-row lookups",
    "result-conflicts": "JOIN: was a self-join pairing every result with every other (about 4 minutes on the curated "
                        "graph alone); each side is now keyed in a sub-select and the two joined on the key, which "
                        "still builds both sides over every result",
}
