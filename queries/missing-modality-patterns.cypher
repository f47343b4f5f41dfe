// title: Which patterns handle a missing modality at test time, and how?
// The Cypher twin of missing-modality-patterns.rq, over the property graph (see README, Property graph).
MATCH (p:ArchitecturePattern)
RETURN p.name AS pattern, p.seed_number AS seed_number, p.handles_missing_modality AS handles, p.missing_modality_handling AS how
ORDER BY handles DESC, seed_number, pattern
