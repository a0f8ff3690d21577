"""Building curated edges with content-hash ids, and merging the ones that say the same thing.

Two curated sources may state the same edge (the curated orthology table and the lexicon's
HGNC pairs; one drug -> target pair on several DrugCentral rows). The edge id is a hash of
subject, predicate, object and qualifiers (``kg.ids.edge_id``), so "the same thing" means "the
same id". The merge policy is declared here and nowhere else: sources, publications and
licences are unioned (sorted, so the result does not depend on input order), every other field
keeps the value of the first edge added, and every merge is counted so the report can show it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from kg.ids import edge_id
from kg.model import AgentType, Edge, KnowledgeLevel, Qualifiers


def curated_edge(
    subject: str,
    predicate: str,
    object: str,
    qualifiers: Qualifiers | None = None,
    *,
    sources: Iterable[str],
    license: str,
    primary_source: str,
    publications: Iterable[str] = (),
    knowledge_level: KnowledgeLevel = KnowledgeLevel.KNOWLEDGE_ASSERTION,
    agent_type: AgentType = AgentType.MANUAL_AGENT,
) -> Edge:
    """An edge from a curated source; its id is the content hash of what it states."""
    q = qualifiers or Qualifiers()
    source_list = tuple(sorted(set(sources)))
    if not source_list:
        raise ValueError(f"curated edge {subject} {predicate} {object} needs a source")
    if not license:
        raise ValueError(f"curated edge {subject} {predicate} {object} needs a licence")
    return Edge(
        id=edge_id(subject, predicate, object, q),
        subject=subject,
        predicate=predicate,
        object=object,
        qualifiers=q,
        knowledge_level=knowledge_level,
        agent_type=agent_type,
        primary_source=primary_source,
        sources=source_list,
        license=license,
        publications=tuple(sorted(set(publications))),
    )


def _union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(set(a) | set(b)))


def _licence_union(a: str, b: str) -> str:
    parts = {p.strip() for text in (a, b) for p in text.split(" AND ") if p.strip()}
    return " AND ".join(sorted(parts))


class EdgeSet:
    """Edges keyed by id; ``add`` merges an edge whose id is already present."""

    def __init__(self) -> None:
        self._edges: dict[str, Edge] = {}
        self.merged: Counter[str] = Counter()  # merges per predicate

    def add(self, edge: Edge) -> None:
        old = self._edges.get(edge.id)
        if old is None:
            self._edges[edge.id] = edge
            return
        self.merged[edge.predicate] += 1
        self._edges[edge.id] = replace(
            old,
            sources=_union(old.sources, edge.sources),
            publications=_union(old.publications, edge.publications),
            license=_licence_union(old.license, edge.license),
        )

    def update(self, edges: Iterable[Edge]) -> None:
        for edge in edges:
            self.add(edge)

    def __len__(self) -> int:
        return len(self._edges)

    def __contains__(self, edge_id: object) -> bool:
        return edge_id in self._edges

    def edges(self) -> tuple[Edge, ...]:
        """All edges sorted by id (the canonical table order)."""
        return tuple(self._edges[k] for k in sorted(self._edges))
