"""The bidirectional search over neighbour lists, on an in-memory engine: it finds every
shortest edge path (parallel edges included) whichever side it grows, grows the side with fewer
edges, and reads edges only between the nodes of the paths found."""

from __future__ import annotations

import random
from collections import deque

import pytest

from kg.query.path_search import shortest_paths


class MemoryEngine:
    """A ``PathEngine`` over a list of (id, subject, object) edges; handles are the ids."""

    def __init__(self, edges: list[tuple[str, str, str]]) -> None:
        self.edges_ = edges
        self.neighbours: dict[str, set[str]] = {}
        for _, s, o in edges:
            self.neighbours.setdefault(s, set()).add(o)
            self.neighbours.setdefault(o, set()).add(s)
        self.levels: list[list[str]] = []  # the frontiers expanded, in order
        self.asked_pairs: list[tuple[str, str]] = []

    def handles(self, ids):
        return {i: i for i in ids}

    def members(self, pathway):
        return {}

    def level(self, nodes, tier):
        self.levels.append(list(nodes))
        for node in nodes:
            if node in self.neighbours:
                yield node, sorted(self.neighbours[node])

    def degrees(self, nodes, tier):
        return {n: sum(n in (s, o) for _, s, o in self.edges_) for n in nodes}

    def edges(self, pairs, tier, sizes):
        self.asked_pairs += pairs
        wanted = {frozenset(p) for p in pairs}
        return [
            {"id": i, "type": "AFFECTS", "subject": s, "object": o, "subject_handle": s,
             "object_handle": o, "subject_name": s, "subject_category": None,
             "object_name": o, "object_category": None}
            for i, s, o in self.edges_ if frozenset((s, o)) in wanted
        ]  # fmt: skip

    def positions(self, pathway, members):
        return {}


def brute_force(edges, source, goals, max_hops):
    """Every shortest edge path from source to the nearest goals, by plain BFS + enumeration."""
    adjacent: dict[str, list[tuple[str, str]]] = {}
    for i, s, o in edges:
        adjacent.setdefault(s, []).append((i, o))
        adjacent.setdefault(o, []).append((i, s))
    distance, queue = {source: 0}, deque([source])
    while queue:
        node = queue.popleft()
        for _, other in adjacent.get(node, ()):
            if other not in distance:
                distance[other] = distance[node] + 1
                queue.append(other)
    reached = [g for g in goals if g in distance and g != source]
    if not reached:
        return []
    length = min(distance[g] for g in reached)
    if length > max_hops:
        return []
    found = []

    def walk(node, nodes, ids):
        if len(ids) == length:
            if node in goals:
                found.append((tuple(nodes), ids))
            return
        for edge, other in adjacent.get(node, ()):
            if distance.get(other) == len(ids) + 1:
                walk(other, [*nodes, other], [*ids, edge])

    walk(source, [source], [])
    return sorted(found)


def _found(engine, source, goals, max_hops=4):
    paths = shortest_paths(None, source, goals, max_hops, engine=engine)  # type: ignore[arg-type]
    return sorted((p.nodes, [e.id for e in p.edges]) for p in paths)


def _random_graph(seed: int) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    nodes = [f"n{i}" for i in range(40)]
    edges = []
    for i in range(70):
        s, o = rng.sample(nodes, 2)
        if rng.random() < 0.3:  # a hub gets many edges
            s = "n0"
        edges.append((f"e{i}", s, o))
        if rng.random() < 0.1:  # a parallel edge: two paths through the same nodes
            edges.append((f"e{i}b", s, o))
    return edges


@pytest.mark.parametrize("seed", range(12))
def test_the_search_finds_every_shortest_path_a_brute_force_finds(seed):
    edges = _random_graph(seed)
    rng = random.Random(seed)
    source, *goals = rng.sample([f"n{i}" for i in range(1, 40)], 6)
    for max_hops in (1, 2, 3, 4):
        expected = [
            (nodes, list(ids)) for nodes, ids in brute_force(edges, source, goals, max_hops)
        ]
        assert _found(MemoryEngine(edges), source, goals, max_hops) == expected


def test_the_side_with_fewer_edges_grows_first():
    """source - hub - 50 leaves, and source - a - goal: the hub's side is never read."""
    edges = [("e0", "source", "hub"), ("e1", "source", "a"), ("e2", "a", "goal")]
    edges += [(f"h{i}", "hub", f"leaf{i}") for i in range(50)]
    engine = MemoryEngine(edges)
    assert _found(engine, "source", ["goal"]) == [(("source", "a", "goal"), ["e1", "e2"])]
    assert ["hub"] not in engine.levels and not any("hub" in level for level in engine.levels)
    assert {frozenset(p) for p in engine.asked_pairs} == {
        frozenset(("source", "a")),
        frozenset(("a", "goal")),
    }


def test_a_side_with_no_edges_ends_the_search_without_reading_a_level():
    engine = MemoryEngine([("e0", "a", "b")])
    assert _found(engine, "lonely", ["a"]) == []
    assert engine.levels == []


def test_parallel_edges_make_one_path_each():
    edges = [("e1", "s", "m"), ("e2", "m", "s"), ("e3", "m", "g")]
    assert _found(MemoryEngine(edges), "s", ["g"]) == [
        (("s", "m", "g"), ["e1", "e3"]),
        (("s", "m", "g"), ["e2", "e3"]),
    ]


def test_limit_caps_the_paths_read():
    """s - m0..m9 - g: ten shortest paths; a limit of three reads three, a limit of none is
    refused."""
    edges = [(f"a{i}", "s", f"m{i}") for i in range(10)]
    edges += [(f"b{i}", f"m{i}", "g") for i in range(10)]
    assert len(_found(MemoryEngine(edges), "s", ["g"])) == 10
    assert len(shortest_paths(None, "s", ["g"], 4, engine=MemoryEngine(edges), limit=3)) == 3
    with pytest.raises(ValueError, match="limit"):
        shortest_paths(None, "s", ["g"], 4, engine=MemoryEngine(edges), limit=0)
