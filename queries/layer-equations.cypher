// title: What are the defining equations of each layer type?
// The Cypher twin of layer-equations.rq, over the property graph (see README, Property graph).
MATCH (l:LayerType)-[:HAS_EQUATION]->(e:Equation)
RETURN l.name AS layer_type, e.name AS equation, e.latex AS latex
ORDER BY layer_type, equation
