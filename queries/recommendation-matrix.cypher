// title: What does the goal → pattern → why matrix recommend?
// The Cypher twin of recommendation-matrix.rq, over the property graph (see README, Property graph).
MATCH (r:Recommendation)-[:RECOMMENDS_PATTERN]->(p:ArchitecturePattern)
MATCH (r)-[:RECOMMENDS_MODEL]->(m:Model)
RETURN r.seed_row AS row, r.goal AS goal, list_to_string(', ', list_sort(collect(DISTINCT p.name))) AS patterns, list_to_string(', ', list_sort(collect(DISTINCT m.name))) AS models, r.rationale AS rationale
ORDER BY row
