// title: Who scores what, on which benchmark, said by whom?
// The Cypher twin of benchmark-results.rq, over the property graph (see README, Property graph).
MATCH (r:BenchmarkResult)-[:ON_BENCHMARK]->(b:Benchmark)
MATCH (r)-[:RESULT_METRIC]->(mt:Metric)
MATCH (r)-[:CLAIM_SOURCE]->(s:Publication)
MATCH (r)-[:RESULT_MODEL|:RESULT_BASELINE]->(who)
OPTIONAL MATCH (r)-[:RESULT_VARIANT]->(v:ModelVariant)
RETURN who.name AS model, v.name AS variant, b.name AS benchmark, mt.name AS metric, r.result_value AS value,
       r.setting AS setting, r.reported_by AS reported_by, s.name AS source,
       coalesce(r.locator, '"' + r.quote + '"') AS evidence
ORDER BY b.id, metric, setting, value DESC, who.id, s.id
