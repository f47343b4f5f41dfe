// title: Which models use a given modality, and in which roles?
// The Cypher twin of models-by-modality.rq, over the property graph (see README, Property graph).
MATCH (m:Model)-[:HAS_MODALITY_USAGE]->(u:ModalityUsage)-[:FOR_MODALITY]->(mod:Modality {id: $modality})
OPTIONAL MATCH (u)-[:TOKENIZER]->(t:TokenizationStrategy)
RETURN m.name AS model, list_to_string(', ', list_sort(u.role)) AS roles, t.name AS tokenizer
ORDER BY model
