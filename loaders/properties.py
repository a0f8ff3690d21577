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


def _keep(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None and v != "" and v != []}


def node_props(node: Node) -> dict[str, Any]:
    return _keep(
        {
            "name": node.name,
            "category": node.category,
            "synonyms": list(node.synonyms),
            "taxon": node.taxon,
            "xrefs": list(node.xrefs),
            "sources": list(node.sources),
            "description": node.description,
        }
    )


def edge_props(edge: Edge) -> dict[str, Any]:
    q = edge.qualifiers
    return _keep(
        {
            "predicate": edge.predicate,
            "sign": int(q.sign),
            "direction": q.direction,
            "pathway": q.pathway,
            "step": q.step,
            "action": q.action,
            "regimen": q.regimen,
            "knowledge_level": edge.knowledge_level.value,
            "agent_type": edge.agent_type.value,
            "primary_source": edge.primary_source,
            "sources": list(edge.sources),
            "license": edge.license,
            "publications": list(edge.publications),
            "evidence_count": edge.evidence_count,
            "paper_count": edge.paper_count,
            "belief": float(edge.belief),
            "negated_count": edge.negated_count,
            "hedged_count": edge.hedged_count,
            "npmi": None if edge.npmi is None else float(edge.npmi),
            "best_sentence": edge.best_sentence,
        }
    )


def evidence_props(ev: Evidence) -> dict[str, Any]:
    return _keep(
        {
            "edge_id": ev.edge_id,
            "doc_id": ev.doc_id,
            "pmid": ev.pmid,
            "section": ev.section,
            "sentence": ev.sentence,
            "sentence_start": ev.sentence_start,
            "sentence_end": ev.sentence_end,
            "subject_start": ev.subject_start,
            "subject_end": ev.subject_end,
            "object_start": ev.object_start,
            "object_end": ev.object_end,
            "extractor": ev.extractor,
            "extractor_version": ev.extractor_version,
            "trigger": ev.trigger,
            "negated": ev.negated,
            "hedged": ev.hedged,
            "regimens": list(ev.regimens),
        }
    )
