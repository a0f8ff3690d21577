// Graph statistics: nodes per label, edges per relationship type, evidence sentences
//
// One row per node label (every entity also counts under NamedThing), per relationship type,
// and one for the evidence sentences stored beside the edges.
//
// Parameters: none
//
// Columns: kind, type, count
MATCH (n:NamedThing)
UNWIND labels(n) AS type
RETURN 'nodes' AS kind, type, count(*) AS count
UNION ALL
MATCH ()-[r]->()
RETURN 'edges' AS kind, type(r) AS type, count(*) AS count
UNION ALL
MATCH (e:Evidence)
RETURN 'evidence' AS kind, 'Evidence' AS type, count(e) AS count
