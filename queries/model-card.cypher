// title: What does the graph know about one model?
// The Cypher twin of model-card.rq, over the property graph (see README, Property graph).
MATCH (m:Model {id: $model})
OPTIONAL MATCH (m)-[:HAS_LICENCE_STATEMENT]->(:LicenceStatement)-[:CODE_LICENCE]->(ct:LicenceTerm)
OPTIONAL MATCH (m)-[:HAS_LICENCE_STATEMENT]->(:LicenceStatement)-[:WEIGHTS_LICENCE]->(wt:LicenceTerm)
WITH m, coalesce(ct.spdx_id, ct.name) AS code_licence, coalesce(wt.spdx_id, wt.name) AS weights_licence
OPTIONAL MATCH (m)-[:HAS_CLAIM]->(c)
WITH m, code_licence, weights_licence, count(DISTINCT c) AS n_claims
OPTIONAL MATCH (m)-[:HAS_VARIANT]->(v:ModelVariant)
WITH m, code_licence, weights_licence, n_claims, count(DISTINCT v) AS n_variants
OPTIONAL MATCH (m)-[:DESCRIBED_IN]->(p:Publication)
RETURN m.name AS label, m.release_year AS year, m.in_family AS family, m.description AS description, m.innovation AS innovation,
       m.code_repository AS repository, code_licence, weights_licence, m.commercial_use AS commercial_use, n_claims, n_variants, list_to_string(' | ', list_sort(collect(DISTINCT p.name))) AS publications
