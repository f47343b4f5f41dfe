// title: Which assays produced the data, and which models and datasets use them?
// The Cypher twin of assays.rq, over the property graph (see README, Property graph).
MATCH (a:Assay)-[:MEASURES_MODALITY]->(mo:Modality)
WITH a, list_to_string(', ', list_sort(collect(DISTINCT mo.name))) AS measures
OPTIONAL MATCH (t:Model)-[:TRAINED_ON_ASSAY]->(a)
WITH a, measures, list_to_string(', ', list_sort(collect(DISTINCT t.name))) AS trained
OPTIONAL MATCH (e:Model)-[:EVALUATED_ON_ASSAY]->(a)
WITH a, measures, trained, list_to_string(', ', list_sort(collect(DISTINCT e.name))) AS evaluated
OPTIONAL MATCH (d:Dataset)-[:PRODUCED_WITH_ASSAY]->(a)
WITH a, measures, trained, evaluated, list_to_string(', ', list_sort(collect(DISTINCT d.name))) AS ds
RETURN a.name AS assay, measures, a.developer AS developer, a.introduction_year AS year,
       CASE WHEN trained = '' THEN NULL ELSE trained END AS trained_models,
       CASE WHEN evaluated = '' THEN NULL ELSE evaluated END AS evaluated_models,
       CASE WHEN ds = '' THEN NULL ELSE ds END AS datasets
ORDER BY a.id
