// title: Which models follow a given architecture pattern?
// The Cypher twin of models-by-pattern.rq, over the property graph (see README, Property graph).
MATCH (m:Model)-[:FOLLOWS_PATTERN]->(p:ArchitecturePattern {id: $pattern})
OPTIONAL MATCH (m)-[:HAS_ANCHOR_MODALITY]->(a:Modality)
WITH m, list_to_string(', ', list_sort(collect(DISTINCT a.name))) AS anchor
OPTIONAL MATCH (m)-[:HAS_LAYER_TYPE]->(l:LayerType)
RETURN m.name AS model, m.release_year AS year, anchor, list_to_string(', ', list_sort(collect(DISTINCT l.name))) AS layer_types
ORDER BY year, model
