// Shortest evidence-ranked paths between two entities
//
// All shortest paths (at most 3 steps) between two entities over the relationship types a path
// may walk (schema.yaml `path_types`: never MENTIONS, so paths do not run through papers),
// ranked by evidence: `score` is the product of the steps' beliefs (curated steps count 1.0),
// `weakest` the lowest belief on the path. `path` writes each step with its direction,
// relationship type and sign. For drug -> pathway questions with more steps, use `irkg path`.
//
// Parameters:
//   $source  entity  where the path starts (irkg also resolves names)  example: irkg:SBRT
//   $target  entity  where it ends (a different entity)  example: NCBIGene:3661
//
// Columns: hops, score, weakest, path
MATCH (a:NamedThing {id: $source}), (b:NamedThing {id: $target})
WITH a, b
MATCH p = allShortestPaths((a)-[:AFFECTS|DIRECTLY_PHYSICALLY_INTERACTS_WITH|PHYSICALLY_INTERACTS_WITH|PARTICIPATES_IN|TREATS_OR_APPLIED_OR_STUDIED_TO_TREAT|ORTHOLOGOUS_TO|RELATED_TO*..3]-(b))
WITH p, nodes(p) AS ns, relationships(p) AS rs
RETURN length(p) AS hops,
       reduce(score = 1.0, r IN rs | score * r.belief) AS score,
       reduce(low = 1.0, r IN rs | CASE WHEN r.belief < low THEN r.belief ELSE low END) AS weakest,
       reduce(text = coalesce(ns[0].name, ns[0].id), i IN range(0, size(rs) - 1) |
         text
         + (CASE WHEN startNode(rs[i]) = ns[i] THEN ' -[' ELSE ' <-[' END)
         + type(rs[i])
         + (CASE rs[i].sign WHEN 1 THEN '(+)' WHEN -1 THEN '(-)' ELSE '' END)
         + (CASE WHEN startNode(rs[i]) = ns[i] THEN ']-> ' ELSE ']- ' END)
         + coalesce(ns[i + 1].name, ns[i + 1].id)) AS path
ORDER BY score DESC, path
LIMIT 20
