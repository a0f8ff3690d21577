// Ordered steps of a pathway, with their signs
//
// The curated chain of a pathway step by step (for cGAS-STING: CGAS -> 3',5'-cGAMP -> STING1
// -> TBK1 -> IRF3 -> IFNB1), each edge with its sign (+1 activates, -1 inhibits), the papers
// behind it and where it was curated from.
//
// Parameters:
//   $pathway  pathway  the pathway's CURIE (irkg also resolves titles)  example: irkg:cGAS_STING_pathway
//
// Columns: step, subject_id, subject_name, predicate, sign, object_id, object_name, papers,
//   sources (list)
MATCH (pw:NamedThing {id: $pathway})<-[:PARTICIPATES_IN]-(s:NamedThing)
WITH DISTINCT s
MATCH (s)-[r]->(o:NamedThing)
WHERE r.pathway = $pathway
RETURN r.step AS step, s.id AS subject_id, s.name AS subject_name, type(r) AS predicate,
       r.sign AS sign, o.id AS object_id, o.name AS object_name,
       coalesce(size(r.publications), 0) AS papers, coalesce(r.sources, []) AS sources
ORDER BY step, subject_id, object_id
