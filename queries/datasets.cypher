// title: Which corpora are models pretrained on, and how large are they?
// The Cypher twin of datasets.rq, over the property graph (see README, Property graph).
MATCH (d:Dataset)
OPTIONAL MATCH (m:Model)-[:PRETRAINED_ON]->(d)
WITH d, m, list_sort(list_concat(coalesce(d.pretraining_cells, [0]), [0]), 'DESC')[1] AS mc, list_sort(list_concat(coalesce(d.pretraining_sequences, [0]), [0]), 'DESC')[1] AS ms
RETURN d.name AS dataset, d.dataset_kind AS kind, CASE WHEN mc > 0 THEN mc END AS max_cells,
       CASE WHEN ms > 0 THEN ms END AS max_sequences, list_to_string(', ', list_sort(collect(DISTINCT m.name))) AS models
ORDER BY dataset
