// title: May I use this model commercially?
// The Cypher twin of licences.rq, over the property graph (see README, Property graph).
MATCH (m:Model)-[:HAS_LICENCE_STATEMENT]->(ls:LicenceStatement)-[:COMMERCIAL_USE_STATEMENT]->(cu:CommercialUseStatement)
OPTIONAL MATCH (ls)-[:CODE_LICENCE]->(ct:LicenceTerm)
OPTIONAL MATCH (ls)-[:WEIGHTS_LICENCE]->(wt:LicenceTerm)
OPTIONAL MATCH (cu)-[:CLAIM_SOURCE]->(s:Publication)
RETURN m.name AS model, cu.commercial_use AS commercial_use, coalesce(ct.spdx_id, ct.name) AS code_licence,
       coalesce(wt.spdx_id, wt.name) AS weights_licence, ls.access AS access, cu.note AS note,
       CASE WHEN s IS NULL THEN cu.locator WHEN cu.locator IS NULL THEN s.name ELSE s.name + ' — ' + cu.locator END AS stated_in
ORDER BY commercial_use, m.id
