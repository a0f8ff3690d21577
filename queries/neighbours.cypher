// Neighbours of an entity, with the evidence of each edge
//
// Every edge between the entity and another entity (papers that mention it are left out: see
// papers_mentioning), strongest first: more papers, then higher belief. `direction` says
// whether the entity is the edge's subject (out) or object (in); `best_sentence` is the
// sentence that best supports a text-mined edge; edge_evidence lists all of them.
//
// Parameters:
//   $entity  entity  the entity's CURIE (irkg also resolves names)  example: NCBIGene:29110
//
// Columns: predicate, direction, neighbour_id, neighbour_name, category, sign, papers, belief,
//   best_sentence, edge_id
MATCH (n:NamedThing {id: $entity})-[r]-(m:NamedThing)
WHERE type(r) <> 'MENTIONS'
RETURN type(r) AS predicate,
       CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction,
       m.id AS neighbour_id, m.name AS neighbour_name, m.category AS category, r.sign AS sign,
       r.paper_count AS papers, r.belief AS belief, r.best_sentence AS best_sentence,
       r.id AS edge_id
ORDER BY papers DESC, belief DESC, edge_id
LIMIT 50
