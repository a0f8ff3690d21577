"""Every shortest path from one entity to the nearest of a set of goals, alike on every store.

**What is searched.** From the source, over the relationship types of a tier (``walk_types``),
to the goals (a pathway's members and the pathway itself): all shortest paths to the nearest
goals, at most ``max_hops`` steps, edge-distinct (two edges between the same pair make two
paths), at most ``MAX_PATHS`` of them (``PathSearch.truncated`` says when there were more).

**How.** A bidirectional breadth-first search over *nodes*: one side grows from the source,
the other from all goals at once, one full level per query (``PathEngine.level``: each frontier
node's distinct neighbours), until the sides meet. The side that grows is the one whose frontier
has fewer edges (``PathEngine.degrees``, a count): a drug two steps from a hub (a node linked to
thousands, such as a radiotherapy regimen) would otherwise read the hub's thousands of
neighbours, where the pathway's side reads a few hundred. Which side grows never changes what
is found, only what is read.
The shortest node paths are read out of the two predecessor DAGs; then the edges between
consecutive nodes of those paths are fetched with their evidence (``PathEngine.edges``), and
each node path becomes one path per choice of parallel edge. A path's length in edges is its
length in nodes minus one, so this finds exactly the shortest edge paths a search over edges
would, while a level reads one row per node instead of one per edge.

Nodes and edges are the store's handles (``kg.query.path_engines``); CURIEs, names and
categories come from the rows of the edges shown. The same code therefore gives the same paths
on every store; the tests compare it with one ``allShortestPaths`` query per goal.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from kg.query.path_engines import Handle, PathEngine, RawPath, engine_of, raw_edge
from kg.query.path_types import MAX_PATHS, check_hops
from kg.query.stores import QueryStore


@dataclass
class _Side:
    """One side of the search: distances, and for each node the nodes it was reached from."""

    depth: dict[Handle, int]
    via: dict[Handle, list[Handle]]
    frontier: list[Handle]
    sizes: dict[Handle, int]  # node -> its number of edges, where counted
    level: int = 0

    def cost(self) -> int:
        """How many edges expanding the frontier reads: the sum of its nodes' degrees."""
        return sum(self.sizes[n] for n in self.frontier)

    def expand(self, engine: PathEngine, tier: str) -> None:
        found: list[Handle] = []
        self.level += 1
        depth, via, level = self.depth, self.via, self.level
        for node, others in engine.level(self.frontier, tier):
            for other in others:
                seen = depth.get(other)
                if seen is None:
                    depth[other] = level
                    via[other] = [node]
                    found.append(other)
                elif seen == level:
                    via[other].append(node)
        self.frontier = found


def shortest_paths(
    store: QueryStore,
    source: str,
    goals: Sequence[str],
    max_hops: int,
    tier: str = "association",
    *,
    engine: PathEngine | None = None,
    handles: dict[str, Handle] | None = None,
    limit: int = MAX_PATHS,
) -> list[RawPath]:
    """All shortest paths (at most ``max_hops`` steps) from ``source`` to its nearest goals,
    over the relationship types of ``tier`` (``walk_types``), at most ``limit`` of them (a
    result of ``limit`` paths may be cut short).

    ``engine`` and ``handles`` (the handles of the source and goals) may be given by a caller
    that searches twice (both tiers), so they are looked up once.
    """
    if limit < 1:
        raise ValueError(f"limit must be >= 1, got {limit}")
    check_hops(max_hops)
    goals = sorted(set(goals) - {source})
    if not goals:
        return []
    engine = engine or engine_of(store)
    handle = handles if handles is not None else engine.handles([source, *goals])
    if source not in handle:
        return []
    start = handle[source]
    ends = sorted({handle[g] for g in goals if g in handle} - {start}, key=str)
    if not ends:
        return []
    sizes: dict[Handle, int] = {}
    forward = _Side({start: 0}, {}, [start], sizes)
    backward = _Side(dict.fromkeys(ends, 0), {}, list(ends), sizes)
    while True:
        if forward.level + backward.level >= max_hops or not (
            forward.frontier and backward.frontier
        ):
            return []
        unknown = [n for n in (*forward.frontier, *backward.frontier) if n not in sizes]
        if unknown:  # both sides' at the start, then the side that grew: one count a level
            degrees = engine.degrees(unknown, tier)
            sizes.update({n: degrees.get(n, 0) for n in unknown})
        costs = (forward.cost(), backward.cost())
        if not all(costs):  # a side with no edges to walk never meets the other
            return []
        side, other = (forward, backward) if costs[0] <= costs[1] else (backward, forward)
        side.expand(engine, tier)
        if any(n in other.depth for n in side.frontier):
            break
    met = [n for n in side.frontier if n in other.depth]
    length = min(forward.depth[n] + backward.depth[n] for n in met)
    cut = forward.level  # every shortest path has its cut-th node on both sides
    middle = [n for n in met if forward.depth[n] == cut and backward.depth[n] == length - cut]
    routes = itertools.islice(_routes(middle, forward.via, backward.via, start), limit)
    return _with_edges(engine, list(routes), tier, sizes, limit)


