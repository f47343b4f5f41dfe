// title: Do independent studies confirm what the authors report?
// The Cypher twin of self-vs-independent.rq, over the property graph (see README, Property graph).
MATCH (a:BenchmarkResult)-[:RESULT_MODEL]->(m:Model), (a)-[:ON_BENCHMARK]->(b:Benchmark), (a)-[:RESULT_METRIC]->(mt:Metric), (a)-[:CLAIM_SOURCE]->(sa:Publication)
MATCH (c:BenchmarkResult)-[:RESULT_MODEL]->(m), (c)-[:ON_BENCHMARK]->(b), (c)-[:RESULT_METRIC]->(mt), (c)-[:CLAIM_SOURCE]->(sb:Publication)
WHERE a.setting = c.setting AND a.reported_by = "the model's authors" AND c.reported_by = 'independent'
RETURN m.name AS model, b.name AS benchmark, mt.name AS metric, a.setting AS setting, a.result_value AS authors_value,
       c.result_value AS independent_value, round(c.result_value - a.result_value, 6) AS difference, sa.name AS authors_source, sb.name AS independent_source
ORDER BY b.id, m.id, metric
