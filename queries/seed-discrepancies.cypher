// title: Where do the seed and a primary source disagree?
// The Cypher twin of seed-discrepancies.rq, over the property graph (see README, Property graph).
MATCH (s:SeedClaim) WHERE s.verdict <> 'agrees'
OPTIONAL MATCH (s)-[:CHECKED_AGAINST]->(c:Claim)-[:CLAIM_SOURCE]->(p:Publication)
RETURN s.name AS seed_claim, s.verdict AS verdict, s.seed_text_ko AS seed_text, s.note AS note, list_to_string(' | ', list_sort(collect(DISTINCT p.name))) AS primary_sources
ORDER BY verdict, seed_claim
