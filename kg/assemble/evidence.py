"""Evidence records between annotate and the tables: binding to documents, ids, support.

``MergePolicy`` declares how much one sentence supports its edge; ``bind_evidence`` fills the
document fields a relation component may not know and orders symmetric predicates; evidence ids
hash the edge, document, sentence and spans, so the same sentence read twice has one id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from kg.ids import content_hash
from kg.model import Document, Evidence, Relation
from kg.nlp.relations import COMENTION, EXTRACTOR
from kg.nlp.triggers import INTERACTS, RELATED

SYMMETRIC = frozenset({RELATED, INTERACTS})


@dataclass(frozen=True)
class MergePolicy:
    """How evidence becomes edge attributes (the rules are listed in ``kg.assemble.merge``)."""

    priors: Mapping[str, float] = field(
        default_factory=lambda: MappingProxyType({COMENTION: 0.2, EXTRACTOR: 0.6})
    )
    default_prior: float = 0.5
    hedged_weight: float = 0.5
    examples: int = 20  # duplicates and problems listed by name in the report

    def __post_init__(self) -> None:
        for name, value in (*self.priors.items(), ("default_prior", self.default_prior)):
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"prior for {name} must be in [0, 1], got {value}")
        if not 0.0 <= self.hedged_weight <= 1.0:
            raise ValueError(f"hedged_weight must be in [0, 1], got {self.hedged_weight}")

    def support(self, evidence: Evidence) -> float:
        """How much one sentence supports its edge."""
        if evidence.negated:
            return 0.0
        prior = self.priors.get(evidence.extractor, self.default_prior)
        return prior * (self.hedged_weight if evidence.hedged else 1.0)


def bind_evidence(relation: Relation, document: Document) -> Relation:
    """Fill the document fields of a relation's evidence (id, PMID, section) where empty, and
    put symmetric predicates in sorted subject/object order (spans swapped with them)."""
    ev = relation.evidence
    if not (ev.doc_id and ev.section and (ev.pmid or not document.meta.pmid)):
        passage = document.passage_at(ev.sentence_start)
        ev = replace(
            ev,
            doc_id=ev.doc_id or document.id,
            pmid=ev.pmid or document.meta.pmid,
            section=ev.section or (passage.section if passage is not None else ""),
        )
    subject, object = relation.subject, relation.object
    if relation.predicate in SYMMETRIC and object < subject:
        subject, object = object, subject
        ev = replace(
            ev,
            subject_start=ev.object_start,
            subject_end=ev.object_end,
            object_start=ev.subject_start,
            object_end=ev.subject_end,
        )
    if ev is relation.evidence and subject == relation.subject:
        return relation
    return Relation(subject, relation.predicate, object, ev, relation.qualifiers)


def evidence_id(edge: str, ev: Evidence) -> str:
    return content_hash(
        edge,
        ev.doc_id,
        ev.sentence_start,
        ev.subject_start,
        ev.subject_end,
        ev.object_start,
        ev.object_end,
        ev.extractor,
    )


def best_evidence(sentences: Iterable[Evidence]) -> Evidence:
    """The sentence shown for an edge: asserted before hedged before negated, with a trigger,
    then the shortest (most to the point), then the earliest, for a stable choice."""
    return min(
        sentences,
        key=lambda e: (
            e.negated,
            e.hedged,
            e.trigger == "",
            len(e.sentence),
            e.pmid or "",
            e.doc_id,
            e.sentence_start,
        ),
    )
