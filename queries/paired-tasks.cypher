// title: Which tasks need paired multimodal data, and which models address each?
// The Cypher twin of paired-tasks.rq, over the property graph (see README, Property graph).
MATCH (t:Task) WHERE t.requires_paired_data = true
OPTIONAL MATCH (m:Model)-[:ADDRESSES_TASK]->(t)
RETURN t.name AS task, t.seed_column AS seed_column, count(DISTINCT m) AS n_models, list_to_string(', ', list_sort(collect(DISTINCT m.name))) AS models
ORDER BY task
