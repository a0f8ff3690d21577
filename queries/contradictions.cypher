// Contradictions: the same pair with opposite signs in different papers
//
// Pairs where one AFFECTS edge says the subject raises the object (sign +1) and another says
// it lowers it (sign -1), backed by at least two different papers (one paper that says both
// is not a contradiction between papers). Each row names both edges, their paper counts and
// their best sentences; edge_evidence shows all sentences.
//
// Parameters: none
//
// Columns: subject_id, subject_name, object_id, object_name, positive_edge, negative_edge,
//   positive_papers, negative_papers, positive_sentence, negative_sentence
MATCH (s:NamedThing)-[pos:AFFECTS]->(o:NamedThing)
WHERE pos.sign = 1
MATCH (s)-[neg:AFFECTS]->(o)
WHERE neg.sign = -1
WITH s, o, pos, neg,
     any(a IN pos.publications WHERE any(b IN neg.publications WHERE a <> b)) AS two_papers
WHERE two_papers
RETURN s.id AS subject_id, s.name AS subject_name, o.id AS object_id, o.name AS object_name,
       pos.id AS positive_edge, neg.id AS negative_edge,
       size(pos.publications) AS positive_papers, size(neg.publications) AS negative_papers,
       pos.best_sentence AS positive_sentence, neg.best_sentence AS negative_sentence
ORDER BY subject_id, object_id, positive_edge, negative_edge
LIMIT 200
