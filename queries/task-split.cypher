// title: Which tasks does one modality solve, and which need paired multimodal data?
// The Cypher twin of task-split.rq, over the property graph (see README, Property graph).
MATCH (t:Task) WHERE t.seed_column IS NOT NULL
OPTIONAL MATCH (m:Model)-[:ADDRESSES_TASK]->(t)
RETURN t.seed_column AS seed_column, t.name AS task, t.requires_paired_data AS requires_paired, list_to_string(', ', list_sort(collect(DISTINCT m.name))) AS models
ORDER BY seed_column DESC, task
