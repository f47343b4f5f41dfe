// title: Which limits affect a pattern, and what mitigates them?
// The Cypher twin of limits-for-pattern.rq, over the property graph (see README, Property graph).
MATCH (l:Limitation)-[:AFFECTS_PATTERN]->(p:ArchitecturePattern {id: $pattern})
OPTIONAL MATCH (l)-[:HAS_MITIGATION]->(m:Mitigation)
OPTIONAL MATCH (m)-[:VIA_ENTITY]->(v)
RETURN l.name AS limit, m.technique AS mitigation, list_to_string(', ', list_sort(collect(DISTINCT v.name))) AS via
ORDER BY limit, mitigation
