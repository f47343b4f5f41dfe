// title: Which models are generative, and what do they generate?
// The Cypher twin of generative-models.rq, over the property graph (see README, Property graph).
MATCH (m:Model)-[:HAS_OUTPUT_MODALITY]->(o:Modality)
WHERE list_contains(m.classes, 'GenerativeModel')
MATCH (m)-[:FOLLOWS_PATTERN]->(p:ArchitecturePattern)
RETURN m.name AS model, list_to_string(', ', list_sort(collect(DISTINCT o.name))) AS generates, list_to_string(', ', list_sort(collect(DISTINCT p.name))) AS patterns
ORDER BY model
