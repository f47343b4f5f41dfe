// title: Which models use each tokenization strategy?
// The Cypher twin of tokenizer-usage.rq, over the property graph (see README, Property graph).
MATCH (t:TokenizationStrategy)
OPTIONAL MATCH (m:Model)-[:USES_TOKENIZER]->(t)
RETURN t.name AS tokenizer, count(DISTINCT m) AS n_models, list_to_string(', ', list_sort(collect(DISTINCT m.name))) AS models
ORDER BY n_models DESC, tokenizer
