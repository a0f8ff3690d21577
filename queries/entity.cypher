// One entity's card: names, category, taxon, synonyms and cross-references
//
// The node with this id and every property the stores keep for it.
//
// Parameters:
//   $entity  entity  the entity's CURIE (irkg also resolves names)  example: MESH:C582435
//
// Columns: id, name, category, taxon, description, synonyms (list), xrefs (list), sources (list)
MATCH (n:NamedThing {id: $entity})
RETURN n.id AS id, n.name AS name, n.category AS category, n.taxon AS taxon,
       n.description AS description, coalesce(n.synonyms, []) AS synonyms,
       coalesce(n.xrefs, []) AS xrefs, coalesce(n.sources, []) AS sources
