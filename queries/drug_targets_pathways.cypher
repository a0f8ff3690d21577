// Drug -> targets -> pathways
//
// The drug's targets (DIRECTLY_PHYSICALLY_INTERACTS_WITH edges, e.g. from DrugCentral, with
// the action: inhibitor, antagonist, ...) and every pathway each target participates in; a
// target in no pathway has an empty pathway.
//
// Parameters:
//   $drug  entity  the drug's CURIE (irkg also resolves names)  example: MESH:C582435
//
// Columns: drug_id, drug_name, target_id, target_name, action, pathway_id, pathway_name
MATCH (d:NamedThing {id: $drug})-[t:DIRECTLY_PHYSICALLY_INTERACTS_WITH]->(g:NamedThing)
OPTIONAL MATCH (g)-[:PARTICIPATES_IN]->(pw:Pathway)
RETURN DISTINCT d.id AS drug_id, d.name AS drug_name, g.id AS target_id, g.name AS target_name,
       t.action AS action, pw.id AS pathway_id, pw.name AS pathway_name
ORDER BY target_id, pathway_id
