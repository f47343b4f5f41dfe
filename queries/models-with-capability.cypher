// title: Which models have a given capability?
// The Cypher twin of models-with-capability.rq, over the property graph (see README, Property graph).
MATCH (m:Model)-[:HAS_CAPABILITY_STATEMENT]->(st:CapabilityStatement)-[:FOR_CAPABILITY]->(:Capability {id: $capability})
OPTIONAL MATCH (st)-[:FOR_MODALITY]->(mo:Modality)
OPTIONAL MATCH (st)-[:ABOUT_VARIANT]->(v:ModelVariant)
OPTIONAL MATCH (st)-[:CLAIM_SOURCE]->(s:Publication)
RETURN m.name AS model, mo.name AS modality, v.name AS variant, s.name AS source, st.quote AS quote
ORDER BY m.id, modality
