// title: How many models use each layer type?
// The Cypher twin of models-per-layer-type.rq, over the property graph (see README, Property graph).
MATCH (l:LayerType)
OPTIONAL MATCH (m:Model)-[:HAS_LAYER_TYPE]->(l)
RETURN l.name AS layer_type, count(DISTINCT m) AS n_models, list_to_string(', ', list_sort(collect(DISTINCT m.name))) AS models
ORDER BY n_models DESC, layer_type
