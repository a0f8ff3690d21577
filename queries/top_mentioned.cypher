// Most-mentioned entities of a type
//
// The entities with a label (Gene, ChemicalEntity, Drug, Disease, CellLine, Procedure, ...)
// that the most papers mention, most first.
//
// Parameters:
//   $label  label  a node label of the schema  example: Gene
//
// Columns: id, name, category, papers
MATCH (p:Publication)-[:MENTIONS]->(n:NamedThing)
WHERE $label IN labels(n)
RETURN n.id AS id, n.name AS name, n.category AS category, count(DISTINCT p) AS papers
ORDER BY papers DESC, id
LIMIT 25
