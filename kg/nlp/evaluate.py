"""Scoring predicted mentions against gold mentions, per entity type, three ways.

(a) **strict**: same document, start, end and type, and the prediction's identifier is one of
    the gold mention's identifiers. A prediction is scored by its *first* identifier (its
    prediction; the others are ranked alternatives), so listing many ids gains nothing. Gold
    lists of several ids ("D001|D002", "5728,5729") count as alternatives: matching any counts.
    A gold mention without an identifier ("-", "-1", empty) is left out of this score, and a
    prediction on exactly its span is ignored (neither right nor wrong).
(b) **span**: same document, start, end and type; identifiers are not looked at.
(c) **document**: per document, the set of concepts. Each gold mention contributes its id set
    as one concept (duplicates merged). True positives are the gold concepts some predicted id
    lies in, false negatives the others, false positives the predicted ids in no gold concept.

Only types present in the gold (or the ones asked for) are scored: a corpus that annotates no
genes does not count gene predictions as false positives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kg.model import AnnotatedDocument, EntityType, Mention

ALL = "all"


@dataclass(frozen=True, slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __post_init__(self) -> None:
        if min(self.tp, self.fp, self.fn) < 0:
            raise ValueError("counts must be >= 0")

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class TypeScores:
    """The three scores of one entity type (or of all types together, ``type == "all"``)."""

    type: str
    strict: Counts
    span: Counts
    document: Counts


@dataclass(frozen=True, slots=True)
class ErrorCount:
    """A frequent error: a false positive or negative surface with its ids, and how often."""

    kind: str  # "fp" or "fn"
    type: str
    text: str
    ids: tuple[str, ...]
    count: int


@dataclass(frozen=True, slots=True)
class EvalReport:
    documents: int
    types: tuple[str, ...]
    scores: tuple[TypeScores, ...]
    false_positives: tuple[ErrorCount, ...] = ()
    false_negatives: tuple[ErrorCount, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def of(self, entity_type: str) -> TypeScores:
        for s in self.scores:
            if s.type == entity_type:
                return s
        raise KeyError(entity_type)


def score(
    gold: Iterable[AnnotatedDocument],
    predicted: Iterable[AnnotatedDocument],
    *,
    types: Sequence[str] | None = None,
    top: int = 20,
) -> EvalReport:
    """Compare predictions with gold, document by document (matched by document id)."""
    gold_docs = {g.document.id: g for g in gold}
    pred_docs = {p.document.id: p for p in predicted if p.document.id in gold_docs}
    wanted = (
        tuple(EntityType.parse(t).value for t in types)
        if types
        else tuple(sorted({m.type.value for g in gold_docs.values() for m in g.mentions}))
    )
    per_type = {t: [Counts(), Counts(), Counts()] for t in wanted}
    fps: Counter[tuple[str, str, tuple[str, ...]]] = Counter()
    fns: Counter[tuple[str, str, tuple[str, ...]]] = Counter()
    for doc_id, g in gold_docs.items():
        p = pred_docs.get(doc_id)
        pred_mentions = p.mentions if p is not None else ()
        for t in wanted:
            gm = [m for m in g.mentions if m.type.value == t]
            pm = [m for m in pred_mentions if m.type.value == t]
            strict = _strict(gm, pm, fps, fns)
            per_type[t][0] += strict
            per_type[t][1] += _span(gm, pm)
            per_type[t][2] += _document(gm, pm)
    scores = [TypeScores(t, *c) for t, c in per_type.items()]
    if len(scores) > 1:
        total = [Counts(), Counts(), Counts()]
        for c in per_type.values():
            total = [a + b for a, b in zip(total, c, strict=True)]
        scores.append(TypeScores(ALL, *total))
    return EvalReport(
        documents=len(gold_docs),
        types=wanted,
        scores=tuple(scores),
        false_positives=_top("fp", fps, top),
        false_negatives=_top("fn", fns, top),
        notes=(f"{len(gold_docs) - len(pred_docs)} gold documents had no prediction",)
        if len(pred_docs) < len(gold_docs)
        else (),
    )


def _strict(
    gold: list[Mention],
    pred: list[Mention],
    fps: Counter[tuple[str, str, tuple[str, ...]]],
    fns: Counter[tuple[str, str, tuple[str, ...]]],
) -> Counts:
    gold_by_span = {(m.start, m.end): m for m in gold}
    without_id = {span for span, m in gold_by_span.items() if not m.ids}
    matched: set[tuple[int, int]] = set()
    tp = fp = 0
    seen: set[tuple[int, int]] = set()
    for m in pred:
        span = (m.start, m.end)
        if span in without_id or span in seen:
            continue
        seen.add(span)
        g = gold_by_span.get(span)
        if g is not None and m.ids and m.ids[0] in g.ids:
            tp += 1
            matched.add(span)
        else:
            fp += 1
            fps[(m.type.value, m.text, m.ids[:1])] += 1
    fn = 0
    for span, g in gold_by_span.items():
        if g.ids and span not in matched:
            fn += 1
            fns[(g.type.value, g.text, g.ids)] += 1
    return Counts(tp, fp, fn)


def _span(gold: list[Mention], pred: list[Mention]) -> Counts:
    g = {(m.start, m.end) for m in gold}
    p = {(m.start, m.end) for m in pred}
    return Counts(len(g & p), len(p - g), len(g - p))


def _document(gold: list[Mention], pred: list[Mention]) -> Counts:
    concepts = {frozenset(m.ids) for m in gold if m.ids}
    predicted = {m.ids[0] for m in pred if m.ids}
    gold_ids = set().union(*concepts) if concepts else set()
    wrong = sum(1 for i in predicted if i not in gold_ids)
    found = sum(1 for c in concepts if c & predicted)
    return Counts(found, wrong, len(concepts) - found)


def _top(
    kind: str, counter: Counter[tuple[str, str, tuple[str, ...]]], top: int
) -> tuple[ErrorCount, ...]:
    return tuple(
        ErrorCount(kind, t, text, ids, n)
        for (t, text, ids), n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    )
