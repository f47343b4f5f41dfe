// title: How many models are anchored on protein, cell, DNA or spatial data?
// The Cypher twin of models-per-anchor.rq, over the property graph (see README, Property graph).
MATCH (m:Model)
UNWIND m.classes AS c
WITH c, m WHERE c IN ['ProteinAnchoredModel', 'CellAnchoredModel', 'DNAAnchoredModel', 'SpatialModel']
RETURN CASE c WHEN 'ProteinAnchoredModel' THEN 'protein-anchored model' WHEN 'CellAnchoredModel' THEN 'cell-anchored model'
              WHEN 'DNAAnchoredModel' THEN 'DNA-anchored model' ELSE 'spatial model' END AS anchor_class,
       count(DISTINCT m) AS n_models
ORDER BY anchor_class
