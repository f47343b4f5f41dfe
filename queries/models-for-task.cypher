// title: Which models address a given task?
// The Cypher twin of models-for-task.rq, over the property graph (see README, Property graph).
MATCH (m:Model)-[:ADDRESSES_TASK]->(t:Task {id: $task})
OPTIONAL MATCH (m)-[:FOLLOWS_PATTERN]->(p:ArchitecturePattern)
RETURN m.name AS model, m.release_year AS year, list_to_string(', ', list_sort(collect(DISTINCT p.name))) AS patterns
ORDER BY year, model
