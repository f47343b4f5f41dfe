// title: Which pathology models are vision–language models?
// The Cypher twin of pathology-vision-language.rq, over the property graph (see README, Property graph).
MATCH (m:Model)-[:USES_MODALITY]->(:Modality {id: 'modality/histology-image'})
MATCH (m)-[:HAS_MODALITY_USAGE]->(u:ModalityUsage)-[:FOR_MODALITY]->(:Modality {id: 'modality/text'})
MATCH (m)-[:FOLLOWS_PATTERN]->(p:ArchitecturePattern)
RETURN m.name AS model, m.release_year AS year, list_to_string(', ', list_sort(collect(DISTINCT p.name))) AS patterns,
       list_to_string(', ', list_sort(u.role)) AS text_role
ORDER BY year, model
