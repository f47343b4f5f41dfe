// title: Which figures of the seed were checked, and with what verdict?
// The Cypher twin of seed-claims.rq, over the property graph (see README, Property graph).
MATCH (s:SeedClaim)
OPTIONAL MATCH (s)-[:CHECKED_AGAINST]->(c:Claim)
RETURN s.name AS seed_claim, s.seed_section AS section, s.verdict AS verdict, s.statement AS statement, count(DISTINCT c) AS primary_claims
ORDER BY section, seed_claim
