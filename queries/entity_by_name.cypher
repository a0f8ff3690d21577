// Entities with exactly this name
//
// The entities whose name is exactly the text (same case), most-mentioned first: an index
// lookup, so it is the fast first step when a name is resolved (find_entity also matches
// synonyms, cross-references and other cases, by scanning every entity).
//
// Parameters:
//   $text  string  the exact name  example: pembrolizumab
//
// Columns: id, name, category, taxon, papers
MATCH (n:NamedThing {name: $text})
OPTIONAL MATCH (p:Publication)-[:MENTIONS]->(n)
RETURN n.id AS id, n.name AS name, n.category AS category, n.taxon AS taxon,
       count(DISTINCT p) AS papers
ORDER BY papers DESC, id
