// title: What are the five limits, what do they affect and what mitigates them?
// The Cypher twin of limits-mitigations.rq, over the property graph (see README, Property graph).
MATCH (l:Limitation) WHERE l.seed_number IS NOT NULL
OPTIONAL MATCH (l)-[:AFFECTS_PATTERN]->(p:ArchitecturePattern)
WITH l, list_to_string(', ', list_sort(collect(DISTINCT p.name))) AS affects
OPTIONAL MATCH (l)-[:HAS_MITIGATION]->(m:Mitigation)
RETURN l.seed_number AS seed_number, l.name AS limit, affects, list_to_string(' | ', list_sort(collect(DISTINCT m.technique))) AS mitigations
ORDER BY seed_number
