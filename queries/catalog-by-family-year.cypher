// title: How has each family of the catalogue grown, year by year?
// The Cypher twin of catalog-by-family-year.rq, over the property graph (see README, Property graph).
MATCH (m:Model)
RETURN m.in_family AS family, m.release_year AS year, count(*) AS n_models
ORDER BY family, year
