"""One entity type's trained recogniser, learning only from documents that annotate that type.

spaCy's transition-based NER gives every token one tag for all labels at once, so a BC5CDR
abstract (chemicals and diseases only) would have to call its genes "outside" - and a model
trained on it learns to miss genes. irkg trains one small NER head per type instead, all sharing
one ``tok2vec`` through listeners. Each head builds its own gold from the reference Doc
(``kg.nlp.corpora`` stores gold spans, unknown regions and the annotated types there): its type's
spans as entities, unknown regions as missing, the rest "outside" - or, when the document's corpus
does not annotate its type, everything missing, which gives no gradient at all.

Heads do not write ``doc.ents``: each appends its spans to ``doc.spans[spans_key]`` and leaves
the choice between candidates to the merge step. They expect ``doc.ents`` to be unset when they
run (``kg.nlp.model_recognizer`` takes care of that), because spaCy's NER keeps entities it finds
already set.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Any

from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span
from spacy.training import Example
from thinc.api import Model

from kg.nlp.corpora import ANNOTATED_KEY, GOLD_KEY, MISSING_KEY

DEFAULT_SPANS_KEY = "irkg_model"
INIT_SAMPLE = 100  # examples spaCy looks at to initialise a head


def head_reference(reference: Doc, label: str) -> Doc:
    """The gold a ``label`` head learns from: a copy of ``reference`` with only that type.

    A reference without ``ANNOTATED_KEY`` (not made by ``kg.nlp.corpora``) is taken as fully
    annotated through its ``doc.ents``.
    """
    doc = reference.copy()  # a C-level copy: training calls this for every example and head
    annotated = reference.user_data.get(ANNOTATED_KEY)
    if annotated is None:
        gold = [Span(doc, e.start, e.end, label=label) for e in reference.ents if e.label_ == label]
        doc.set_ents(gold, default="outside")
        return doc
    if label not in annotated:
        doc.set_ents([], default="missing")  # this corpus says nothing about the type
        return doc
    gold = [
        Span(doc, s.start, s.end, label=label)
        for s in reference.spans.get(GOLD_KEY, ())
        if s.label_ == label
    ]
    covered = {i for s in gold for i in range(s.start, s.end)}
    unknown = {
        i
        for s in reference.spans.get(MISSING_KEY, ())
        if s.label_ == label
        for i in range(s.start, s.end)
    }
    missing = [Span(doc, i, i + 1) for i in sorted(unknown - covered)]
    doc.set_ents(gold, missing=missing, default="outside")
    return doc


class TypedEntityRecognizer(EntityRecognizer):
    """spaCy's NER for one label, with per-document missing types and span-group output."""

    def __init__(
        self,
        vocab: Any,
        model: Model,
        name: str = "irkg_ner",
        *,
        label: str,
        spans_key: str = DEFAULT_SPANS_KEY,
        update_with_oracle_cut_size: int = 100,
        scorer: Any = None,
    ) -> None:
        if not label:
            raise ValueError(f"{name}: a typed recogniser needs its label")
        super().__init__(
            vocab,
            model,
            name,
            update_with_oracle_cut_size=update_with_oracle_cut_size,
            scorer=scorer,
        )
        # cfg is saved with the component and passed to the scorer as keyword arguments
        self.cfg["label"] = label
        self.cfg["spans_key"] = spans_key

    @property
    def label(self) -> str:
        return self.cfg["label"]

    @property
    def spans_key(self) -> str:
        return self.cfg["spans_key"]

    def _restrict(self, examples: Iterable[Example]) -> list[Example]:
        return [Example(eg.predicted, head_reference(eg.reference, self.label)) for eg in examples]

    def _has_gold(self, reference: Doc) -> bool:
        """Whether ``head_reference`` would give this head any annotation (without building it)."""
        annotated = reference.user_data.get(ANNOTATED_KEY)
        return len(reference) > 0 and (annotated is None or self.label in annotated)

    def initialize(self, get_examples: Any, nlp: Any = None, labels: Any = None) -> None:
        """Add the one label, then spaCy's own initialisation on a sample.

        The label is known up front, so spaCy need not read the whole corpus to collect labels.
        """
        self.add_label(self.label)
        super().initialize(
            lambda: self._restrict(islice(get_examples(), INIT_SAMPLE)), nlp=nlp, labels=labels
        )

    def update(
        self,
        examples: Iterable[Example],
        *,
        drop: float = 0.0,
        sgd: Any = None,
        losses: dict[str, float] | None = None,
    ) -> dict[str, float]:
        """spaCy's update on this head's gold; a batch without any still answers the listener.

        The shared tok2vec applies its gradient when its *last* listener backpropagates, so a
        head that skipped a batch (a BioID-only batch for the gene head) would drop the other
        heads' gradients for that batch. It passes a zero gradient instead.
        """
        examples = list(examples)
        losses = {} if losses is None else losses
        if any(self._has_gold(eg.reference) for eg in examples):
            return super().update(self._restrict(examples), drop=drop, sgd=sgd, losses=losses)
        losses.setdefault(self.name, 0.0)
        tok2vec = self.model.get_ref("tok2vec")
        outputs, backprop = tok2vec.begin_update([eg.predicted for eg in examples])
        backprop(tok2vec.ops.alloc2f(*outputs.shape))
        return losses

    def set_annotations(self, docs: Iterable[Doc], states_or_beams: Any) -> None:
        """Append found spans to ``doc.spans[spans_key]`` and leave ``doc.ents`` unset."""
        docs = list(docs)
        super().set_annotations(docs, states_or_beams)
        for doc in docs:
            found = [Span(doc, e.start, e.end, label=e.label) for e in doc.ents]
            doc.set_ents([], default="missing")
            if self.spans_key in doc.spans:
                doc.spans[self.spans_key].extend(found)
            else:
                doc.spans[self.spans_key] = found


def typed_ner_score(
    examples: Iterable[Example], *, label: str, spans_key: str = DEFAULT_SPANS_KEY, **_: Any
) -> dict[str, float]:
    """Span-only precision/recall/F1 of one head, on documents whose corpus annotates its type."""
    tp = fp = fn = 0
    for eg in examples:
        annotated = eg.reference.user_data.get(ANNOTATED_KEY)
        if annotated is not None and label not in annotated:
            continue
        if annotated is None:
            gold = {(e.start_char, e.end_char) for e in eg.reference.ents if e.label_ == label}
        else:
            gold = {
                (s.start_char, s.end_char)
                for s in eg.reference.spans.get(GOLD_KEY, ())
                if s.label_ == label
            }
        pred = {
            (s.start_char, s.end_char)
            for s in eg.predicted.spans.get(spans_key, ())
            if s.label_ == label
        }
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    key = f"irkg_{label.lower()}"
    return {f"{key}_p": p, f"{key}_r": r, f"{key}_f": f}
