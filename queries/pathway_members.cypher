// Members of a pathway, in the order of its curated chain
//
// Every entity that participates in the pathway. `position` is the member's place in the
// pathway's ordered steps (0 = the first step's subject; a step's object comes one after its
// step number); members outside the chain have no position and come last.
//
// Parameters:
//   $pathway  pathway  the pathway's CURIE (irkg also resolves titles)  example: irkg:cGAS_STING_pathway
//
// Columns: member_id, member_name, category, position
MATCH (pw:NamedThing {id: $pathway})<-[:PARTICIPATES_IN]-(m:NamedThing)
WITH DISTINCT m
OPTIONAL MATCH (m)-[a]->(:NamedThing)
WHERE a.pathway = $pathway
WITH m, min(a.step) AS as_subject
OPTIONAL MATCH (:NamedThing)-[b]->(m)
WHERE b.pathway = $pathway
WITH m, as_subject, min(b.step) + 1 AS as_object
RETURN m.id AS member_id, m.name AS member_name, m.category AS category,
       CASE
         WHEN as_subject IS NULL THEN as_object
         WHEN as_object IS NULL OR as_subject < as_object THEN as_subject
         ELSE as_object
       END AS position
ORDER BY coalesce(position, 1000000), member_id
