"""What a tour of the graph prints first: its statistics, and one entity's card.

    stats = graph_stats(store)            # GraphStats: nodes per label, edges per type, evidence
    card = show_entity(store, "Keytruda") # EntityCard: the node, its properties, top neighbours

Both run canned queries (``graph_stats``, ``entity``, ``neighbours``), so they answer alike on
every store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.query.resolve import Entity, resolve_entity
from kg.query.run import QueryResult, run_query

if TYPE_CHECKING:
    from kg.lexicon import Lexicon
    from kg.query.resolve import Chooser
    from kg.query.stores import QueryStore


@dataclass(frozen=True)
class GraphStats:
    """Counts of the loaded graph; every entity counts once in ``entities`` and under each of
    its labels in ``nodes``."""

    nodes: dict[str, int]
    edges: dict[str, int]
    evidence: int

    @property
    def entities(self) -> int:
        return self.nodes.get("NamedThing", 0)

    @property
    def edge_total(self) -> int:
        return sum(self.edges.values())

    def describe(self) -> str:
        labels = ", ".join(
            f"{label} {n:,}"
            for label, n in sorted(self.nodes.items(), key=lambda kv: (-kv[1], kv[0]))
            if label != "NamedThing"
        )
        types = ", ".join(
            f"{t} {n:,}" for t, n in sorted(self.edges.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        return (
            f"{self.entities:,} entities ({labels})\n"
            f"{self.edge_total:,} edges ({types})\n"
            f"{self.evidence:,} evidence sentences"
        )


def graph_stats(store: QueryStore) -> GraphStats:
    nodes: dict[str, int] = {}
    edges: dict[str, int] = {}
    evidence = 0
    for row in run_query(store, "graph_stats").rows:
        if row["kind"] == "nodes":
            nodes[row["type"]] = int(row["count"])
        elif row["kind"] == "edges":
            edges[row["type"]] = int(row["count"])
        else:
            evidence += int(row["count"])
    return GraphStats(nodes, edges, evidence)


@dataclass(frozen=True)
class EntityCard:
    entity: Entity
    properties: dict[str, Any]
    neighbours: QueryResult


def show_entity(
    store: QueryStore,
    text: str,
    *,
    limit: int = 10,
    lexicon: Lexicon | None = None,
    choose: Chooser | None = None,
) -> EntityCard:
    """The entity ``text`` names (resolved like every entity argument), its stored properties,
    and its ``limit`` strongest neighbours with their evidence."""
    entity = resolve_entity(store, text, lexicon=lexicon, choose=choose)
    rows = run_query(store, "entity", {"entity": entity.id}, resolve=False).rows
    neighbours = run_query(store, "neighbours", {"entity": entity.id}, resolve=False)
    top = QueryResult(
        neighbours.columns, neighbours.rows[:limit], neighbours.query, neighbours.store,
        neighbours.seconds,
    )  # fmt: skip
    return EntityCard(entity, dict(rows[0]) if rows else {}, top)
