// title: Which models exemplify each 2024–2026 trend?
// The Cypher twin of trends.rq, over the property graph (see README, Property graph).
MATCH (t:Trend)-[:EXEMPLIFIED_BY]->(m:Model)
OPTIONAL MATCH (m)-[:PRIMARY_PUBLICATION]->(p:Publication)
RETURN t.name AS trend, m.name AS model, m.release_year AS year, p.name AS paper
ORDER BY trend, year, model
