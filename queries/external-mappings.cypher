// title: How do mfkg's terms map to EFO, OBI, EDAM and AIO?
// The Cypher twin of external-mappings.rq, over the property graph (see README, Property graph).
MATCH (t:Modality:Task:LayerType:Assay)
UNWIND ['exact', 'close', 'broad', 'narrow', 'related'] AS kind
WITH t, kind, CASE kind WHEN 'exact' THEN t.exact_match WHEN 'close' THEN t.close_match WHEN 'broad' THEN t.broad_match
                        WHEN 'narrow' THEN t.narrow_match ELSE t.related_match END AS targets
UNWIND targets AS external
RETURN t.name AS term, 'http://www.w3.org/2004/02/skos/core#' + kind + 'Match' AS relation, external
ORDER BY term, relation, external
