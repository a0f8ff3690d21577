// Papers and sentences behind the edges between two entities
//
// Every edge between the two entities (either direction) and each evidence sentence behind
// it: the paper, section, sentence, and whether the sentence was negated or hedged. A curated
// edge without sentences has one row with its publications and no sentence.
//
// Parameters:
//   $subject  entity  one end's CURIE (irkg also resolves names)  example: NCBIGene:29110
//   $object   entity  the other end's CURIE  example: NCBIGene:29126
//
// Columns: edge_id, subject_id, predicate, sign, publications (list), paper, section,
//   sentence, negated, hedged, extractor
MATCH (s:NamedThing {id: $subject})-[r]-(o:NamedThing {id: $object})
OPTIONAL MATCH (e:Evidence {edge_id: r.id})
RETURN r.id AS edge_id, startNode(r).id AS subject_id, type(r) AS predicate, r.sign AS sign,
       coalesce(r.publications, []) AS publications, e.doc_id AS paper, e.section AS section,
       e.sentence AS sentence, e.negated AS negated, e.hedged AS hedged,
       e.extractor AS extractor
ORDER BY edge_id, paper, sentence
