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

Until e698f6a the synthetic part was a skeleton: about 47 triples per model, each with a parameter and a cell
count and nothing else a curated model has (106,628 models at 5M, and no synthetic result, licence, variant or
not-found statement). It is now copies of the curated models with all the build says of them
(`mfkg.bench.resample`): 18,693 models, 139,237 benchmark results, 25,282 variants and 28,443 not-found
statements at 5M. Entries below name the graph their figures come from; "copies" is the graph of the same
shape. On the copies, the floors are (5M, warm, three alternated runs, every value read): every model with its
identifier, year and family 0.5-0.6 s; every benchmark result with its benchmark, metric and value 2.9-3.1 s
(its seven required patterns in `benchmark-results` 4.3 s); every not-found statement with three values
0.6-0.8 s; every variant with its label 0.35-0.5 s; every model's licence chain (statement, commercial use)
0.4-0.5 s. So a question that reads a few values of every result cannot be under a second at 5M on
pyoxigraph 0.5 here.

On the skeleton graph, the engine's floor for an answer of every model (5M store, warm, three alternated runs, every value read):
counting the models takes 0.02 s and listing their IRIs 0.26 s, but listing each model with its
identifier, year and family (four patterns, no grouping, no sort) takes 2.0 s, and every publication
with its label 1.2 s: each further value is one index lookup per row. So a question whose answer lists
every model or every publication with a few values each cannot be under a second at 5M on pyoxigraph 0.5
on this machine, whatever its form (see `_FLOOR`): every parameter or cell claim with its model and value
takes 1.8 s.
"""

from __future__ import annotations

_ROWS = "ROWS: the answer lists every {0}, so it grows with the graph"
_AGG = "AGGREGATE: groups or counts every {0}; linear in the graph, not selectable without changing the answer"
_SUB = "SUBSELECT: grouped sub-selects over every {0} are built before the join"
_FIXED = "FIXED: {0}"
_FLOOR = ("; below a second is out of reach for this answer on this engine: listing every {0} with {1} alone "
          "(no grouping, no sort) takes {2} s at 5M")
_CLAIMS = ("; {0} rows at 5M: handing them over takes about 1.5 s of it by itself. Each claim was looked up "
           "row by row; the parts are now sub-selects evaluated once and hash-joined ({1} at 5M, the join alone "
           "about 1.2 s as a COUNT(*))")
_JOIN_FLOOR = ("; counting the links joined with the models' labels (COUNT(*), nothing handed over) takes {0} s at "
               "5M (warm, three alternated runs){1}")
_LABELS = ("ROWS: the answer lists the label of every model linked to a {0} ({1} characters at 5M); decoding "
           "and concatenating them is most of what is left. Was one OPTIONAL per {0} looking up each model's label "
           "({2} s at 5M); the labels are now hash-joined once to the links ({3} s, same answer and label order). "
           "Virtuoso 7 times out at 5M on the GROUP_CONCAT(DISTINCT ...) of that many labels in either form, and "
           "deduplicating them in a sub-select first fails there (SR478: value too long)")

# printed once below the questions over a second: what was measured and did not bring them under it
NOT_RESCUED = (
    "on the skeleton graph (106,628 models at 5M), neither a store in memory nor pages brought the list-everything "
    "questions under a second (three "
    "alternated warm runs each, pyoxigraph 0.5.13, host workload 46-52 ms): `catalog` took 8.7-12.0 s from a copy"
    " in memory against 16.1-19.6 s from disk, and a page of it (LIMIT 100) 7.0-8.9 s in memory, 5.8-6.9 s "
    "unsorted (in memory), because its grouped sub-selects are built whole before the join; a page of 100 models "
    "ordered by year takes 1.1-2.0 s (every model's year is read and sorted), and only a page in the store's own "
    "order is quick (0.02-0.08 s). Serialising the answer in the engine (TSV) instead of reading Python values "
    "saved about 5% in one run (1.8 vs 1.9 s for every model with three values). Nor does a view: `catalog`'s "
    "answer stored in the store as one literal per row (14 s to compute and 4 s to store at 5M) is read back in "
    "0.3-0.5 s in the store's order but in 1.2-1.3 s sorted, even on a key held in memory, and in 5.5-6.1 s "
    "sorted on the row or the literal itself: the engine's sort of 106k rows alone takes about a second")

BOUNDED_BY: dict[str, str] = {
    "catalog": _ROWS.format("model") + "; with copies of the curated models 18,693 rows and 2.2-2.4 s at 5M, each of "
               "its eight grouped sub-selects over every model 0.2-0.3 s (a label looked up through a hash join with "
               "the typed items instead of the path saves about 0.1 s each, not enough to be worth Virtuoso's "
               "slowdown below), every model with three values alone 0.5-0.6 s. On the skeleton graph (106,628 "
               "rows at 5M): sorting the rows by model IRI read both IRIs "
               "from the store at each comparison; it now sorts on a key held in memory (about 20.5 s -> 13.7 s at "
               "5M and 3.1 s -> 2.3 s at 1M, two alternated runs each on a warm store; same rows in the same order). The rest is the grouped sub-selects (one label "
               "string read per model and item) and joining them. Hash-joined sub-selects for the model's own values "
               "and labels joined to the few distinct items first kept the answer but saved only 15-30% of the CPU "
               "time and made Virtuoso 3-5x slower on it, so they stay as written; listing every model with its identifier, "
               "year and family alone took 2.0 s there",
    "paper-catalog": _ROWS.format("publication (each with a count of its models)") + "; 106,707 rows at 5M (23 s "
                     "-> about 6 s): its parts are now hash-joined sub-selects (grouping them about 2.4 s), and "
                     "it sorts on keys held in memory (sorting on the IRIs read their text from the store at each "
                     "comparison: 3.3 s -> 0.9 s at 1M); sorting 106k rows still takes about 2.5 s and handing "
                     "them over 1 s" + _FLOOR.format("publication", "its label", "1.2"),
    "models-min-cells": _ROWS.format("model with a pretraining-cells claim above the (low) default") + _CLAIMS.format(
        "101k", "8.0 s -> 3.3 s") + _FLOOR.format("pretraining-cells claim", "its model and value", "1.8"),
    "models-min-params": _ROWS.format("model with a parameter claim above the (low) default") + _CLAIMS.format(
        "105k", "8.1 s -> 2.9 s") + _FLOOR.format("parameter claim", "its model and value", "1.8"),
    "models-for-task": _ROWS.format("model addressing the default task") + "; 26,465 rows at 5M (2.1 s -> 1.2 s "
                       "cpu): the year is hash-joined and the sort is on an in-memory key; what remains is each "
                       "row's pattern label lookup (about 0.5 s) and grouping the rows",
    "models-by-pattern": _FIXED.format("9,923 rows at 5M sorted on the model IRIs, whose text the store read at "
                                       "each comparison; now sorted on an in-memory key (1.3 s -> 0.8 s cpu)"),
    "single-cell-tokenization": _ROWS.format("single-cell model with its tokenizer") + "; 42,468 rows at 5M "
                                "(6.1 s -> 2.9 s cpu): usages' modality and role are hash-joined and the sort "
                                "is on in-memory keys; the join alone takes about 1.3 s, grouping and handing "
                                "over the rows about 1 s",
    "benchmark-results": _ROWS.format("benchmark result with its labels, source and evidence") + "; with copies of "
                         "the curated models 139,237 rows and 18-22 s at 5M (3.3 s at 1M): its seven required patterns "
                         "alone take 4.3 s, the five optional values about 5 s and the sort on six keys 6-8 s (keys for "
                         "metric and setting held in memory saved about 10%, within the noise, so not kept). On the "
                         "skeleton graph only the 2,612 curated results existed (0.5-0.7 s of CPU at every size); "
                         "sorting on keys held in memory instead of IRIs took 760-806 -> 641-666 ms on the curated "
                         "graph" + _FLOOR.format("result", "its benchmark, metric and value", "2.9"),
    "models-by-modality": _FIXED.format("21,222 rows at 5M; the plan started from every model's usages and met the "
                                        "modality last (1.4-1.9 s at 5M, and 4.0 s before its sort key was held in "
                                        "memory); the usages of the modality are now found first, then their models "
                                        "(0.72-0.75 s, same rows, roles in the same order; Virtuoso 0.34-0.53 s -> "
                                        "0.56-0.58 s)"),
    "catalog-by-family": _FIXED.format("family and kind were one group, so the engine looked up each model's kind "
                                       "(1.2 s at 5M); now two sub-selects hash-joined (0.23 s), still linear in the models"),
    "catalog-by-family-year": _FIXED.format("type, family and year were one group, looked up per model (1.9 s at 5M); "
                                            "now family and year are sub-selects hash-joined (0.45 s), linear in the models"),
    "models-by-year": _FIXED.format("type, year and family were one group, looked up per model (2.6 s at 5M); now "
                                    "year and family are sub-selects hash-joined (0.53 s), linear in the models"),
    "models-per-layer-type": _LABELS.format("layer type", "2.4M", "3.5", "1.8") + _JOIN_FLOOR.format(
        "0.72", "; the whole question took 0.82 s warm on an idle machine, so it is near the line"),
    "papers-by-type-year": _FIXED.format("type and year were looked up per publication (1.9 s at 5M); now sub-selects "
                                         "hash-joined (0.43 s), linear in the publications"),
    "patterns-overview": _LABELS.format("pattern", "2.5M", "3.3", "2.5") + _JOIN_FLOOR.format(
        "0.77", "; the whole question took 0.75 s warm on an idle machine, so it is near the line"),
    "missing-modality-tolerant-models": _FIXED.format("the plan started from every model's pattern (0.46 s at 5M); the "
                                                      "few tolerant models are now found first in a sub-select (5 ms)"),
    "tokenizer-usage": _LABELS.format("tokenizer", "4.5M", "4.7", "3.0") + _JOIN_FLOOR.format(
        "1.34", ""),
    "task-split": _LABELS.format("task", "3.0M", "3.6", "2.2") + _JOIN_FLOOR.format(
        "1.43", ", more than the whole question in the benchmark (1.1-1.4 s): the engine plans the two differently, "
        "so that count is no floor"),
    "paired-tasks": _AGG.format("model addressing a paired-data task (with every model's label)") + "; 0.4 s at "
                    "5M: the per-row label lookups for the paired tasks' models stay faster than hash-joining every "
                    "label (1.1 s), so it stays as written. Virtuoso 7 times out at 5M on its GROUP_CONCAT(DISTINCT ...)",
    "seed-terms": "SCAN: the Korean labels are found by a language filter over every label (215,244 at 5M: about "
                  "1 s, nearly all of it reading each label to test its language); no index serves a language, and "
                  "starting from the entity types would change which entities count",
    "recommend-models": "JOIN: every model following a recommended pattern and addressing its task is a candidate (about "
                        "200k pattern and task links at 5M, 1,704 rows), each checked against the data requirement; "
                        "the model parts are hash-joined sub-selects (about 2.4 s at 5M, 0.35 s at 1M). It took 635 s "
                        "of cpu at 1M (same 315 rows, same order): the goal test's EXISTS ran on every candidate row even for the default goal '*' "
                        "(an OR did not spare it, an IF does), and the requirement test built a two-pattern "
                        "group over the graph per row. Now the goal test is an IF bound last and the requirement test "
                        "is nested one pattern at a time. On Virtuoso 7 a UNION or a nested EXISTS inside the goal "
                        "test's OR hangs it, and an EXISTS as a branch of IF gives a wrong answer (the condition of "
                        "IF works)",
    "compare-models": _FIXED.format("its grouped sub-selects were built for every model before the few named were "
                                    "picked (the parameter cannot reach them): 23.5 s -> 0.18 s at 5M; now one grouping "
                                    "over the named models with a per-model OPTIONAL per part, the largest variant found "
                                    "by nested NOT EXISTS tests. A model without tokenizers would get an empty list "
                                    "rather than none (no curated model lacks one; Virtuoso 7 rejects the IF that would "
                                    "keep it unbound)"),
    "pathology-vision-language": _FIXED.format("grouped sub-selects built the role list of every modality usage and "
                                               "the pattern list of every model first (9.6 s at 5M); now the models "
                                               "and usages are found by hash-joined sub-selects and one grouping "
                                               "looks up roles and patterns per row found: 0.65 s of CPU at 5M (about "
                                               "1 s wall on the shared machine), where the answer itself has 3,129 "
                                               "rows (ROWS)"),
    "model-variants": _ROWS.format("variant with its counts") + "; with copies of the curated models 25,282 rows at "
                      "5M: sorting on the model IRI read its text from the store at each comparison, now on a key "
                      "held in memory (2.1 -> 1.4-1.55 s, same rows and order); every variant with its label alone "
                      "takes 0.35-0.5 s, and the four grouped sub-selects over every variant's counts most of the "
                      "rest. Before (skeleton graph): the plan started from every model to find the variants, and "
                      "the largest counts were grouped over every node carrying one (2.7 s); now found from the "
                      "variant links and looked up per variant",
    "datasets": _FIXED.format("the largest cell and sequence counts were grouped over every node carrying one "
                              "(every synthetic model has a cell count): 0.54 s at 5M; now grouped over datasets "
                              "only (0.01 s)"),
    "lineage-graph": _ROWS.format("lineage link (CONSTRUCT)") + "; 57,041 triples at 5M (1.2 s -> 0.9 s cpu): "
                     "the patterns of both ends are hash-joined; building and handing over the triples is most "
                     "of what remains",
    "not-found": _ROWS.format("looked-for-and-not-found statement") + "; with copies of the curated models "
                 "28,443 rows at 5M (569 curated ones on the skeleton graph, about 40 ms): sorting on the entity and "
                 "property IRIs read their text from the store at each comparison, now on keys held in memory "
                 "(1.9 -> 1.0-1.25 s, same rows and order); its three required values alone take 0.6-0.8 s",
    "benchmarks": _AGG.format("benchmark's results and the models they are about") + "; with copies of the "
                  "curated models 139,237 results at 5M: 1.9-2.0 s, of which counting results and models takes about "
                  "1.4 s and counting the independent ones 0.5 s (without them 0.6 s); the models counted through a "
                  "UNION instead of two OPTIONALs took longer (2.3 s). On the skeleton graph only curated results "
                  "existed (0.1 s)",
    "generative-models": _FIXED.format("9,805 rows at 5M with copies of the curated models, grouped per model and "
                                       "sorted on the model IRI, whose text the store read at each comparison "
                                       "(0.73-0.80 s, 1.2 s in one benchmark run); now sorted on a key held in memory "
                                       "(0.45-0.48 s, same rows and order)"),
    "multimodal-models": _FIXED.format("10,961 rows at 5M with copies of the curated models, sorted on the model IRI "
                                       "after the count (0.65-0.76 s); now on a key held in memory (0.35-0.37 s, same "
                                       "rows and order)"),
    "model-lineage": _FIXED.format("the year was a plain pattern, so the plan started from every model's year and "
                                   "walked each lineage (3.5 s at 1M); now looked up per model found (1 ms)"),
    "models-by-assay": _FIXED.format("family and year were one group joined to the three branches, built for every "
                                     "model (3.3 s at 1M); now one OPTIONAL each, kept when bound (12 ms)"),
    "recommend": _FIXED.format("the goal test's path `identifier|label` listed every label (14 s of it at 1M) and the "
                               "data-requirement test built a two-pattern group over the graph; now a UNION and a "
                               "nested test (6 s -> 3 ms at 1M; same answers on Virtuoso)"),
    "licences": _ROWS.format("model's licence statement with seven values") + "; with copies of the curated "
                "models 18,693 rows at 5M: sorting on the model IRI read its text from the store at each comparison, "
                "now on a key held in memory (2.5-3.0 -> 1.9-2.0 s, same rows and order; Virtuoso 0.8 -> 1.0 s); the "
                "chain model, statement, commercial use alone takes 0.4-0.5 s and the six optional values, one "
                "lookup each per row, most of the rest. Before: the required `commercialUse/rdfs:label` path joined "
                "every label (4 s at 1M); now a per-row lookup",
    "self-vs-independent": _AGG.format("result by model, metric and setting, to find those with both kinds of "
                                       "result") + "; with copies of the curated models 342 rows from 139,237 "
                           "results at 5M. Both sides were joined over every result (8.4-9.2 s); the keys are now "
                           "found first and both sides joined to them (3.1-4.0 s, same rows and order; Virtuoso "
                           "0.6 -> 0.75 s). The grouping pass reads four values of every result (every result with "
                           "three values alone: 2.9 s). On the skeleton graph only curated results existed (0.25 s)",
    "result-conflicts": _AGG.format("result by model, metric and setting, to find those with more than one "
                                    "source") + "; with copies of the curated models 118 pairs from 139,237 results at "
                        "5M: each side was keyed in a sub-select over every result and the two joined on the key "
                        "(13.3 s); the keys with more than one source are now found first (2.3-2.6 s alone) and both "
                        "sides joined to them (5.6-6.4 s, same rows and order; Virtuoso 1.3 -> 0.9 s). Before that, a "
                        "self-join paired every result with every other (about 4 minutes on the curated graph alone), "
                        "and the metric and setting labels, as required patterns joined with every label in the "
                        "graph, are looked up per pair found",
}
