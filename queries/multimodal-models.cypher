// title: Which models are multimodal, and with how many modalities?
// The Cypher twin of multimodal-models.rq, over the property graph (see README, Property graph).
MATCH (m:Model)-[:USES_MODALITY]->(mo:Modality)
WHERE list_contains(m.classes, 'MultimodalModel')
RETURN m.name AS model, count(DISTINCT mo) AS n_modalities, list_to_string(', ', list_sort(collect(DISTINCT mo.name))) AS modalities
ORDER BY n_modalities DESC, model
