// title: Which models were trained or evaluated on data from a given assay?
// The Cypher twin of models-by-assay.rq, over the property graph (see README, Property graph).
MATCH (m:Model)-[:TRAINED_ON_ASSAY]->(a:Assay {id: $assay})
RETURN m.name AS model, 'training' AS use, 'model record' AS via, m.in_family AS family, m.release_year AS year
UNION
MATCH (m:Model)-[:EVALUATED_ON_ASSAY]->(a:Assay {id: $assay})
RETURN m.name AS model, 'evaluation' AS use, 'model record' AS via, m.in_family AS family, m.release_year AS year
UNION
MATCH (m:Model)-[:PRETRAINED_ON]->(d:Dataset)-[:PRODUCED_WITH_ASSAY]->(a:Assay {id: $assay})
RETURN m.name AS model, 'training' AS use, 'dataset ' + d.name AS via, m.in_family AS family, m.release_year AS year
