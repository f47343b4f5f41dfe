// title: Which sizes and versions of each model were released?
// The Cypher twin of model-variants.rq, over the property graph (see README, Property graph).
MATCH (m:Model)-[:HAS_VARIANT]->(v:ModelVariant)
WITH m, v, list_sort(list_concat(coalesce(v.parameter_count, []), [0]), 'DESC')[1] AS p,
     list_sort(list_concat(coalesce(v.context_length, []), [0]), 'DESC')[1] AS x, list_sort(list_concat(coalesce(v.pretraining_cells, []), [0]), 'DESC')[1] AS c
RETURN m.name AS model, v.name AS variant, v.release_date AS release_date,
       CASE WHEN p > 0 THEN p END AS parameters, CASE WHEN x > 0 THEN x END AS context_length, CASE WHEN c > 0 THEN c END AS cells,
       CASE WHEN size(coalesce(v.checkpoint, [])) = 0 THEN NULL ELSE list_to_string(', ', list_sort(v.checkpoint)) END AS checkpoints
ORDER BY m.id, parameters, variant
