// title: What is the open direction beyond today's limits?
// The Cypher twin of open-direction.rq, over the property graph (see README, Property graph).
MATCH (d:OpenDirection)
OPTIONAL MATCH (d)-[:AFFECTS_PATTERN]->(p:ArchitecturePattern)
RETURN d.name AS direction, d.description AS description, list_to_string(', ', list_sort(collect(DISTINCT p.name))) AS builds_on
