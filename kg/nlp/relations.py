"""Relations between normalised entities of one sentence, each with its evidence record.

Two extractors run over every sentence, and their output stays apart in the graph:

* **co-mention** (``irkg.comention``): every pair of distinct normalised entities in a sentence
  -> ``biolink:related_to`` (subject/object in sorted CURIE order: co-mention has no direction).
  Assemble counts these per pair across the corpus (sentences, documents, NPMI).
* **typed relations** (``irkg.relations``): the rules of ``kg.nlp.relation_rules`` read a trigger
  and a direction between two entities -> ``biolink:affects`` with a sign,
  ``biolink:physically_interacts_with`` or ``biolink:treats_or_applied_or_studied_to_treat``.

Every evidence carries negation and hedging flags (``kg.nlp.cues``) and the labels of the
radiotherapy regimens of its sentence (``kg.nlp.regimen``, which must run first).

Regimen rule: ``evidence.regimens`` lists every regimen of the sentence (``modality dose``
labels) for every relation. ``qualifiers.regimen`` (part of the edge's identity) is set only on
a treats edge whose subject is a chemical while the sentence names a radiotherapy modality,
i.e. "pembrolizumab with SBRT in NSCLC" gives pembrolizumab -treats[regimen=SBRT]-> NSCLC, so
drug-with-radiotherapy findings stay apart from drug-alone ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import product
from typing import TYPE_CHECKING

from kg.model import Document, EntityType, Evidence, Qualifiers, Regimen, Relation, Sign
from kg.nlp.cues import is_hedged, negation_in
from kg.nlp.regimen import regimen_label
from kg.nlp.relation_doc import register_extensions, sentences_with_entities
from kg.nlp.relation_rules import MASK, RuleMatch, loss_of, match_pair, modifies_a_head
from kg.nlp.triggers import AFFECTS, INTERACTS, RELATED, TREATS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

EXTRACTOR = "irkg.relations"
COMENTION = "irkg.comention"
VERSION = "1"
# Entity types that never take part in relations (species mentions are context for genes).
EXCLUDED = frozenset({EntityType.SPECIES, EntityType.PUBLICATION})
MAX_BETWEEN = 250  # characters between two entities for a typed relation
_TREATERS = frozenset({EntityType.CHEMICAL, EntityType.RADIOTHERAPY})
_BINDERS = frozenset({EntityType.GENE, EntityType.CHEMICAL})


@dataclass(frozen=True, slots=True)
class Entity:
    """A normalised entity mention as the relation rules see it (document offsets)."""

    start: int
    end: int
    type: EntityType
    ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence's text, offsets, entities and regimen labels, read once from the Doc."""

    text: str
    start: int
    entities: tuple[Entity, ...]
    regimens: tuple[str, ...] = ()
    modality: str = ""  # the first radiotherapy CURIE of the sentence, for qualifiers.regimen

    def gaps(self) -> list[str]:
        """Text before, between and after the entities (len(entities) + 1 pieces)."""
        pieces, cursor = [], self.start
        for ent in self.entities:
            pieces.append(self.text[cursor - self.start : ent.start - self.start])
            cursor = ent.end
        pieces.append(self.text[cursor - self.start :])
        return pieces


def fits(predicate: str, subject: EntityType, object: EntityType) -> bool:
    """Whether a predicate may join these entity types (its Biolink domain and range)."""
    if predicate == TREATS:
        return subject in _TREATERS and object == EntityType.DISEASE
    if predicate == INTERACTS:
        return subject in _BINDERS and object in _BINDERS
    if predicate == AFFECTS:
        return subject != EntityType.DISEASE
    return True


class RelationExtractor:
    """spaCy component: fills ``doc._.relations`` with co-mention and typed relations.

    Runs after the recogniser (entities in ``doc.ents`` with ``span._.ids``) and after
    ``irkg_regimens_v1``; needs sentence boundaries.
    """

    def __init__(
        self,
        *,
        name: str = "irkg_relations",
        comention: bool = True,
        typed: bool = True,
        max_between: int = MAX_BETWEEN,
        all_ids: bool = False,
    ) -> None:
        if max_between <= 0:
            raise ValueError(f"max_between must be positive, got {max_between}")
        register_extensions()
        self.name = name
        self.comention = comention
        self.typed = typed
        # span._.ids is ranked by the recogniser (prediction first, then alternatives), so only
        # the first takes part; gold annotations list several equal ids (composite mentions)
        self.all_ids = all_ids
        self.max_between = max_between

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Relation]:
        """Read the relations of a Doc without changing it."""
        document: Document | None = doc._.document
        relations: list[Relation] = []
        regimens = doc._.regimens or ()
        for span, ents in sentences_with_entities(doc):
            if len(ents) < 2:
                continue
            sentence = read_sentence(span, ents, regimens, all_ids=self.all_ids)
            if len(sentence.entities) < 2:
                continue
            if self.comention:
                relations.extend(comentions(sentence, document))
            if self.typed:
                relations.extend(typed_relations(sentence, document, self.max_between))
        return relations

    def set_annotations(self, doc: Doc, relations: list[Relation]) -> None:
        doc._.relations = relations


