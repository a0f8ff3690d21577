"""The "model" and "hybrid" recognisers of ``build_pipeline`` (see ``kg.nlp.pipeline.RECOGNIZERS``).

``model``: the trained model's candidates (``irkg_model_recognizer_v1``) merged alone by the
standard merge step. ``hybrid``: the model first (it must see the tokenizer's own tokens: the
dictionary may split tokens where a lexicon term ends inside one), then the dictionary, then
``HybridMerger``, which applies the rules of ``kg.nlp.hybrid``. Abbreviations, ambiguity
control, normalisation and species are added after either by ``build_pipeline``, as for the
dictionary path.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from kg.nlp.hybrid import DictionaryRule, HybridPolicy, Source, choose_hybrid
from kg.nlp.merge import DEFAULT_TYPE_PRIORITY, Candidate, EntityMerger

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_KEY = "irkg_model"
DICTIONARY_KEY = "irkg_dict"

#: The hybrid rules per type (``kg.nlp.hybrid``), chosen on the tune set, never on dev
#: (``python bench/hybrid_policy.py``: strict span+ID F1 summed over the corpora's tune documents;
#: docs/EVALUATION.md; rerun after the normaliser stopped keeping entities it cannot link). On
#: tune, chemicals keep the dictionary's boundaries but take the model's spans where the
#: dictionary has none and its type where the two disagree (dictionary 0.750 -> 0.760);
#: diseases keep the dictionary's spans (0.747 -> 0.748; the model alone 0.718); genes keep a
#: dictionary match only where the model agrees or found the same name elsewhere in the
#: document (0.575 -> 0.597); cell lines take the model's boundaries and spans (0.826 -> 0.909).
#: Types the model does not learn (Species, Radiotherapy) come from the dictionary only.
PREFER: Mapping[str, Source] = {
    "Gene": Source.DICTIONARY,
    "Chemical": Source.DICTIONARY,
    "Disease": Source.DICTIONARY,
    "CellLine": Source.MODEL,
}
PREFER_ACROSS: Mapping[str, Source] = {
    "Gene": Source.MODEL,
    "Chemical": Source.MODEL,
    "Disease": Source.DICTIONARY,
    "CellLine": Source.DICTIONARY,
}
MODEL_ALONE: Mapping[str, bool] = {
    "Gene": False,
    "Chemical": True,
    "Disease": False,
    "CellLine": True,
}
DICTIONARY_ALONE: Mapping[str, DictionaryRule] = {
    "Gene": DictionaryRule.SEEN,
    "Chemical": DictionaryRule.ALWAYS,
    "Disease": DictionaryRule.ALWAYS,
    "CellLine": DictionaryRule.SEEN,
    "Species": DictionaryRule.ALWAYS,
    "Radiotherapy": DictionaryRule.ALWAYS,
}


class HybridMerger(EntityMerger):
    """``EntityMerger`` whose choice follows the hybrid rules (``kg.nlp.hybrid``)."""

    def __init__(
        self,
        *,
        prefer: Mapping[str, Source] = PREFER,
        prefer_across: Mapping[str, Source] = PREFER_ACROSS,
        model_alone: Mapping[str, bool] = MODEL_ALONE,
        dictionary_alone: Mapping[str, DictionaryRule] = DICTIONARY_ALONE,
        type_priority: Sequence[str] = DEFAULT_TYPE_PRIORITY,
        model_key: str = MODEL_KEY,
        dictionary_key: str = DICTIONARY_KEY,
    ) -> None:
        super().__init__(span_keys=(model_key, dictionary_key), type_priority=type_priority)
        self.policy = HybridPolicy(
            model_key=model_key,
            dictionary_key=dictionary_key,
            prefer=dict(prefer),
            prefer_across=dict(prefer_across),
            model_alone=dict(model_alone),
            dictionary_alone=dict(dictionary_alone),
            type_priority=tuple(type_priority),
        )

    def match(self, doc: Doc) -> list[Candidate]:
        candidates = self.candidates(doc)
        texts = {(c.start, c.end): doc.text[c.start_char : c.end_char] for c in candidates}
        return choose_hybrid(candidates, self.policy, texts)  # type: ignore[return-value]

    def set_annotations(self, doc: Doc, chosen: list[Candidate]) -> None:
        """``doc.ents``, each marked with the recogniser whose candidate won.

        Span attributes live by character offsets, so a dictionary candidate with the same
        offsets as a model span has written its ``source`` (and maybe ids) onto the entity.
        A model entity is marked "model" (the ambiguity step judges dictionary entities only),
        and ids the dictionary set for another type are cleared for the normaliser to redo.
        """
        super().set_annotations(doc, chosen)
        from_model = {(c.start_char, c.end_char) for c in chosen if c.key == self.policy.model_key}
        dictionary_type = {
            (s.start_char, s.end_char): s.label_
            for s in doc.spans.get(self.policy.dictionary_key, ())
        }
        for ent in doc.ents:
            offsets = (ent.start_char, ent.end_char)
            if offsets not in from_model:
                ent._.source = "dictionary"
                continue
            ent._.source = "model"
            if dictionary_type.get(offsets, ent.label_) != ent.label_:
                ent._.ids = ()
                ent._.id_taxa = ()
                ent._.score = 0.0


def add_model_recognizer(nlp: Language, lexicon_cfg: dict[str, str]) -> None:
    """The trained model alone: its candidates become ``doc.ents`` through the merge step."""
    nlp.add_pipe("irkg_model_recognizer_v1", name="irkg_model")
    nlp.add_pipe("irkg_merge_v1", name="irkg_merge", config={"span_keys": [MODEL_KEY]})


def add_hybrid_recognizer(nlp: Language, lexicon_cfg: dict[str, str]) -> None:
    """Model, then dictionary, then the hybrid merge."""
    nlp.add_pipe("irkg_model_recognizer_v1", name="irkg_model")
    nlp.add_pipe("irkg_dictionary_v1", name="irkg_dictionary", config={"lexicon": lexicon_cfg})
    nlp.add_pipe("irkg_hybrid_merge_v1", name="irkg_merge")
