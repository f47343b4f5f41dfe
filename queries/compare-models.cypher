// title: How do these models compare side by side?
// The Cypher twin of compare-models.rq, over the property graph (see README, Property graph).
MATCH (m:Model) WHERE list_contains(string_split($models, ' '), m.identifier)
OPTIONAL MATCH (m)-[:HAS_ANCHOR_MODALITY]->(a:Modality)
WITH m, list_to_string(', ', list_sort(collect(DISTINCT a.name))) AS anchor
OPTIONAL MATCH (m)-[:USES_MODALITY]->(mo:Modality)
WITH m, anchor, list_to_string(', ', list_sort(collect(DISTINCT mo.name))) AS modalities
OPTIONAL MATCH (m)-[:USES_TOKENIZER]->(t:TokenizationStrategy)
WITH m, anchor, modalities, list_to_string(', ', list_sort(collect(DISTINCT t.name))) AS tokenizers
OPTIONAL MATCH (m)-[:HAS_LAYER_TYPE]->(l:LayerType)
WITH m, anchor, modalities, tokenizers, list_to_string(', ', list_sort(collect(DISTINCT l.name))) AS layer_types
OPTIONAL MATCH (m)-[:FOLLOWS_PATTERN]->(p:ArchitecturePattern)
WITH m, anchor, modalities, tokenizers, layer_types, list_to_string(', ', list_sort(collect(DISTINCT p.name))) AS patterns
OPTIONAL MATCH (m)-[:HAS_VARIANT]->(v:ModelVariant)
WITH m, anchor, modalities, tokenizers, layer_types, patterns,
     max(list_sort(list_concat(coalesce(v.parameter_count, [0]), [0]), 'DESC')[1]) AS vp,
     max(list_sort(list_concat(coalesce(v.pretraining_cells, [0]), [0]), 'DESC')[1]) AS vc
WITH m, anchor, modalities, tokenizers, layer_types, patterns,
     list_sort([coalesce(vp, 0), list_sort(list_concat(coalesce(m.parameter_count, [0]), [0]), 'DESC')[1]], 'DESC')[1] AS mp,
     list_sort([coalesce(vc, 0), list_sort(list_concat(coalesce(m.pretraining_cells, [0]), [0]), 'DESC')[1]], 'DESC')[1] AS mc
OPTIONAL MATCH (m)-[:HAS_VARIANT]->(w:ModelVariant) WHERE mp > 0 AND list_contains(w.parameter_count, mp)
WITH m, anchor, modalities, tokenizers, layer_types, patterns, mp, mc, min(w.name) AS largest_variant
RETURN m.name AS model, m.release_year AS year, m.in_family AS family, anchor, modalities, tokenizers, layer_types, patterns,
       CASE WHEN mp > 0 THEN mp END AS max_parameters, largest_variant, CASE WHEN mc > 0 THEN mc END AS max_cells
ORDER BY year, model
