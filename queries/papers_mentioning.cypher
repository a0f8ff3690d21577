// Papers that mention an entity
//
// Every paper with a MENTIONS edge to the entity (a gene, drug, cell line, ...), with its title
// and how many entities it mentions in all; newest PubMed ids first.
//
// Parameters:
//   $entity  entity  the entity's CURIE (irkg also resolves names)  example: cellosaurus:CVCL_B288
//
// Columns: paper_id, title, entities
MATCH (p:Publication)-[:MENTIONS]->(n:NamedThing {id: $entity})
WITH DISTINCT p
MATCH (p)-[:MENTIONS]->(x:NamedThing)
RETURN p.id AS paper_id, p.name AS title, count(DISTINCT x) AS entities
ORDER BY paper_id DESC
LIMIT 200
