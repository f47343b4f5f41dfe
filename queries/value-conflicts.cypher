// title: Where do sources disagree?
// The Cypher twin of value-conflicts.rq, over the property graph (see README, Property graph).
MATCH (e)-[:HAS_VALUE_CONFLICT]->(k:ValueConflict)-[:CONFLICTING_CLAIM]->(a:Claim)-[:CLAIM_SOURCE]->(sa:Publication)
MATCH (k)-[:CONFLICTING_CLAIM]->(b:Claim)-[:CLAIM_SOURCE]->(sb:Publication)
WHERE a.iri < b.iri
OPTIONAL MATCH (a)-[:ABOUT_VARIANT]->(v:ModelVariant)
RETURN e.name AS entity, a.claim_property AS property, v.name AS variant,
       coalesce(cast(a.claim_value AS STRING), a.statement) AS value_a, sa.name AS source_a,
       coalesce(cast(b.claim_value AS STRING), b.statement) AS value_b, sb.name AS source_b, k.note AS note
ORDER BY e.id, property
