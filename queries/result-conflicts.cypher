// title: Where do reported scores disagree?
// The Cypher twin of result-conflicts.rq, over the property graph (see README, Property graph).
MATCH (a:BenchmarkResult)-[:RESULT_MODEL]->(m:Model), (a)-[:ON_BENCHMARK]->(b:Benchmark), (a)-[:RESULT_METRIC]->(mt:Metric), (a)-[:CLAIM_SOURCE]->(sa:Publication)
MATCH (c:BenchmarkResult)-[:RESULT_MODEL]->(m), (c)-[:ON_BENCHMARK]->(b), (c)-[:RESULT_METRIC]->(mt), (c)-[:CLAIM_SOURCE]->(sb:Publication)
WHERE a.setting = c.setting AND sa.id <> sb.id AND a.iri < c.iri AND a.result_value <> c.result_value
OPTIONAL MATCH (a)-[:RESULT_VARIANT]->(va:ModelVariant)
OPTIONAL MATCH (c)-[:RESULT_VARIANT]->(vb:ModelVariant)
WITH m, b, mt, a, c, sa, sb, coalesce(va.id, '') AS wa, coalesce(vb.id, '') AS wb
WHERE wa = wb
RETURN m.name AS model, b.name AS benchmark, mt.name AS metric, a.setting AS setting,
       a.result_value AS value_a, sa.name AS source_a, c.result_value AS value_b, sb.name AS source_b
ORDER BY b.id, m.id, metric