def _routes(
    middle: list[Handle], head: dict[Handle, list[Handle]], tail: dict[Handle, list[Handle]],
    start: Handle,
) -> Iterator[tuple[Handle, ...]]:  # fmt: skip
    """Every node path source -> middle node -> goal through the two predecessor DAGs."""
    for node in middle:
        for head_nodes in _walk(node, head, start):
            for tail_nodes in _walk(node, tail, None):
                yield (*head_nodes, *reversed(tail_nodes[:-1]))


def _walk(node: Handle, via: dict[Handle, list[Handle]], end: Handle | None) -> Iterator[list]:
    """Every route from ``end`` (None: any node with no predecessor, i.e. a goal) to ``node``
    through a side's predecessor DAG, as nodes from the start."""
    if node == end or (end is None and node not in via):
        yield [node]
        return
    for prev in via.get(node, ()):
        for nodes in _walk(prev, via, end):
            yield [*nodes, node]


def _with_edges(
    engine: PathEngine,
    routes: list[tuple[Handle, ...]],
    tier: str,
    sizes: dict[Handle, int],
    limit: int,
) -> list[RawPath]:
    """Each node path as one ``RawPath`` per choice of edge between consecutive nodes (edges of
    the tier, either direction), with each edge's evidence and each node's CURIE and name."""
    if not routes:
        return []
    steps = {frozenset(step) for route in routes for step in itertools.pairwise(route)}
    pairs = sorted((tuple(step) for step in steps), key=str)
    rows: dict[str, dict[str, Any]] = {}
    references: dict[str, set[str]] = {}  # SPARQL: one row per source x publication
    between: dict[tuple[Handle, Handle], set[str]] = {}
    about: dict[Handle, tuple[str, Any, Any]] = {}  # handle -> (CURIE, name, category)
    for row in engine.edges(pairs, tier, sizes):
        rows.setdefault(row["id"], row)
        found = references.setdefault(row["id"], set())
        for key in ("sources", "publications"):
            value = row.get(key)
            found.update([value] if isinstance(value, str) else value or ())
        a, b = row["subject_handle"], row["object_handle"]
        between.setdefault((a, b), set()).add(row["id"])
        between.setdefault((b, a), set()).add(row["id"])
        about.setdefault(a, (row["subject"], row["subject_name"], row["subject_category"]))
        about.setdefault(b, (row["object"], row["object_name"], row["object_category"]))
    edges = {k: raw_edge(row, tuple(sorted(references[k]))) for k, row in rows.items()}
    named = sorted(
        (tuple(about[n][0] for n in route), route)
        for route in routes
        if all(n in about for n in route)
    )  # by CURIE: the same order on every store. Past ``limit`` node routes (more shortest
    # routes than any answer shows) which routes reach this point follows the store's order.
    paths: list[RawPath] = []
    for ids, route in named:
        names = tuple(about[n][1] for n in route)
        categories = tuple(about[n][2] for n in route)
        choices = [sorted(between.get(step, ())) for step in itertools.pairwise(route)]
        for chosen in itertools.product(*choices):
            paths.append(RawPath(ids, names, categories, tuple(edges[e] for e in chosen)))
            if len(paths) >= limit:
                return paths
    return paths
