// title: What is the lineage of a model?
// The Cypher twin of model-lineage.rq, over the property graph (see README, Property graph).
MATCH (m:Model {id: $model})-[:DERIVES_FROM*1..10]->(o:Model)
OPTIONAL MATCH (m)-[:HAS_LINEAGE_STATEMENT]->(ls:LineageStatement)-[:PARENT_MODEL]->(o)
RETURN DISTINCT 'ancestor' AS relation, o.name AS other, o.release_year AS year, coalesce(ls.lineage_kind, 'indirect') AS link
UNION
MATCH (o:Model)-[:DERIVES_FROM*1..10]->(m:Model {id: $model})
OPTIONAL MATCH (o)-[:HAS_LINEAGE_STATEMENT]->(ls:LineageStatement)-[:PARENT_MODEL]->(m)
RETURN DISTINCT 'descendant' AS relation, o.name AS other, o.release_year AS year, coalesce(ls.lineage_kind, 'indirect') AS link
