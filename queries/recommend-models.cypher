// title: Which models in the catalogue fit a recommendation, and why?
// The Cypher twin of recommend-models.rq, over the property graph (see README, Property graph).
WITH string_split(lower($have), ' ') AS have, lower($goal) AS goal
MATCH (r:Recommendation)-[:HAS_DATA_REQUIREMENT]->(req:DataRequirement)-[:REQUIRES_MODALITY]->(need:Modality)
WITH have, goal, r, req, collect(need) AS needs
WHERE all(x IN needs WHERE list_contains(have, x.identifier))
OPTIONAL MATCH (r)-[:FOR_GOAL_TASK]->(t0:Task)
WITH goal, r, req, needs, collect(lower(t0.name)) + collect(t0.identifier) AS task_names
WHERE goal = '*' OR lower(r.goal) CONTAINS goal OR any(n IN task_names WHERE n CONTAINS goal)
MATCH (r)-[:RECOMMENDS_PATTERN]->(p:ArchitecturePattern)<-[:FOLLOWS_PATTERN]-(m:Model)-[:ADDRESSES_TASK]->(t:Task)<-[:FOR_GOAL_TASK]-(r)
MATCH (m)-[:USES_MODALITY]->(used:Modality)
WITH r, req, needs, p, t, m, collect(DISTINCT used.id) AS used_ids
WHERE all(x IN needs WHERE list_contains(used_ids, x.id))
OPTIONAL MATCH (r)-[named:RECOMMENDS_MODEL]->(m)
WITH r, m, CASE WHEN named IS NULL THEN 'no' ELSE 'yes' END AS named_by_seed,
     collect(DISTINCT 'follows ' + p.name + ' and addresses ' + t.name) AS parts
RETURN r.name AS recommendation, m.name AS model, m.release_year AS year, named_by_seed,
       list_to_string(' | ', list_sort(parts)) AS why, r.seed_row AS row
ORDER BY row, named_by_seed DESC, year, m.id
