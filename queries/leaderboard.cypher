// title: How do models rank on one benchmark?
// The Cypher twin of leaderboard.rq, over the property graph (see README, Property graph).
MATCH (r:BenchmarkResult)-[:ON_BENCHMARK]->(b:Benchmark {id: $benchmark})
MATCH (r)-[:RESULT_METRIC]->(mt:Metric)
MATCH (r)-[:CLAIM_SOURCE]->(s:Publication)
MATCH (r)-[:RESULT_MODEL|:RESULT_BASELINE]->(who)
WHERE ($only_metric = '*' OR mt.identifier = $only_metric OR lower(mt.name) = lower($only_metric))
  AND ($only_setting = '*' OR lower(r.setting) = lower($only_setting))
OPTIONAL MATCH (r)-[:RESULT_VARIANT]->(v:ModelVariant)
RETURN mt.name AS metric, who.name AS model, v.name AS variant, r.result_value AS value, r.setting AS setting,
       r.reported_by AS reported_by, s.name AS source, coalesce(r.locator, '"' + r.quote + '"') AS evidence
ORDER BY metric, CASE WHEN mt.direction = 'lower is better' THEN r.result_value ELSE -r.result_value END, who.id, s.id
