// title: Which named techniques do models use?
// The Cypher twin of techniques.rq, over the property graph (see README, Property graph).
MATCH (t:Technique)
OPTIONAL MATCH (m:Model)-[:USES_TECHNIQUE]->(t)
RETURN t.name AS technique, t.seed_section AS section, list_to_string(', ', list_sort(collect(DISTINCT m.name))) AS models
ORDER BY section, technique
