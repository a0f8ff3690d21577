"""Every shortest path from one entity to the nearest of a set of goals, on every store.

**What is searched.** From the source, over the relationship types a path may walk (schema
``path_types`` without PARTICIPATES_IN), to the goals (a pathway's members and the pathway
itself): all shortest paths to the nearest goals, at most ``max_hops`` steps, edge-distinct
(two edges between the same pair make two paths). PARTICIPATES_IN is never walked: reaching a
member reaches the pathway, and walking *through* a pathway node would join any two of its
members in two steps (WikiPathways pathways have hundreds).

**How.** A bidirectional breadth-first search: one side grows from the source, the other from
all goals at once, always the side with the smaller frontier, one full level per query, until
the sides meet; the paths are then read out of the two predecessor DAGs, and the properties of
their edges fetched. Each level is one query per batch of frontier nodes in the store's language
(``cypher_level_query``, ``sparql_level_query``: nodes in; node, neighbour, edge out), with the
values as parameters (Cypher ``$ids``; SPARQL a VALUES block of literals serialised by
pyoxigraph). Nodes and edges are the store's handles: FalkorDB's internal ids (``internal``,
mapped from and back to CURIEs around the search), the ``id`` properties elsewhere. The walked
relationship types are a tier's (``walk_types``). The same code therefore gives the same paths
on every store.

Why not one ``allShortestPaths`` query (``allshortest_query``, the form DESIGN.md names and
both engines accept)? It needs one search per goal, and a pathway has one goal per member: on
the 50k-edge synthetic build it took 2.6-5 s per drug -> pathway question on FalkorDB, where
this search takes milliseconds; a variable-length pattern (``(a)-[:T*4]-(m)``) enumerates every
walk and ran for minutes at 4 steps. The tests check that both give the same paths.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from kg.errors import QueryError
from kg.query.stores import QueryStore
from kg.schema import load_schema

MEMBERSHIP = "PARTICIPATES_IN"
MAX_HOPS = 10
MAX_PATHS = 5000  # per search; the ranking keeps the best few
FRONTIER_BATCH = 1024
_TYPE = re.compile(r"^[A-Z][A-Z0-9_]*$")


TIERS = ("mechanistic", "association")


def walk_types(tier: str = "association") -> tuple[str, ...]:
    """Relationship types a path may walk: schema ``path_types`` without membership, and in the
    ``mechanistic`` tier also without ``path_association_types`` (co-mention, clinical use:
    they say two things go together, not how one acts on the other)."""
    if tier not in TIERS:
        raise ValueError(f"unknown path tier {tier!r}; known: {', '.join(TIERS)}")
    schema = load_schema()
    left_out = {MEMBERSHIP}
    if tier == "mechanistic":
        left_out |= set(schema.path_association_types)
    types = tuple(t for t in schema.path_types if t not in left_out)
    bad = [t for t in types if not _TYPE.match(t)]
    if bad:
        raise ValueError(f"schema path_types hold non-identifiers: {bad}")
    return types


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
    source: str | None = None  # primary knowledge source (infores:...), curated or text
    references: tuple[str, ...] = ()  # the edge's sources and publications


@dataclass(frozen=True)
class RawPath:
    """Node ids from the source to a goal, their names and categories, the edges walked."""

    nodes: tuple[str, ...]
    names: tuple[str | None, ...]
    categories: tuple[str | None, ...]
    edges: tuple[RawEdge, ...]


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
        source=data.get("source"),
    )


# --------------------------------------------------------------------------- store queries
# Two per engine: one level of the search (ids in, just node/other/edge/direction out, so a
# level of thousands of edges stays small) and the details of the edges on the found paths.

_PREFIXES = (
    "PREFIX biolink: <https://w3id.org/biolink/vocab/>\n"
    "PREFIX irkgv: <https://w3id.org/irkg/vocab#>\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
)


# On FalkorDB the search walks the store's internal node and relationship ids (``internal``):
# a node is found by an id seek instead of the ``id`` index, and a level's rows carry integers
# instead of CURIE and edge-id strings (on a 1M-edge graph, rows are what a level costs). Neo4j
# has no stable internal id to rely on, so it walks the ``id`` property.
_SEEK = {False: "MATCH (n:NamedThing {id: h})", True: "MATCH (n) WHERE id(n) = h"}
_HANDLE = {False: "m.id", True: "id(m)"}
_EDGE = {False: "r.id", True: "id(r)"}


def cypher_handles_query() -> str:
    """The internal id of each entity (FalkorDB)."""
    return "UNWIND $ids AS h\nMATCH (n:NamedThing {id: h})\nRETURN h AS id, id(n) AS handle"


def cypher_level_query(tier: str = "association", *, internal: bool = False) -> str:
    return (
        f"UNWIND $ids AS h\n{_SEEK[internal]}\n"
        "MATCH (n)-[r:" + "|".join(walk_types(tier)) + "]-(m:NamedThing)\n"
        f"RETURN h AS node, {_HANDLE[internal]} AS other, {_EDGE[internal]} AS edge_id,\n"
        "       startNode(r) = n AS out"
    )


def cypher_details_query(*, internal: bool = False) -> str:
    return (
        f"UNWIND $ids AS h\n{_SEEK[internal]}\n"
        "MATCH (n)-[r:" + "|".join(walk_types()) + "]->(m:NamedThing)\n"
        f"WHERE {_EDGE[internal]} IN $edges\n"
        f"RETURN {_EDGE[internal]} AS edge_id, r.id AS id, type(r) AS type, n.id AS subject,\n"
        f"       m.id AS object, h AS subject_handle, {_HANDLE[internal]} AS object_handle,\n"
        "       r.sign AS sign, r.belief AS belief, r.paper_count AS papers,\n"
        "       r.best_sentence AS sentence, r.primary_source AS source,\n"
        "       r.sources AS sources, r.publications AS publications,\n"
        "       n.name AS subject_name, n.category AS subject_category,\n"
        "       m.name AS object_name, m.category AS object_category"
    )


def _predicate_iris(tier: str = "association") -> str:
    from kg.ids import expand

    schema = load_schema()
    return ", ".join(f"<{expand(schema.predicate_for_type(t).curie)}>" for t in walk_types(tier))


def _literals(values: Sequence[str]) -> str:
    """A VALUES row list of literals serialised by pyoxigraph (one literal per value, always)."""
    import pyoxigraph

    return " ".join(str(pyoxigraph.Literal(v)) for v in values)


def sparql_level_query(ids: Sequence[str], tier: str = "association") -> str:
    """One level of the search in SPARQL (a union of the two edge directions: Oxigraph plans
    it well, where a ``(rdf:subject|rdf:object)`` path took seconds)."""
    return _PREFIXES + (
        "SELECT ?node ?other ?edge_id ?out WHERE {\n"
        f"  VALUES ?node {{ {_literals(ids)} }}\n"
        "  ?n biolink:id ?node .\n"
        "  { ?e rdf:subject ?n ; rdf:object ?m . BIND(true AS ?out) }\n"
        "  UNION\n"
        "  { ?e rdf:object ?n ; rdf:subject ?m . BIND(false AS ?out) }\n"
        "  ?e rdf:predicate ?p ; biolink:id ?edge_id .\n"
        f"  FILTER(?p IN ({_predicate_iris(tier)}))\n"
        "  ?m biolink:id ?other .\n"
        "}"
    )


def sparql_details_query(edges: Sequence[str]) -> str:
    return _PREFIXES + (
        "SELECT ?edge_id ?p ?subject ?object ?sign ?belief ?papers ?sentence ?source ?sources\n"
        "       ?publications\n"
        "       ?subject_name ?subject_category ?object_name ?object_category WHERE {\n"
        f"  VALUES ?edge_id {{ {_literals(edges)} }}\n"
        "  ?e biolink:id ?edge_id ; a biolink:Association ; rdf:predicate ?p ;\n"
        "     rdf:subject ?s ; rdf:object ?o .\n"
        "  ?s biolink:id ?subject . ?o biolink:id ?object .\n"
        "  OPTIONAL { ?s biolink:name ?subject_name }\n"
        "  OPTIONAL { ?o biolink:name ?object_name }\n"
        "  OPTIONAL { ?s biolink:category ?sc }\n"
        "  OPTIONAL { ?o biolink:category ?oc }\n"
        "  BIND(CONCAT('biolink:', STRAFTER(STR(?sc), STR(biolink:))) AS ?subject_category)\n"
        "  BIND(CONCAT('biolink:', STRAFTER(STR(?oc), STR(biolink:))) AS ?object_category)\n"
        "  OPTIONAL { ?e irkgv:sign ?sign }\n"
        "  OPTIONAL { ?e irkgv:belief ?belief }\n"
        "  OPTIONAL { ?e irkgv:paper_count ?papers }\n"
        "  OPTIONAL { ?e irkgv:best_sentence ?sentence }\n"
        "  OPTIONAL { ?e biolink:primary_knowledge_source ?source }\n"
        "  OPTIONAL { ?e irkgv:sources ?sources }\n"
        "  OPTIONAL { ?e biolink:publications ?publications }\n"
        "}"
    )


Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Engine:
    """How one store runs a level of the search and fetches edge details."""

    level: Callable[[Sequence[Any]], Rows]
    details: Callable[[Sequence[Any], Sequence[Any]], Rows]  # (node handles, edge handles)
    handles: Callable[[Sequence[str]], dict[str, Any]] | None = None  # None: handle = CURIE


def engine_of(store: QueryStore, tier: str = "association") -> Engine:
    """How ``store`` runs the search over the relationship types of ``tier``."""
    from kg.loaders.rdf import BIOLINK

    if store.language == "cypher":
        internal = store.name == "embedded"
        level = cypher_level_query(tier, internal=internal)
        details = cypher_details_query(internal=internal)

        def handles(ids: Sequence[str]) -> dict[str, Any]:
            rows = store.run(cypher_handles_query(), {"ids": list(ids)})[1]
            return {row["id"]: row["handle"] for row in rows}

        return Engine(
            lambda ids: store.run(level, {"ids": list(ids)})[1],
            lambda ids, edges: store.run(details, {"ids": list(ids), "edges": list(edges)})[1],
            handles if internal else None,
        )

    def sparql_details(_ids: Sequence[str], edges: Sequence[str]) -> Rows:
        rows = store.run(sparql_details_query(edges))[1]
        for row in rows:
            row["type"] = row.pop("p").removeprefix(BIOLINK).upper()
            row["id"], row["subject_handle"] = row["edge_id"], row["subject"]
            row["object_handle"] = row["object"]
        return rows

    return Engine(lambda ids: store.run(sparql_level_query(ids, tier))[1], sparql_details)


# --------------------------------------------------------------------------- the search

Hop = tuple[Any, Any]  # (the node it came from, the edge): handles


@dataclass
class _Side:
    """One side of the search: distances, and for each node the edges it was reached by."""

    depth: dict[Any, int]
    via: dict[Any, list[Hop]]
    frontier: list[Any]
    level: int = 0

    def expand(self, level: Callable[[Sequence[Any]], Rows]) -> None:
        found: list[Any] = []
        self.level += 1
        for start in range(0, len(self.frontier), FRONTIER_BATCH):
            for row in level(self.frontier[start : start + FRONTIER_BATCH]):
                other = row["other"]
                seen = self.depth.get(other)
                if seen is None:
                    self.depth[other] = self.level
                    self.via[other] = [(row["node"], row["edge_id"])]
                    found.append(other)
                elif seen == self.level:
                    self.via[other].append((row["node"], row["edge_id"]))
        self.frontier = found


def shortest_paths(
    store: QueryStore,
    source: str,
    goals: Sequence[str],
    max_hops: int,
    about: dict[str, tuple[Any, Any]] | None = None,
    tier: str = "association",
) -> list[RawPath]:
    """All shortest paths (at most ``max_hops`` steps) from ``source`` to its nearest goals,
    over the relationship types of ``tier`` (``walk_types``).

    ``about`` may give (name, category) of the source and goals; the others are fetched.
    """
    check_hops(max_hops)
    goals = sorted(set(goals) - {source})
    if not goals:
        return []
    engine = engine_of(store, tier)
    curie: dict[Any, str] = {}  # handle -> CURIE, where the store walks its own handles
    if engine.handles is not None:
        handle = engine.handles([source, *goals])
        if source not in handle:
            return []
        curie = {h: c for c, h in handle.items()}
        source, goals = handle[source], [handle[g] for g in goals if g in handle]
        if not goals:
            return []
    forward = _Side({source: 0}, {}, [source])
    backward = _Side(dict.fromkeys(goals, 0), {}, list(goals))
    while True:
        if forward.level + backward.level >= max_hops or not (
            forward.frontier and backward.frontier
        ):
            return []
        side, other = (
            (forward, backward)
            if len(forward.frontier) <= len(backward.frontier)
            else (backward, forward)
        )
        side.expand(engine.level)
        if any(n in other.depth for n in side.frontier):
            break
    met = [n for n in forward.depth if n in backward.depth]
    length = min(forward.depth[n] + backward.depth[n] for n in met)
    cut = min(forward.level, length)  # every shortest path has its cut-th node on both sides
    middle = sorted(n for n in met if forward.depth[n] == cut and backward.depth[n] == length - cut)
    walks: list[tuple[list[Any], list[Any]]] = []
    for node in middle:
        for head_nodes, head_edges in _walk(node, forward.via, source):
            for tail_nodes, tail_edges in _walk(node, backward.via, None):
                walks.append(
                    (
                        [*head_nodes, *reversed(tail_nodes[:-1])],
                        [*head_edges, *reversed(tail_edges)],
                    )
                )
                if len(walks) >= MAX_PATHS:
                    break
    return _with_details(engine, walks, dict(about or {}), curie)


def _with_details(
    engine: Engine,
    walks: list[tuple[list[Any], list[Any]]],
    about: dict[str, tuple[Any, Any]],
    curie: dict[Any, str],
) -> list[RawPath]:
    """The walks (node and edge handles) as ``RawPath``s, with each edge's properties and each
    node's CURIE and name."""
    if not walks:
        return []
    nodes = sorted({n for path, _ in walks for n in path})
    edge_ids = sorted({e for _, edges in walks for e in edges})
    edges: dict[Any, RawEdge] = {}
    references: dict[Any, set[str]] = {}  # SPARQL: one row per source x publication
    for start in range(0, len(nodes), FRONTIER_BATCH):
        for row in engine.details(nodes[start : start + FRONTIER_BATCH], edge_ids):
            edges[row["edge_id"]] = _raw_edge(row)
            found = references.setdefault(row["edge_id"], set())
            for key in ("sources", "publications"):
                value = row.get(key)
                found.update([value] if isinstance(value, str) else value or ())
            curie[row["subject_handle"]] = row["subject"]
            curie[row["object_handle"]] = row["object"]
            about.setdefault(row["subject"], (row["subject_name"], row["subject_category"]))
            about.setdefault(row["object"], (row["object_name"], row["object_category"]))
    edges = {k: replace(e, references=tuple(sorted(references[k]))) for k, e in edges.items()}
    paths = []
    for path, walk_edges in walks:
        ids = tuple(curie.get(n, n) for n in path)
        paths.append(
            RawPath(
                ids,
                tuple(about.get(n, (None, None))[0] for n in ids),
                tuple(about.get(n, (None, None))[1] for n in ids),
                tuple(edges[e] for e in walk_edges),
            )
        )
    return paths


