// Pathways, with their members and curated steps
//
// Every pathway node (WikiPathways pathways, irkg's curated chains) with the number of members
// (PARTICIPATES_IN edges) and of ordered steps (edges whose pathway qualifier names it).
//
// Parameters: none
//
// Columns: id, name, synonyms (list), members, steps
MATCH (pw:Pathway)
OPTIONAL MATCH (m:NamedThing)-[:PARTICIPATES_IN]->(pw)
WITH pw, count(DISTINCT m) AS members
OPTIONAL MATCH (pw)<-[:PARTICIPATES_IN]-(:NamedThing)-[s]->(:NamedThing)
WHERE s.pathway = pw.id
RETURN pw.id AS id, pw.name AS name, coalesce(pw.synonyms, []) AS synonyms, members,
       count(DISTINCT s) AS steps
ORDER BY id