def read_sentence(
    span: Span, ents: Iterable[Span], regimens: Iterable[Regimen] = (), *, all_ids: bool = False
) -> Sentence:
    """The entities (normalised, of related types) and regimens of one sentence span."""
    entities: list[Entity] = []
    modality = ""
    for ent in ents:
        try:
            etype = EntityType.parse(ent.label_)
        except ValueError:
            continue
        ids = tuple(dict.fromkeys(ent._.ids or ()))
        ids = ids if all_ids else ids[:1]
        if not ids or etype in EXCLUDED:
            continue
        if etype == EntityType.RADIOTHERAPY and not modality:
            modality = ids[0]
        entities.append(Entity(ent.start_char, ent.end_char, etype, ids))
    start, end = span.start_char, span.end_char
    labels = tuple(regimen_label(r) for r in regimens if start <= r.start and r.end <= end)
    return Sentence(span.text, start, tuple(entities), labels, modality)


def _evidence(
    sentence: Sentence,
    document: Document | None,
    subject: Entity,
    object: Entity,
    *,
    extractor: str,
    trigger: str = "",
) -> Evidence:
    left, right = (subject, object) if subject.start < object.start else (object, subject)
    base = sentence.start
    negated = negation_in(sentence.text, left.end - base, right.start - base, right.end - base)
    section = ""
    if document is not None:
        passage = document.passage_at(sentence.start)
        section = passage.section if passage is not None else ""
    return Evidence(
        doc_id=document.id if document is not None else "",
        pmid=document.meta.pmid if document is not None else None,
        section=section,
        sentence=sentence.text,
        sentence_start=sentence.start,
        sentence_end=sentence.start + len(sentence.text),
        subject_start=subject.start,
        subject_end=subject.end,
        object_start=object.start,
        object_end=object.end,
        extractor=extractor,
        extractor_version=VERSION,
        trigger=trigger,
        negated=bool(negated),
        hedged=is_hedged(sentence.text),
        regimens=sentence.regimens,
    )


def comentions(sentence: Sentence, document: Document | None) -> Iterator[Relation]:
    """One ``related_to`` per unordered pair of distinct CURIEs in the sentence (first spans)."""
    seen: set[tuple[str, str]] = set()
    ents = sentence.entities
    for i, a in enumerate(ents):
        for b in ents[i + 1 :]:
            for x, y in product(a.ids, b.ids):
                if x == y:
                    continue
                key = (x, y) if x < y else (y, x)
                if key in seen:
                    continue
                seen.add(key)
                subject, object = (a, b) if key[0] == x else (b, a)
                yield Relation(
                    key[0],
                    RELATED,
                    key[1],
                    _evidence(sentence, document, subject, object, extractor=COMENTION),
                )


def typed_relations(
    sentence: Sentence, document: Document | None, max_between: int = MAX_BETWEEN
) -> Iterator[Relation]:
    """Typed relations read by the rules from every ordered pair of entities in the sentence."""
    gaps = sentence.gaps()
    ents = sentence.entities
    seen: set[tuple[str, str, str, Qualifiers]] = set()
    for i, a in enumerate(ents):
        for j in range(i + 1, len(ents)):
            b = ents[j]
            if b.start - a.end > max_between:
                break
            found = match_pair(
                MASK.join(gaps[: i + 1]), MASK.join(gaps[i + 1 : j + 1]), MASK.join(gaps[j + 1 :])
            )
            if found is None:
                continue
            subject, object = (b, a) if found.reverse else (a, b)
            after_subject = gaps[j + 1] if found.reverse else gaps[i + 1]
            if not found.agent and modifies_a_head(after_subject):
                continue
            before_subject = MASK.join(gaps[i + 1 : j + 1] if found.reverse else gaps[: i + 1])
            if found.sign != Sign.NONE and loss_of(before_subject):
                found = replace(found, sign=Sign(-found.sign))
            yield from _relations(sentence, document, subject, object, found, seen)


def _relations(
    sentence: Sentence,
    document: Document | None,
    subject: Entity,
    object: Entity,
    found: RuleMatch,
    seen: set[tuple[str, str, str, Qualifiers]],
) -> Iterator[Relation]:
    if not fits(found.predicate, subject.type, object.type):
        return
    regimen = ""
    if found.predicate == TREATS and subject.type == EntityType.CHEMICAL:
        regimen = sentence.modality
    qualifiers = Qualifiers(
        sign=found.sign if found.predicate == AFFECTS else Sign.NONE, regimen=regimen
    )
    evidence = _evidence(
        sentence, document, subject, object, extractor=EXTRACTOR, trigger=found.trigger
    )
    for s, o in product(subject.ids, object.ids):
        key = (s, found.predicate, o, qualifiers)
        if s == o or key in seen:
            continue
        seen.add(key)
        yield Relation(s, found.predicate, o, evidence, qualifiers)
