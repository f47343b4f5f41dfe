// title: How has the catalogue grown year by year?
// The Cypher twin of models-by-year.rq, over the property graph (see README, Property graph).
MATCH (m:Model)
RETURN m.release_year AS year, m.in_family AS family, count(*) AS n_models
ORDER BY year, family
