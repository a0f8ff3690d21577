"""Finding every shortest path from one entity to a set of goals, on each kind of store.

Both engines return the same thing: for each goal reachable within ``max_hops`` steps, all
shortest paths to it (edge-distinct: two edges between the same pair make two paths), as
``RawPath`` records; ``kg.query.paths`` ranks them.

* Cypher (FalkorDB, Neo4j): one query in the form both engines accept, bounded and typed:
  ``MATCH (a…),(t…) … UNWIND goals AS g WITH a, g``
  ``MATCH p = allShortestPaths((a)-[:T1|T2*..k]-(g))``.
  Labels and types come from the closed schema, ``k`` is a checked integer (neither engine
  takes a variable-length bound as a parameter), and the ids are ``$params``.
* SPARQL (Oxigraph): a breadth-first search from the source, one SPARQL query per level (in
  batches of frontier nodes, named by their IRIs from the store itself), keeping every
  predecessor edge at the shortest distance; paths are read back from that DAG.

The walk never uses PARTICIPATES_IN (nor MENTIONS, which ``path_types`` already leaves out):
reaching a pathway means reaching one of its members, and walking *through* a pathway node
would join any two of its members in two steps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from kg.errors import QueryError
from kg.query.stores import QueryStore
from kg.schema import load_schema

MEMBERSHIP = "PARTICIPATES_IN"
_TYPE = re.compile(r"^[A-Z][A-Z0-9_]*$")
MAX_HOPS = 10
MAX_PATHS = 5000  # per search; the ranking keeps the best few
FRONTIER_BATCH = 256
MAX_VISITED = 500_000  # the SPARQL search stops (and says so) past this many nodes


def walk_types() -> tuple[str, ...]:
    """Relationship types a path may walk: schema ``path_types`` without membership."""
    return tuple(t for t in load_schema().path_types if t != MEMBERSHIP)


def check_hops(max_hops: int) -> int:
    if not isinstance(max_hops, int) or not 1 <= max_hops <= MAX_HOPS:
        raise QueryError(f"--max-hops must be an integer from 1 to {MAX_HOPS}, got {max_hops!r}")
    return max_hops


@dataclass(frozen=True)
class RawEdge:
    id: str
    type: str
    subject: str
    object: str
    sign: int = 0
    belief: float = 1.0
    papers: int = 0
    sentence: str | None = None


@dataclass(frozen=True)
class RawPath:
    """Node ids from the source to a goal, and the edges walked between them."""

    nodes: tuple[str, ...]
    names: tuple[str | None, ...]
    categories: tuple[str | None, ...]
    edges: tuple[RawEdge, ...]


def cypher_paths_query(max_hops: int, limit: int = MAX_PATHS) -> str:
    """The path search statement for Cypher stores (schema types, checked integers)."""
    bad = [t for t in walk_types() if not _TYPE.match(t)]
    if bad:
        raise ValueError(f"schema path_types hold non-identifiers: {bad}")
    types = "|".join(walk_types())
    hops, limit = check_hops(max_hops), int(limit)
    return (
        "MATCH (a:NamedThing {id: $source}), (t:NamedThing {id: $target})\n"
        f"OPTIONAL MATCH (t)<-[:{MEMBERSHIP}]-(m:NamedThing)\n"
        "WITH a, t, collect(DISTINCT m) AS members\n"
        "UNWIND members + [t] AS g\n"
        "WITH DISTINCT a, g\n"
        "WHERE g <> a\n"
        f"MATCH p = allShortestPaths((a)-[:{types}*..{hops}]-(g))\n"
        "RETURN [n IN nodes(p) | n.id] AS nodes, [n IN nodes(p) | n.name] AS names,\n"
        "       [n IN nodes(p) | n.category] AS categories,\n"
        "       [r IN relationships(p) | {id: r.id, type: type(r), subject: startNode(r).id,\n"
        "        object: endNode(r).id, sign: r.sign, belief: r.belief,\n"
        "        papers: r.paper_count, sentence: r.best_sentence}] AS edges\n"
        f"LIMIT {limit}"
    )


def _raw_edge(data: dict[str, Any]) -> RawEdge:
    return RawEdge(
        id=data["id"],
        type=data["type"],
        subject=data["subject"],
        object=data["object"],
        sign=int(data.get("sign") or 0),
        belief=float(1.0 if data.get("belief") is None else data["belief"]),
        papers=int(data.get("papers") or 0),
        sentence=data.get("sentence"),
    )


def cypher_paths(store: QueryStore, source: str, target: str, max_hops: int) -> list[RawPath]:
    _, rows = store.run(cypher_paths_query(max_hops), {"source": source, "target": target})
    return [
        RawPath(
            tuple(row["nodes"]),
            tuple(row["names"]),
            tuple(row["categories"]),
            tuple(_raw_edge(e) for e in row["edges"]),
        )
        for row in rows
    ]


# --------------------------------------------------------------------------- SPARQL search

_PREFIXES = (
    "PREFIX biolink: <https://w3id.org/biolink/vocab/>\n"
    "PREFIX irkgv: <https://w3id.org/irkg/vocab#>\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
)


def _predicate_iris() -> list[str]:
    from kg.ids import expand

    schema = load_schema()
    return [f"<{expand(schema.predicate_for_type(t).curie)}>" for t in walk_types()]


def _values(iris: Sequence[str]) -> str:
    """A VALUES block of node IRIs; pyoxigraph checks each is an IRI (so none can escape <>)."""
    import pyoxigraph

    return " ".join(str(pyoxigraph.NamedNode(i)) for i in iris)


def _neighbours_query(iris: Sequence[str]) -> str:
    return _PREFIXES + (
        "SELECT ?node ?other ?edge_id ?p ?subject_id ?object_id ?sign ?belief ?papers ?sentence\n"
        "WHERE {\n"
        f"  VALUES ?node {{ {_values(iris)} }}\n"
        "  ?e (rdf:subject|rdf:object) ?node ; rdf:predicate ?p .\n"
        f"  FILTER(?p IN ({', '.join(_predicate_iris())}))\n"
        "  ?e rdf:subject ?s ; rdf:object ?o ; biolink:id ?edge_id .\n"
        "  ?s biolink:id ?subject_id . ?o biolink:id ?object_id .\n"
        "  BIND(IF(?s = ?node, ?o, ?s) AS ?other)\n"
        "  OPTIONAL { ?e irkgv:sign ?sign }\n"
        "  OPTIONAL { ?e irkgv:belief ?belief }\n"
        "  OPTIONAL { ?e irkgv:paper_count ?papers }\n"
        "  OPTIONAL { ?e irkgv:best_sentence ?sentence }\n"
        "}"
    )


NODE_IRI = _PREFIXES + "SELECT ?id ?node WHERE { ?node biolink:id ?id ; a biolink:NamedThing }"


def sparql_paths(
    store: QueryStore, source: str, goals: Sequence[str], max_hops: int
) -> list[RawPath]:
    """All shortest paths from ``source`` to each goal (by node id), breadth first."""
    from kg.query.run import run_text

    check_hops(max_hops)

    rows = run_text(store, NODE_IRI, {"id": source}).rows
    start = rows[0]["node"] if rows else None
    wanted = set(goals) - {source}
    if start is None or not wanted:
        return []
    depth: dict[str, int] = {start: 0}
    ids: dict[str, str] = {start: source}
    preds: dict[str, list[tuple[str, RawEdge]]] = {}
    frontier = [start]
    for level in range(1, max_hops + 1):
        found_next: list[str] = []
        for batch in _chunks(frontier, FRONTIER_BATCH):
            for row in run_text(store, _neighbours_query(batch)).rows:
                other = row["other"]
                edge = _sparql_edge(row)
                ids[other] = edge.object if edge.subject == ids[row["node"]] else edge.subject
                seen = depth.get(other)
                if seen is None:
                    depth[other] = level
                    found_next.append(other)
                    preds[other] = [(row["node"], edge)]
                elif seen == level:
                    preds[other].append((row["node"], edge))
        reached = {ids[n] for n in found_next}
        wanted -= reached
        frontier = found_next
        if not wanted or not frontier or len(depth) > MAX_VISITED:
            break
    goal_iris = [n for n, curie in ids.items() if curie in set(goals) and n != start]
    walks: list[tuple[list[str], list[RawEdge]]] = []
    for goal in sorted(goal_iris):
        for walk in _unwind(goal, start, preds):
            walks.append(walk)
            if len(walks) >= MAX_PATHS:
                break
    about = _sparql_nodes(store, sorted({n for nodes, _ in walks for n in nodes}))
    return [
        RawPath(
            tuple(ids[n] for n in nodes),
            tuple(about[n][0] for n in nodes),
            tuple(about[n][1] for n in nodes),
            tuple(edges),
        )
        for nodes, edges in walks
    ]


def _sparql_nodes(store: QueryStore, iris: Sequence[str]) -> dict[str, tuple[Any, Any]]:
    """IRI -> (name, category CURIE) of the nodes on the paths."""
    from kg.loaders.rdf import BIOLINK
    from kg.query.run import run_text

    about: dict[str, tuple[Any, Any]] = {}
    for batch in _chunks(iris, FRONTIER_BATCH):
        query = _PREFIXES + (
            f"SELECT ?node ?name ?category WHERE {{ VALUES ?node {{ {_values(batch)} }}\n"
            "  OPTIONAL { ?node biolink:name ?name }\n"
            "  OPTIONAL { ?node biolink:category ?category } }"
        )
        for row in run_text(store, query).rows:
            category = row["category"]
            curie = "biolink:" + category.removeprefix(BIOLINK) if category else None
            about[row["node"]] = (row["name"], curie)
    return about


def _sparql_edge(row: dict[str, Any]) -> RawEdge:
    from kg.loaders.rdf import BIOLINK

    return _raw_edge(
        {
            "id": row["edge_id"],
            "type": row["p"].removeprefix(BIOLINK).upper(),
            "subject": row["subject_id"],
            "object": row["object_id"],
            "sign": row.get("sign"),
            "belief": row.get("belief"),
            "papers": row.get("papers"),
            "sentence": row.get("sentence"),
        }
    )


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _unwind(
    node: str, start: str, preds: dict[str, list[tuple[str, RawEdge]]]
) -> Iterator[tuple[list[str], list[RawEdge]]]:
    """Every path start -> node through the predecessor DAG (node list, edge list)."""
    if node == start:
        yield [start], []
        return
    for prev, edge in preds.get(node, ()):
        for nodes, edges in _unwind(prev, start, preds):
            yield [*nodes, node], [*edges, edge]
