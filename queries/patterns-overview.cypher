// title: What are the architecture patterns and their exemplar models?
// The Cypher twin of patterns-overview.rq, over the property graph (see README, Property graph).
MATCH (p:ArchitecturePattern)
OPTIONAL MATCH (m:Model)-[:FOLLOWS_PATTERN]->(p)
RETURN p.seed_number AS seed_number, p.name AS pattern, p.fusion_stage AS fusion, list_to_string(', ', p.fusion_point) AS fusion_point,
       list_to_string(', ', p.losses) AS losses, count(DISTINCT m) AS n_models, list_to_string(', ', list_sort(collect(DISTINCT m.name))) AS exemplars
ORDER BY seed_number, pattern
