// title: Which models cope with a modality missing at test time?
// The Cypher twin of missing-modality-tolerant-models.rq, over the property graph (see README, Property graph).
MATCH (m:Model)-[:FOLLOWS_PATTERN]->(p:ArchitecturePattern)
WHERE list_contains(m.classes, 'MissingModalityTolerantModel') AND p.handles_missing_modality = true
RETURN m.name AS model, p.name AS pattern, p.missing_modality_handling AS how
ORDER BY pattern, model
