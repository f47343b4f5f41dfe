// title: Which models were pretrained on more than N cells?
// The Cypher twin of models-min-cells.rq, over the property graph (see README, Property graph).
MATCH (m:Model)-[:HAS_CLAIM]->(c:Claim)-[:CLAIM_SOURCE]->(s:Publication)
WHERE c.claim_property = 'pretraining cells' AND c.claim_value > $min_cells
OPTIONAL MATCH (c)-[:ABOUT_VARIANT]->(v:ModelVariant)
RETURN m.name AS model, c.claim_value AS cells, c.qualifier AS qualifier, v.name AS variant, s.name AS source
ORDER BY cells DESC, model, variant
