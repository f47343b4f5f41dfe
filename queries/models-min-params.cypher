// title: Which models are larger than N parameters?
// The Cypher twin of models-min-params.rq, over the property graph (see README, Property graph).
MATCH (m:Model)-[:HAS_CLAIM]->(c:Claim)-[:CLAIM_SOURCE]->(s:Publication)
WHERE c.claim_property = 'parameter count' AND c.claim_value > $min_params
OPTIONAL MATCH (c)-[:ABOUT_VARIANT]->(v:ModelVariant)
RETURN m.name AS model, c.claim_value AS parameters, v.name AS variant, s.name AS source
ORDER BY parameters DESC, model, variant
