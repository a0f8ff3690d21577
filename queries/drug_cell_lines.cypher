// Mouse models (cell lines) used with a drug
//
// Cell lines (MC38, LLC1, CT26, B16, ...) that appear together with the drug: `papers` counts
// the papers that mention both, `edges` the edges between them (e.g. co-mention in a
// sentence). Mouse lines and human lines alike; `taxon` tells them apart.
//
// Parameters:
//   $drug  entity  the drug's CURIE (irkg also resolves names)  example: MESH:C582435
//
// Columns: cell_line_id, cell_line_name, taxon, papers, edges
MATCH (d:NamedThing {id: $drug})
OPTIONAL MATCH (d)<-[:MENTIONS]-(:Publication)-[:MENTIONS]->(a:CellLine)
WITH d, collect(DISTINCT a) AS mentioned
OPTIONAL MATCH (d)-[r1]-(b:CellLine)
WHERE type(r1) <> 'MENTIONS'
WITH d, mentioned, collect(DISTINCT b) AS linked
UNWIND mentioned + linked AS c
WITH DISTINCT d, c
OPTIONAL MATCH (d)<-[:MENTIONS]-(p:Publication)-[:MENTIONS]->(c)
WITH d, c, count(DISTINCT p) AS papers
OPTIONAL MATCH (d)-[r]-(c)
WHERE type(r) <> 'MENTIONS'
RETURN c.id AS cell_line_id, c.name AS cell_line_name, c.taxon AS taxon, papers,
       count(DISTINCT r) AS edges
ORDER BY papers DESC, edges DESC, cell_line_id
LIMIT 100
