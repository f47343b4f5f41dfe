// title: Which tokenization does each single-cell model use, per modality?
// The Cypher twin of single-cell-tokenization.rq, over the property graph (see README, Property graph).
MATCH (m:Model)-[:HAS_MODALITY_USAGE]->(u:ModalityUsage)-[:FOR_MODALITY]->(mod:Modality)
WHERE m.in_family = 'single-cell'
OPTIONAL MATCH (u)-[:TOKENIZER]->(t:TokenizationStrategy)
RETURN m.name AS model, mod.name AS modality, list_to_string(', ', list_sort(u.role)) AS roles, t.name AS tokenizer
ORDER BY model, modality
