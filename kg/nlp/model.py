"""The "model" and "hybrid" recognisers of ``build_pipeline`` (see ``kg.nlp.pipeline.RECOGNIZERS``).

``model``: the trained model's candidates (``irkg_model_recognizer_v1``) for the four types it
learnt, and the dictionary's for the two it did not (species, radiotherapy), merged by the
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
#: The recognised types the model does not learn: on every path they come from the dictionary.
UNLEARNT: tuple[str, ...] = ("Species", "Radiotherapy")

#: The hybrid rules per type (``kg.nlp.hybrid``): chosen on the tune set, then vetoed on dev where
#: they were worse than the dictionary path (``python bench/hybrid_policy.py``; strict span+ID F1
#: summed over the corpora's tune documents; docs/EVALUATION.md). Chemicals keep the dictionary's
#: boundaries, take the model's spans where the dictionary has none, and drop both sides where
#: the two disagree on the type ("filamin": a MeSH protein to the dictionary, a gene to the
#: model; tune 0.750 -> 0.764; dev BC5CDR 0.855 -> 0.859, BioRED 0.750 -> 0.759). The tune set's
#: choices for diseases (neither side across types: tune 0.746 -> 0.749), genes (the model's
#: type across types, dictionary matches only where the model saw the name: 0.609 -> 0.622) and
#: cell lines (the model's boundaries and spans: 0.871 -> 0.906) were vetoed: on dev each was
#: behind the dictionary on two corpora. Vetoed types take the dictionary's spans and nothing of
#: the model's alone, and so do the types the model does not learn (Species, Radiotherapy).
PREFER: Mapping[str, Source] = {
    "Gene": Source.DICTIONARY,
    "Chemical": Source.DICTIONARY,
    "Disease": Source.DICTIONARY,
    "CellLine": Source.DICTIONARY,
}
PREFER_ACROSS: Mapping[str, Source] = {
    "Gene": Source.DICTIONARY,
    "Chemical": Source.NEITHER,
    "Disease": Source.DICTIONARY,
    "CellLine": Source.DICTIONARY,
    **dict.fromkeys(UNLEARNT, Source.DICTIONARY),
}
MODEL_ALONE: Mapping[str, bool] = {
    "Gene": False,
    "Chemical": True,
    "Disease": False,
    "CellLine": False,
}
DICTIONARY_ALONE: Mapping[str, DictionaryRule] = {
    "Gene": DictionaryRule.ALWAYS,
    "Chemical": DictionaryRule.ALWAYS,
    "Disease": DictionaryRule.ALWAYS,
    "CellLine": DictionaryRule.ALWAYS,
    **dict.fromkeys(UNLEARNT, DictionaryRule.ALWAYS),
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
        An entity both found (same offsets and type) stays "dictionary": the ambiguity step
        judges it as it would on the dictionary path, so a type whose rules take nothing from
        the model alone behaves as there. An entity only the model found is marked "model"
        (the ambiguity step judges dictionary entities only), and ids the dictionary set for
        another type are cleared for the normaliser to redo.
        """
        super().set_annotations(doc, chosen)
        from_model = {(c.start_char, c.end_char) for c in chosen if c.key == self.policy.model_key}
        dictionary_type = {
            (s.start_char, s.end_char): s.label_
            for s in doc.spans.get(self.policy.dictionary_key, ())
        }
        for ent in doc.ents:
            offsets = (ent.start_char, ent.end_char)
            if offsets not in from_model or dictionary_type.get(offsets) == ent.label_:
                ent._.source = "dictionary"
                continue
            ent._.source = "model"
            if dictionary_type.get(offsets, ent.label_) != ent.label_:
                ent._.ids = ()
                ent._.id_taxa = ()
                ent._.score = 0.0


def add_model_recognizer(nlp: Language, lexicon_cfg: dict[str, str]) -> None:
    """The trained model for the types it learnt, the dictionary for the others (``UNLEARNT``:
    the species step needs "mice" to file a knockout mouse's genes under mouse), merged by the
    standard merge step, the model's spans first. The model runs first: it must see the
    tokenizer's own tokens."""
    nlp.add_pipe("irkg_model_recognizer_v1", name="irkg_model")
    nlp.add_pipe(
        "irkg_dictionary_v1",
        name="irkg_dictionary",
        config={"lexicon": lexicon_cfg, "types": list(UNLEARNT)},
    )
    nlp.add_pipe(
        "irkg_merge_v1", name="irkg_merge", config={"span_keys": [MODEL_KEY, DICTIONARY_KEY]}
    )


def add_hybrid_recognizer(nlp: Language, lexicon_cfg: dict[str, str]) -> None:
    """Model, then dictionary, then the hybrid merge."""
    nlp.add_pipe("irkg_model_recognizer_v1", name="irkg_model")
    nlp.add_pipe("irkg_dictionary_v1", name="irkg_dictionary", config={"lexicon": lexicon_cfg})
    nlp.add_pipe("irkg_hybrid_merge_v1", name="irkg_merge")
