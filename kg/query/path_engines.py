"""How each store answers the path search's questions (``kg.query.path_queries``).

``engine_of(store)`` gives a ``PathEngine``: FalkorDB walks its internal node ids, Neo4j the
``id`` property (``CypherEngine``), Oxigraph the nodes' IRIs (``SparqlEngine``). A handle is
whatever the store walks; the search (``kg.query.path_search``) never looks inside one, and
maps handles back to CURIEs from the rows of the edges it shows. Every question is batched
(``BATCH`` values a query), and every value travels as a parameter.

``allshortest_query`` is the reference the tests compare the search with: one
``allShortestPaths`` per goal, the form DESIGN.md names and both FalkorDB and Neo4j accept. It
is not what the product runs: it needs one search per goal, and a pathway has one goal per
member; on the 50k-edge synthetic build it took 2.6-5 s per drug -> pathway question on
FalkorDB, where the search takes milliseconds.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from kg.query import path_queries as q
from kg.query.path_types import MAX_PATHS, MEMBERSHIP, check_hops, walk_types
from kg.query.stores import QueryStore

BATCH = 1024  # values per query
UNION_BATCH = 128  # nodes per SPARQL union of statement lookups (two blocks each)

Handle = Hashable
Rows = list[dict[str, Any]]


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


def raw_edge(data: dict[str, Any], references: tuple[str, ...] = ()) -> RawEdge:
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
        references=references,
    )


class PathEngine(Protocol):
    """The questions the search asks (``kg.query.path_queries`` says what each answers)."""

    def handles(self, ids: Sequence[str]) -> dict[str, Handle]: ...
    def members(self, pathway: str) -> dict[str, Handle]: ...
    def level(self, nodes: Sequence[Handle], tier: str) -> Iterator[tuple[Handle, list]]: ...
    def degrees(self, nodes: Sequence[Handle], tier: str) -> dict[Handle, int]: ...
    def edges(
        self, pairs: Sequence[tuple[Handle, Handle]], tier: str, sizes: dict[Handle, int]
    ) -> Rows: ...
    def positions(self, pathway: str, members: dict[str, Handle]) -> dict[str, int | None]: ...


def engine_of(store: QueryStore) -> PathEngine:
    if store.language == "cypher":
        return CypherEngine(store, internal=store.name == "embedded")
    return SparqlEngine(store)


def _batches(values: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), BATCH):
        yield values[start : start + BATCH]


class CypherEngine:
    """FalkorDB (``internal``: handles are ``id(n)``) and Neo4j (handles are CURIEs)."""

    def __init__(self, store: QueryStore, *, internal: bool) -> None:
        self.store, self.internal = store, internal

    def _rows(self, text: str, params: dict[str, Any]) -> Rows:
        return self.store.run(text, params)[1]

    def handles(self, ids: Sequence[str]) -> dict[str, Handle]:
        if not self.internal:
            return {i: i for i in ids}
        return {
            row["id"]: row["handle"]
            for batch in _batches(list(ids))
            for row in self._rows(q.cypher_handles_query(), {"ids": list(batch)})
        }

    def members(self, pathway: str) -> dict[str, Handle]:
        rows = self._rows(q.cypher_members_query(internal=self.internal), {"pathway": pathway})
        return {row["id"]: row["handle"] for row in rows}

    def level(self, nodes: Sequence[Handle], tier: str) -> Iterator[tuple[Handle, list]]:
        text = q.cypher_level_query(tier, internal=self.internal)
        for batch in _batches(nodes):
            for row in self._rows(text, {"ids": list(batch)}):
                yield row["node"], row["others"]

    def degrees(self, nodes: Sequence[Handle], tier: str) -> dict[Handle, int]:
        text = q.cypher_degree_query(tier, internal=self.internal)
        return {
            row["node"]: row["degree"]
            for batch in _batches(nodes)
            for row in self._rows(text, {"ids": list(batch)})
        }

    def edges(
        self, pairs: Sequence[tuple[Handle, Handle]], tier: str, sizes: dict[Handle, int]
    ) -> Rows:
        """Both directions of each pair (``sizes`` is not needed: FalkorDB and Neo4j find both
        ends, then check for edges between them)."""
        text = q.cypher_edges_query(tier, internal=self.internal)
        both = [[a, b] for pair in pairs for a, b in (pair, pair[::-1])]
        return [row for batch in _batches(both) for row in self._rows(text, {"pairs": batch})]

    def positions(self, pathway: str, members: dict[str, Handle]) -> dict[str, int | None]:
        curie = {h: c for c, h in members.items()}
        text = q.cypher_positions_query(internal=self.internal)
        rows = self._rows(text, {"ids": list(curie), "pathway": pathway}) if curie else []
        return {curie[row["handle"]]: row["position"] for row in rows}


class SparqlEngine:
    """Oxigraph: handles are the nodes' IRIs."""

    def __init__(self, store: QueryStore) -> None:
        self.store = store

    def _rows(self, text: str) -> Rows:
        return self.store.run(text)[1]

    def handles(self, ids: Sequence[str]) -> dict[str, Handle]:
        return {
            row["id"]: row["handle"]
            for batch in _batches(list(ids))
            for row in self._rows(q.sparql_handles_query(batch))
        }

    def members(self, pathway: str) -> dict[str, Handle]:
        return {row["id"]: row["handle"] for row in self._rows(q.sparql_members_query(pathway))}

    def level(self, nodes: Sequence[Handle], tier: str) -> Iterator[tuple[Handle, list]]:
        for batch in _batches(nodes):
            for row in self._rows(q.sparql_level_query(batch, tier)):
                yield row["node"], q.as_list(row["others"])

    def degrees(self, nodes: Sequence[Handle], tier: str) -> dict[Handle, int]:
        return {
            row["node"]: row["degree"]
            for batch in _batches(nodes)
            for row in self._rows(q.sparql_degree_query(batch, tier))
        }

    def edges(
        self, pairs: Sequence[tuple[Handle, Handle]], tier: str, sizes: dict[Handle, int]
    ) -> Rows:
        """The edges between each pair, either way, read from the end with fewer neighbours
        (``sizes``: the neighbour counts the search saw; the others are counted here)."""
        from kg.loaders.rdf import BIOLINK

        unknown = sorted({n for pair in pairs for n in pair if n not in sizes}, key=str)
        sizes = {**sizes, **self.degrees(unknown, tier)}
        ends: dict[Any, list[Any]] = {}
        for a, b in pairs:
            small, big = sorted((a, b), key=lambda n: (sizes.get(n, 0), str(n)))
            ends.setdefault(small, []).append(big)
        starts = list(ends.items())
        found = sorted(
            {
                row["e"]
                for begin in range(0, len(starts), UNION_BATCH)
                for row in self._rows(
                    q.sparql_statements_query(dict(starts[begin : begin + UNION_BATCH]))
                )
            }
        )
        rows = [
            row
            for batch in _batches(found)
            for row in self._rows(q.sparql_edges_query(batch, tier))
        ]
        for row in rows:
            row["type"] = row.pop("p").removeprefix(BIOLINK).upper()
        return rows

    def positions(self, pathway: str, members: dict[str, Handle]) -> dict[str, int | None]:
        curie = {h: c for c, h in members.items()}
        rows = self._rows(q.sparql_positions_query(pathway, list(curie))) if curie else []
        return {curie[row["handle"]]: row["position"] for row in rows}


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
            tuple(raw_edge(e) for e in row["edges"]),
        )
        for row in rows
    ]
