// title: How many models are in each catalogue family?
// The Cypher twin of catalog-by-family.rq, over the property graph (see README, Property graph).
MATCH (m:Model)
RETURN m.in_family AS family, CASE WHEN list_contains(m.labels, 'FoundationModel') THEN 'foundation model' ELSE 'method' END AS kind,
       count(*) AS n_models
ORDER BY family, kind
