"""The Cypher that writes irkg's graph: generated here once, run unchanged by every Cypher store.

FalkorDB (embedded) and Neo4j (Bolt) execute exactly these strings, so the tests that run them on
FalkorDB also test what Neo4j receives. Each statement is in the subset both engines accept,
checked against FalkorDB 4.16 and the Neo4j 5 Cypher manual:

* Labels and relationship types come only from the closed schema (``kg.schema``) and are checked
  against an identifier pattern before they enter a statement; every value is a ``$param``.
* Nodes are merged on the root label only (``MERGE (n:NamedThing {id: row.id})``) and category
  labels are added with a static ``SET n:Gene``: neither engine accepts a label as a parameter in
  the versions we support (``SET n:$(label)`` is Neo4j 5.26+ only), so there is one statement per
  category, chosen from the schema.
* Relationships are merged on ``id`` between matched endpoints, one statement per type
  (types cannot be parameters either).
* Indexes use the unnamed ``CREATE INDEX FOR (n:L) ON (n.p)`` form: FalkorDB rejects index
  names and ``IF NOT EXISTS``, and both engines raise on a duplicate, which the writers treat as
  "already there". Uniqueness constraints have no common syntax (Neo4j: ``CREATE CONSTRAINT``,
  FalkorDB: the ``GRAPH.CONSTRAINT`` command), so each writer adds its own.
* Every write statement returns ``count(*) AS written`` so a row that matched nothing (an edge
  whose endpoint is missing) is noticed and reported, never dropped silently.

The properties themselves (names, order, types, what is left out) are defined once in
``kg.loaders.properties``.

Read queries (``queries/``) meet more differences; these were checked on FalkorDB 4.16.3:
``EXISTS { … }``, ``COUNT { … }``, pattern predicates ``exists((n)-->())`` and pattern
comprehensions in ``WHERE`` are refused (use ``OPTIONAL MATCH`` + ``count`` or a second
``MATCH``); ``=~`` is refused (use ``toLower(…) CONTAINS``/``STARTS WITH``); ``shortestPath``
is refused inside ``MATCH`` and undirected in ``RETURN``, while
``MATCH (a …), (b …) WITH a, b MATCH p = allShortestPaths((a)-[*..k]-(b))`` works on both;
``reduce`` over ``collect(…)`` in one ``RETURN`` is refused (aggregate in a ``WITH`` first);
doubles come back rounded to 15 significant digits; ``CALL db.indexes()`` /
``db.constraints()`` replace Neo4j's ``SHOW INDEXES`` / ``SHOW CONSTRAINTS``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from kg.loaders.properties import edge_props, evidence_props, node_props
from kg.model import Edge, Evidence, Node
from kg.schema import Schema, load_schema

GRAPH_NAME = "irkg"
EVIDENCE_LABEL = "Evidence"

_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def _identifier(name: str) -> str:
    """A label, type or property name that is safe to place in a statement (else ValueError)."""
    if not _IDENTIFIER.match(name):
        raise ValueError(f"not a Cypher identifier from the schema: {name!r}")
    return name


# --------------------------------------------------------------------------- schema statements


@dataclass(frozen=True)
class IndexSpec:
    """One property index: on a node label or, with ``relationship``, a relationship type."""

    label: str
    property: str
    relationship: bool = False

    @property
    def statement(self) -> str:
        label, prop = _identifier(self.label), _identifier(self.property)
        if self.relationship:
            return f"CREATE INDEX FOR ()-[r:{label}]-() ON (r.{prop})"
        return f"CREATE INDEX FOR (n:{label}) ON (n.{prop})"


def node_labels(schema: Schema | None = None) -> tuple[str, ...]:
    """Every label a NamedThing node can carry: the root label first, then category labels."""
    schema = schema or load_schema()
    labels = [schema.root_label]
    for category in schema.categories.values():
        labels.extend(label for label in category.labels if label not in labels)
    return tuple(labels)


def relationship_types(schema: Schema | None = None) -> tuple[str, ...]:
    schema = schema or load_schema()
    return tuple(p.type for p in schema.predicates.values())


def index_specs(schema: Schema | None = None) -> tuple[IndexSpec, ...]:
    """Indexes on id and name for every node label, and on Evidence ``id`` and ``edge_id``.

    No relationship-property indexes: edges are reached from their (indexed) endpoints or, by
    id, through ``Evidence.edge_id``. On a 1M-edge graph, ``id`` indexes on the relationship
    types cost FalkorDB ~17 s of every load and tripled the time to reopen a snapshot (its
    indexes are rebuilt on load), for lookups no query needs.
    """
    schema = schema or load_schema()
    specs = [IndexSpec(label, prop) for label in node_labels(schema) for prop in ("id", "name")]
    specs += [IndexSpec(EVIDENCE_LABEL, "id"), IndexSpec(EVIDENCE_LABEL, "edge_id")]
    return tuple(specs)


def index_statements(schema: Schema | None = None) -> tuple[str, ...]:
    return tuple(spec.statement for spec in index_specs(schema))


# Labels whose ``id`` is unique; each writer enforces it with its engine's own command.
UNIQUE_IDS: tuple[str, ...] = ("NamedThing", EVIDENCE_LABEL)


# --------------------------------------------------------------------------- write statements


@cache
def node_statement(labels: tuple[str, ...]) -> str:
    """Merge nodes on the root label and id, add the category labels, set the properties."""
    root, *extra = (_identifier(label) for label in labels)
    add = f" SET n:{':'.join(extra)}" if extra else ""
    return (
        f"UNWIND $rows AS row MERGE (n:{root} {{id: row.id}}){add} "
        "SET n += row.props RETURN count(n) AS written"
    )


@cache
def edge_statement(rel_type: str, root_label: str = "NamedThing") -> str:
    """Merge relationships of one type on their id between endpoints matched by id."""
    rel, root = _identifier(rel_type), _identifier(root_label)
    return (
        f"UNWIND $rows AS row MATCH (s:{root} {{id: row.subject}}) "
        f"MATCH (o:{root} {{id: row.object}}) "
        f"MERGE (s)-[r:{rel} {{id: row.id}}]->(o) SET r += row.props RETURN count(r) AS written"
    )


EVIDENCE_STATEMENT = (
    f"UNWIND $rows AS row MERGE (e:{EVIDENCE_LABEL} {{id: row.id}}) "
    "SET e += row.props RETURN count(e) AS written"
)

# Which of a batch's endpoint ids are not in the graph (to name them when an edge cannot land).
MISSING_NODES_STATEMENT = (
    "UNWIND $ids AS id OPTIONAL MATCH (n:NamedThing {id: id}) WITH id, n WHERE n IS NULL RETURN id"
)

COUNT_NODES_BY_LABEL = "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n"
COUNT_EDGES_BY_TYPE = "MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n"


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class Write:
    """One row for one statement: what a Cypher writer batches and sends."""

    statement: str
    row: dict[str, Any]


def node_writes(nodes: Iterable[Node], schema: Schema | None = None) -> Iterator[Write]:
    schema = schema or load_schema()
    for node in nodes:
        statement = node_statement(schema.labels(node.category))
        yield Write(statement, {"id": node.id, "props": node_props(node)})


def edge_writes(edges: Iterable[Edge], schema: Schema | None = None) -> Iterator[Write]:
    schema = schema or load_schema()
    for edge in edges:
        statement = edge_statement(schema.relationship_type(edge.predicate), schema.root_label)
        row = {"id": edge.id, "subject": edge.subject, "object": edge.object}
        yield Write(statement, {**row, "props": edge_props(edge)})


def evidence_writes(evidence: Iterable[Evidence]) -> Iterator[Write]:
    for ev in evidence:
        if not ev.id or not ev.edge_id:
            raise ValueError(
                f"evidence row without id/edge_id (doc {ev.doc_id}); assemble sets both"
            )
        yield Write(EVIDENCE_STATEMENT, {"id": ev.id, "props": evidence_props(ev)})


def row_size(row: dict[str, Any]) -> int:
    """Approximate bytes a row takes on the wire (its JSON length, UTF-8)."""
    return len(json.dumps(row, ensure_ascii=False).encode("utf-8"))


def batches(writes: Iterable[Write], max_bytes: int) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """Group rows by statement into batches of at most ``max_bytes`` (one row always fits).

    Rows wait in one buffer per statement; a full buffer is sent at once, the rest at the end,
    so memory stays bounded by ``max_bytes`` times the number of statements.
    """
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, got {max_bytes}")
    buffers: dict[str, list[dict[str, Any]]] = {}
    sizes: dict[str, int] = {}
    for write in writes:
        size = row_size(write.row)
        buffer = buffers.setdefault(write.statement, [])
        if buffer and sizes[write.statement] + size > max_bytes:
            yield write.statement, buffer
            buffer = buffers[write.statement] = []
            sizes[write.statement] = 0
        buffer.append(write.row)
        sizes[write.statement] = sizes.get(write.statement, 0) + size
    for statement, buffer in buffers.items():
        if buffer:
            yield statement, buffer
