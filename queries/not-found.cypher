// title: What was looked for and not found?
// The Cypher twin of not-found.rq, over the property graph (see README, Property graph).
MATCH (e)-[:HAS_NOT_FOUND_STATEMENT]->(s:NotFoundStatement)
OPTIONAL MATCH (s)-[:ABOUT_VARIANT]->(v:ModelVariant)
RETURN e.name AS entity, s.sought_property AS looked_for, v.name AS variant, s.searched AS searched, s.note AS note
ORDER BY e.id, looked_for, searched
