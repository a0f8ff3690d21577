// Genes and drugs studied with a radiotherapy modality
//
// Genes and chemicals that appear together with a modality (SBRT, FLASH, proton, carbon-ion,
// ...): `papers` counts the papers that mention both; `edges` counts the edges that link the
// entity to the modality directly (e.g. SBRT increases IFN-beta) or that were observed under
// it (their `regimen` qualifier names the modality). Strongest first.
//
// Parameters:
//   $modality  entity  the modality's CURIE (irkg also resolves names)  example: irkg:SBRT
//
// Columns: entity_id, entity_name, category, papers, edges
MATCH (m:NamedThing {id: $modality})
OPTIONAL MATCH (m)<-[:MENTIONS]-(:Publication)-[:MENTIONS]->(a:NamedThing)
WITH m, collect(DISTINCT a) AS mentioned
OPTIONAL MATCH (m)-[r1]-(b:NamedThing)
WHERE type(r1) <> 'MENTIONS'
WITH m, mentioned, collect(DISTINCT b) AS linked
OPTIONAL MATCH (c:NamedThing)-[r2]->(d:NamedThing)
WHERE r2.regimen = $modality
WITH m, mentioned, linked, collect(DISTINCT c) AS subjects, collect(DISTINCT d) AS objects
UNWIND mentioned + linked + subjects + objects AS x
WITH DISTINCT m, x
WHERE x:Gene OR x:ChemicalEntity
OPTIONAL MATCH (m)<-[:MENTIONS]-(p:Publication)-[:MENTIONS]->(x)
WITH m, x, count(DISTINCT p) AS papers
OPTIONAL MATCH (x)-[r]-(y:NamedThing)
WHERE type(r) <> 'MENTIONS' AND (y = m OR r.regimen = $modality)
RETURN x.id AS entity_id, x.name AS entity_name, x.category AS category, papers,
       count(DISTINCT r) AS edges
ORDER BY papers DESC, edges DESC, entity_id
LIMIT 100
