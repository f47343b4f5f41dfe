// title: How many papers of each type appeared each year?
// The Cypher twin of papers-by-type-year.rq, over the property graph (see README, Property graph).
MATCH (p:Publication)
RETURN p.publication_type AS type, coalesce(cast(p.publication_year AS STRING), '') AS year, count(*) AS n
ORDER BY type, year
