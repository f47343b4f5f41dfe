// title: What does the seed call its patterns, tasks, limits, trends and goals, in its own Korean words?
// The Cypher twin of seed-terms.rq: Korean forms are the *_ko properties (see README, Property graph).
MATCH (n:ArchitecturePattern) WHERE n.name_ko IS NOT NULL
RETURN n.name AS entity, 'pattern' AS kind, n.name_ko AS label_ko, n.description_ko AS words_ko
UNION ALL
MATCH (n:Task) WHERE n.name_ko IS NOT NULL
RETURN n.name AS entity, 'task' AS kind, n.name_ko AS label_ko, n.description_ko AS words_ko
UNION ALL
MATCH (n:Limitation) WHERE n.name_ko IS NOT NULL
RETURN n.name AS entity, 'limit' AS kind, n.name_ko AS label_ko, n.description_ko AS words_ko
UNION ALL
MATCH (n:OpenDirection) WHERE n.name_ko IS NOT NULL
RETURN n.name AS entity, 'limit' AS kind, n.name_ko AS label_ko, n.description_ko AS words_ko
UNION ALL
MATCH (n:Trend) WHERE n.name_ko IS NOT NULL
RETURN n.name AS entity, 'trend' AS kind, n.name_ko AS label_ko, CAST(NULL AS STRING) AS words_ko
UNION ALL
MATCH (n:Recommendation) WHERE n.name_ko IS NOT NULL
RETURN n.name AS entity, 'recommendation' AS kind, n.name_ko AS label_ko, n.rationale_ko AS words_ko
