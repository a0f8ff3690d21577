// Find an entity by name, synonym, cross-reference or ID
//
// Every node whose id, name, synonym or cross-reference equals the text, ignoring case (a bare
// local id such as C582435 or WP4961 matches the CURIE's local part). Best match first: id,
// name, synonym, xref, local id; then the entity mentioned by more papers.
//
// Parameters:
//   $text  string  a name, synonym, CURIE or cross-reference  example: Keytruda
//
// Columns: id, name, category, taxon, matched_by, papers
MATCH (n:NamedThing)
WITH n, toLower($text) AS q
WITH n, q, CASE
    WHEN toLower(n.id) = q THEN 0
    WHEN toLower(n.name) = q THEN 1
    WHEN any(s IN coalesce(n.synonyms, []) WHERE toLower(s) = q) THEN 2
    WHEN any(x IN coalesce(n.xrefs, []) WHERE toLower(x) = q) THEN 3
    WHEN toLower(n.id) ENDS WITH (':' + q) THEN 4
  END AS rank
WHERE rank IS NOT NULL
OPTIONAL MATCH (p:Publication)-[:MENTIONS]->(n)
WITH n, rank, count(DISTINCT p) AS papers
RETURN n.id AS id, n.name AS name, n.category AS category, n.taxon AS taxon,
       ['id', 'name', 'synonym', 'xref', 'local id'][rank] AS matched_by, papers
ORDER BY rank, papers DESC, id
LIMIT 50
