// Drugs and radiotherapies studied for a disease
//
// Everything with a TREATS_OR_APPLIED_OR_STUDIED_TO_TREAT edge to the disease (drugs,
// chemicals, radiotherapy procedures), most papers first, with the best supporting sentence.
//
// Parameters:
//   $disease  entity  the disease's CURIE (irkg also resolves names)  example: MESH:D008545
//
// Columns: treatment_id, treatment_name, category, papers, belief, best_sentence, edge_id
MATCH (t:NamedThing)-[r:TREATS_OR_APPLIED_OR_STUDIED_TO_TREAT]->(d:NamedThing {id: $disease})
RETURN t.id AS treatment_id, t.name AS treatment_name, t.category AS category,
       r.paper_count AS papers, r.belief AS belief, r.best_sentence AS best_sentence,
       r.id AS edge_id
ORDER BY papers DESC, belief DESC, edge_id
LIMIT 100
