// title: What papers does the graph cite, with their identifiers?
// The Cypher twin of paper-catalog.rq, over the property graph (see README, Property graph).
MATCH (p:Publication) WHERE p.publication_type <> 'software'
OPTIONAL MATCH (m:Model)-[:DESCRIBED_IN]->(p)
RETURN p.name AS paper, p.publication_type AS type, p.publication_year AS year, p.venue AS venue, p.first_author AS first_author,
       p.doi AS doi, p.arxiv_id AS arxiv, count(DISTINCT m) AS n_models
ORDER BY type, year, paper
