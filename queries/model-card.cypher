// title: What does the graph know about one model?
// The Cypher twin of model-card.rq, over the property graph (see README, Property graph).
MATCH (m:Model {id: $model})
OPTIONAL MATCH (m)-[:HAS_CLAIM]->(c)
WITH m, count(DISTINCT c) AS n_claims
OPTIONAL MATCH (m)-[:DESCRIBED_IN]->(p:Publication)
RETURN m.name AS label, m.release_year AS year, m.in_family AS family, m.description AS description, m.innovation AS innovation,
       m.code_repository AS repository, m.license AS license, n_claims, list_to_string(' | ', list_sort(collect(DISTINCT p.name))) AS publications
