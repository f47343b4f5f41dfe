// title: For the claims about an entity, what are their sources and quotes?
// The Cypher twin of claim-sources.rq, over the property graph (see README, Property graph).
MATCH (e {identifier: $about})-[:HAS_CLAIM]->(c:Claim)-[:CLAIM_SOURCE]->(s:Publication)
OPTIONAL MATCH (c)-[:ABOUT_VARIANT]->(v:ModelVariant)
RETURN c.identifier AS claim_id, c.claim_property AS property, coalesce(cast(c.claim_value AS STRING), '') AS value,
       v.name AS variant, s.name AS source, s.doi AS doi, s.landing_page AS url, c.quote AS quote, c.locator AS locator
ORDER BY property, claim_id
