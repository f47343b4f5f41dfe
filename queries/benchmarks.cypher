// title: Which benchmarks are there, and how many results does each hold?
// The Cypher twin of benchmarks.rq, over the property graph (see README, Property graph).
MATCH (b:Benchmark)-[:BENCHMARK_TASK]->(t:Task)
MATCH (b)-[:HAS_METRIC]->(mt:Metric)
WITH b, t, list_to_string(', ', list_sort(collect(DISTINCT mt.name + ' (' + mt.direction + ')'))) AS metrics
OPTIONAL MATCH (r:BenchmarkResult)-[:ON_BENCHMARK]->(b)
OPTIONAL MATCH (r)-[:RESULT_MODEL|:RESULT_BASELINE]->(who)
WITH b, t, metrics, count(DISTINCT r) AS n_results, count(DISTINCT who) AS n_models,
     count(DISTINCT CASE WHEN r.reported_by = 'independent' THEN r END) AS n_independent
RETURN b.name AS benchmark, t.name AS task, b.suite AS suite, metrics,
       CASE WHEN n_results > 0 THEN n_results END AS n_results, CASE WHEN n_results > 0 THEN n_models END AS n_models,
       CASE WHEN n_independent > 0 THEN n_independent END AS n_independent
ORDER BY task, b.id
