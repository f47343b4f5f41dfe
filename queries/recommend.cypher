// title: Which patterns and models fit my goal and the data I have?
// The Cypher twin of recommend.rq, over the property graph (see README, Property graph).
WITH string_split(lower($have), ' ') AS have, lower($goal) AS goal
MATCH (r:Recommendation)-[:HAS_DATA_REQUIREMENT]->(req:DataRequirement)-[:REQUIRES_MODALITY]->(need:Modality)
WITH have, goal, r, req, collect(need.identifier) AS needed
WHERE all(x IN needed WHERE list_contains(have, x))
WITH DISTINCT goal, r
OPTIONAL MATCH (r)-[:FOR_GOAL_TASK]->(t:Task)
WITH goal, r, collect(lower(t.name)) + collect(t.identifier) AS task_names
WHERE goal = '*' OR lower(r.goal) CONTAINS goal OR any(n IN task_names WHERE n CONTAINS goal)
MATCH (r)-[:RECOMMENDS_PATTERN]->(p:ArchitecturePattern)
MATCH (r)-[:RECOMMENDS_MODEL]->(m:Model)
RETURN r.name AS recommendation, list_to_string(', ', list_sort(collect(DISTINCT p.name))) AS patterns, list_to_string(', ', list_sort(collect(DISTINCT m.name))) AS models, r.rationale AS rationale, r.seed_row AS row
ORDER BY row