def _walk(
    node: Any, via: dict[Any, list[Hop]], end: Any | None
) -> Iterator[tuple[list[Any], list[Any]]]:
    """Every route from ``end`` (None: any node with no predecessor, i.e. a goal) to ``node``
    through a side's predecessor DAG, as (nodes from the start, edge ids)."""
    if node == end or (end is None and node not in via):
        yield [node], []
        return
    for prev, edge in via.get(node, ()):
        for nodes, edges in _walk(prev, via, end):
            yield [*nodes, node], [*edges, edge]


# --------------------------------------------------------------------------- the reference


def allshortest_query(max_hops: int, limit: int = MAX_PATHS) -> str:
    """One ``allShortestPaths`` search per goal (a pathway's members and itself), in the form
    FalkorDB and Neo4j both accept; the reference the tests compare the search with."""
    hops, limit = check_hops(max_hops), int(limit)
    return (
        "MATCH (a:NamedThing {id: $source}), (t:NamedThing {id: $target})\n"
        f"OPTIONAL MATCH (t)<-[:{MEMBERSHIP}]-(m:NamedThing)\n"
        "WITH a, t, collect(DISTINCT m) AS members\n"
        "UNWIND members + [t] AS g\n"
        "WITH DISTINCT a, g\n"
        "WHERE g <> a\n"
        f"MATCH p = allShortestPaths((a)-[:{'|'.join(walk_types())}*..{hops}]-(g))\n"
        "RETURN [n IN nodes(p) | n.id] AS nodes, [n IN nodes(p) | n.name] AS names,\n"
        "       [n IN nodes(p) | n.category] AS categories,\n"
        "       [r IN relationships(p) | {id: r.id, type: type(r), subject: startNode(r).id,\n"
        "        object: endNode(r).id, sign: r.sign, belief: r.belief,\n"
        "        papers: r.paper_count, sentence: r.best_sentence}] AS edges\n"
        f"LIMIT {limit}"
    )


def allshortest_paths(store: QueryStore, source: str, target: str, max_hops: int) -> list[RawPath]:
    """``allshortest_query`` on a Cypher store: the shortest paths to each goal."""
    _, rows = store.run(allshortest_query(max_hops), {"source": source, "target": target})
    return [
        RawPath(
            tuple(row["nodes"]),
            tuple(row["names"]),
            tuple(row["categories"]),
            tuple(_raw_edge(e) for e in row["edges"]),
        )
        for row in rows
    ]
