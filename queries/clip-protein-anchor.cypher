// title: Which CLIP-style models use a protein anchor?
// The Cypher twin of clip-protein-anchor.rq, over the property graph (see README, Property graph).
MATCH (m:Model)-[:HAS_ANCHOR_MODALITY]->(a:Modality)
WHERE list_contains(m.classes, 'CLIPStyleModel') AND list_contains(m.classes, 'ProteinAnchoredModel') AND a.category = 'protein'
OPTIONAL MATCH (m)-[:USES_MODALITY]->(o:Modality) WHERE o.id <> a.id
RETURN m.name AS model, a.name AS anchor, list_to_string(', ', list_sort(collect(DISTINCT o.name))) AS aligned_with, m.release_year AS year
ORDER BY year, model
