"""Which properties a node, edge and evidence record carries in every store, and their types.

One list per record kind, in a fixed order: the Cypher writers set these properties, the
FalkorDB bulk path encodes them in this order, the neo4j-admin CSV headers are typed from them,
and the RDF and KGX mappings name one term per entry. Values that say nothing (``None``, ``""``,
``[]``) are left out, so in every store "absent" means "empty"; numbers and booleans are always
kept (a sign of 0 or a count of 0 is information).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.assemble.tables import edge_row, evidence_row, node_row
from kg.model import Edge, Evidence, Node

STRING, STRINGS, LONG, DOUBLE, BOOLEAN = "string", "string[]", "long", "double", "boolean"


@dataclass(frozen=True)
class Prop:
    """A stored property: its name and its type in the neo4j-admin vocabulary."""

    name: str
    type: str

    @property
    def is_list(self) -> bool:
        return self.type == STRINGS


NODE_PROPS: tuple[Prop, ...] = (
    Prop("name", STRING),
    Prop("category", STRING),
    Prop("synonyms", STRINGS),
    Prop("taxon", STRING),
    Prop("xrefs", STRINGS),
    Prop("sources", STRINGS),
    Prop("description", STRING),
)

EDGE_PROPS: tuple[Prop, ...] = (
    Prop("predicate", STRING),
    Prop("sign", LONG),
    Prop("direction", STRING),
    Prop("pathway", STRING),
    Prop("step", LONG),
    Prop("action", STRING),
    Prop("regimen", STRING),
    Prop("knowledge_level", STRING),
    Prop("agent_type", STRING),
    Prop("primary_source", STRING),
    Prop("sources", STRINGS),
    Prop("license", STRING),
    Prop("publications", STRINGS),
    Prop("evidence_count", LONG),
    Prop("paper_count", LONG),
    Prop("belief", DOUBLE),
    Prop("negated_count", LONG),
    Prop("hedged_count", LONG),
    Prop("npmi", DOUBLE),
    Prop("best_sentence", STRING),
)

EVIDENCE_PROPS: tuple[Prop, ...] = (
    Prop("edge_id", STRING),
    Prop("doc_id", STRING),
    Prop("pmid", STRING),
    Prop("section", STRING),
    Prop("sentence", STRING),
    Prop("sentence_start", LONG),
    Prop("sentence_end", LONG),
    Prop("subject_start", LONG),
    Prop("subject_end", LONG),
    Prop("object_start", LONG),
    Prop("object_end", LONG),
    Prop("extractor", STRING),
    Prop("extractor_version", STRING),
    Prop("trigger", STRING),
    Prop("negated", BOOLEAN),
    Prop("hedged", BOOLEAN),
    Prop("regimens", STRINGS),
)


def _keep(values: dict[str, Any], drop: tuple[str, ...]) -> dict[str, Any]:
    return {
        k: v for k, v in values.items() if k not in drop and v is not None and v != "" and v != []
    }


def node_props(node: Node) -> dict[str, Any]:
    return _keep(node_row(node), ("id",))


def edge_props(edge: Edge) -> dict[str, Any]:
    row = edge_row(edge)
    row["direction"] = edge.qualifiers.direction
    row["belief"] = float(row["belief"])
    if row["npmi"] is not None:
        row["npmi"] = float(row["npmi"])
    return _keep(row, ("id", "subject", "object"))


def evidence_props(ev: Evidence) -> dict[str, Any]:
    return _keep(evidence_row(ev), ("id",))
