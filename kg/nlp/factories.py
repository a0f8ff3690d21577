"""Every irkg spaCy factory and registered function, in one place, with versioned names.

Exposed through the ``spacy_factories`` entry point (pyproject), so
``nlp.add_pipe("irkg_dictionary_v1")`` works in any pipeline, and a pipeline built from a config
never needs an import to have run first. spaCy forbids "." in factory names (E853), so factories
are named ``irkg_<component>_v<N>``; registered functions keep dotted names (``irkg.lexicon.v1``).
Components are the plain classes of their modules; a factory only wires the config to the class's
keyword-only options and resolves resources through registered functions (``irkg.lexicon.v1``,
``irkg.tfidf_candidates.v1``).

To add a component: write the class in its own module, then add one factory function below in
your own block (relations and regimens follow the annotate block).
"""

# No ``from __future__ import annotations`` here: spaCy validates factory arguments against
# their (evaluated) type hints.
import weakref
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.util import registry

from kg.nlp.extensions import register_extensions
from kg.nlp.merge import DEFAULT_TYPE_PRIORITY
from kg.nlp.regimen import RegimenExtractor
from kg.nlp.relations import MAX_BETWEEN, RelationExtractor

DEFAULT_LEXICON = {"@misc": "irkg.lexicon.v1", "path": "", "learnt": "auto"}
DEFAULT_CANDIDATES = {"@misc": "irkg.tfidf_candidates.v1", "cache_dir": ""}
DEFAULT_RECOGNISED = ["Gene", "Chemical", "Disease", "CellLine", "Species", "Radiotherapy"]


# ----------------------------------------------------------------------- registered functions


@registry.tokenizers("irkg.tokenizer.v1")
def irkg_tokenizer() -> Callable[[Language], Any]:
    """The biomedical tokenizer (``kg.nlp.tokenizer``), for ``[nlp.tokenizer]`` in configs."""
    from kg.nlp.tokenizer import create_tokenizer

    return create_tokenizer


@registry.misc("irkg.lexicon.v1")
def irkg_lexicon(path: str = "", learnt: str = "auto") -> Any:
    """A compiled lexicon file, opened once per process; "" = the default (built if missing).

    ``learnt``: "auto" (statistics from the train splits in ../shared when present), "none", or
    the path of a statistics file (``kg.nlp.surface_stats``)."""
    from kg.nlp.resources import open_lexicon

    return open_lexicon(path, learnt)


@registry.misc("irkg.lexicon_ref.v1")
def irkg_lexicon_ref(name: str) -> Any:
    """A lexicon registered in this process with ``kg.nlp.resources.register_lexicon``."""
    from kg.nlp.resources import registered_lexicon

    return registered_lexicon(name)


@registry.misc("irkg.tfidf_candidates.v1")
def irkg_tfidf_candidates(cache_dir: str = "") -> Callable[[Any], Any]:
    """Builds the TF-IDF candidate index of a lexicon on first use ("" = beside the lexicon)."""
    from pathlib import Path

    from kg.nlp.candidates import CandidateIndex

    def make(lexicon: Any) -> CandidateIndex:
        base = getattr(lexicon, "base", lexicon)  # an overlay's learnt terms are not indexed
        key = (id(base), cache_dir)  # an index holds its lexicon: the id stays its own
        index = _SHARED_INDEXES.get(key)
        if index is None:  # the abbreviation step and the normaliser share one
            index = CandidateIndex(base, cache_dir=Path(cache_dir) if cache_dir else None)
            _SHARED_INDEXES[key] = index
        return index

    return make


# (lexicon id, cache_dir) -> its CandidateIndex while a component holds it: one per process
_SHARED_INDEXES: "weakref.WeakValueDictionary[tuple[int, str], Any]" = weakref.WeakValueDictionary()


# ----------------------------------------------------------------------- annotate components


@Language.factory("irkg_sentences_v1", default_config={"extra_abbreviations": []})
def make_sentences(nlp: Language, name: str, extra_abbreviations: list[str]) -> Any:
    from kg.nlp.sentences import SentenceSplitter

    register_extensions()
    return SentenceSplitter(extra_abbreviations=tuple(extra_abbreviations))


@Language.factory(
    "irkg_dictionary_v1",
    default_config={
        "lexicon": DEFAULT_LEXICON,
        "types": DEFAULT_RECOGNISED,
        "span_key": "irkg_dict",
        "type_priority": list(DEFAULT_TYPE_PRIORITY),
        "max_chars": 120,
        "min_chars": 2,
    },
)
def make_dictionary(
    nlp: Language,
    name: str,
    lexicon: Any,
    types: list[str],
    span_key: str,
    type_priority: list[str],
    max_chars: int,
    min_chars: int,
) -> Any:
    from kg.nlp.dictionary import DictionaryRecognizer

    register_extensions()
    return DictionaryRecognizer(
        lexicon=lexicon,
        types=types,
        span_key=span_key,
        type_priority=type_priority,
        max_chars=max_chars,
        min_chars=min_chars,
    )


@Language.factory(
    "irkg_merge_v1",
    default_config={"span_keys": ["irkg_dict"], "type_priority": list(DEFAULT_TYPE_PRIORITY)},
)
def make_merge(nlp: Language, name: str, span_keys: list[str], type_priority: list[str]) -> Any:
    from kg.nlp.merge import EntityMerger

    register_extensions()
    return EntityMerger(span_keys=span_keys, type_priority=type_priority)


@Language.factory(
    "irkg_abbreviations_v1",
    default_config={
        "min_long_form_cover": 0.5,
        "lexicon": DEFAULT_LEXICON,
        "candidates": DEFAULT_CANDIDATES,
        "fuzzy_types": ["Disease"],
        "fuzzy_threshold": 0.85,
    },
)
def make_abbreviations(
    nlp: Language,
    name: str,
    min_long_form_cover: float,
    lexicon: Any,
    candidates: Any,
    fuzzy_types: list[str],
    fuzzy_threshold: float,
) -> Any:
    from kg.nlp.abbreviations import AbbreviationResolver

    register_extensions()
    return AbbreviationResolver(
        nlp.vocab,
        min_long_form_cover=min_long_form_cover,
        lexicon=lexicon,
        candidates=candidates,
        fuzzy_types=fuzzy_types,
        fuzzy_threshold=fuzzy_threshold,
    )


@Language.factory(
    "irkg_ambiguity_v1",
    default_config={"lexicon": DEFAULT_LEXICON, "sources": ["dictionary"]},
)
def make_ambiguity(nlp: Language, name: str, lexicon: Any, sources: list[str]) -> Any:
    from kg.nlp.ambiguity import AmbiguityFilter

    register_extensions()
    return AmbiguityFilter(lexicon=lexicon, sources=sources)


@Language.factory(
    "irkg_normalizer_v1",
    default_config={
        "lexicon": DEFAULT_LEXICON,
        "candidates": DEFAULT_CANDIDATES,
        "threshold": 0.8,
        "k": 5,
        "keep_unlinked": False,
    },
)
def make_normalizer(
    nlp: Language,
    name: str,
    lexicon: Any,
    candidates: Any,
    threshold: float,
    k: int,
    keep_unlinked: bool,
) -> Any:
    from kg.nlp.normalize import Normalizer

    register_extensions()
    return Normalizer(
        lexicon=lexicon,
        candidates=candidates,
        threshold=threshold,
        k=k,
        keep_unlinked=keep_unlinked,
    )


@Language.factory(
    "irkg_species_v1",
    default_config={"default_taxon": "NCBITaxon:9606", "lexicon": DEFAULT_LEXICON},
)
def make_species(nlp: Language, name: str, default_taxon: str, lexicon: Any) -> Any:
    from kg.nlp.species import SpeciesAssigner

    register_extensions()
    return SpeciesAssigner(default_taxon=default_taxon, lexicon=lexicon)


# --------------------------------------------------------------------------- relations, regimens


@Language.factory("irkg_regimens_v1")
def make_regimens(nlp: Language, name: str) -> RegimenExtractor:
    """Radiotherapy regimens (modality + dose/fractionation) -> ``doc._.regimens``."""
    return RegimenExtractor(name=name)


@Language.factory(
    "irkg_relations_v1",
    default_config={
        "comention": True,
        "typed": True,
        "max_between": MAX_BETWEEN,
        "all_ids": False,
    },
)
def make_relations(
    nlp: Language, name: str, comention: bool, typed: bool, max_between: int, all_ids: bool
) -> RelationExtractor:
    """Co-mention and typed, signed relations with evidence -> ``doc._.relations``."""
    return RelationExtractor(
        name=name, comention=comention, typed=typed, max_between=max_between, all_ids=all_ids
    )


# ------------------------------------------------------------------------ trained model (train)
# The tokenizer and the scorer are also exposed through the ``spacy_tokenizers`` and
# ``spacy_scorers`` entry points, so that ``spacy.load`` of the packaged model
# (kg/nlp/models/irkg-ner) finds them.


_TYPED_NER_MODEL = """
[model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true

[model.tok2vec]
@architectures = "spacy.HashEmbedCNN.v2"
pretrained_vectors = null
width = 96
depth = 4
embed_size = 2000
window_size = 1
maxout_pieces = 3
subword_features = true
"""


@registry.scorers("irkg.typed_ner_scorer.v1")
def make_typed_ner_scorer() -> Callable[..., dict[str, float]]:
    from kg.nlp.typed_ner import typed_ner_score

    return typed_ner_score


def _typed_ner_default_model() -> Any:
    from thinc.api import Config

    return Config().from_str(_TYPED_NER_MODEL)["model"]


@Language.factory(
    "irkg_typed_ner_v1",
    assigns=["doc.spans"],
    default_config={
        "model": _typed_ner_default_model(),
        "label": "",
        "spans_key": "irkg_model",
        "update_with_oracle_cut_size": 100,
        "scorer": {"@scorers": "irkg.typed_ner_scorer.v1"},
    },
    default_score_weights={},
)
def make_typed_ner(
    nlp: Language,
    name: str,
    model: Any,
    label: str,
    spans_key: str,
    update_with_oracle_cut_size: int,
    scorer: Any,
) -> Any:
    """One entity type's NER head (``kg.nlp.typed_ner.TypedEntityRecognizer``)."""
    from kg.nlp.typed_ner import TypedEntityRecognizer

    return TypedEntityRecognizer(
        nlp.vocab,
        model,
        name,
        label=label,
        spans_key=spans_key,
        update_with_oracle_cut_size=update_with_oracle_cut_size,
        scorer=scorer,
    )


@Language.factory(
    "irkg_model_recognizer_v1",
    assigns=["doc.spans"],
    default_config={"model_path": "", "spans_key": "irkg_model", "batch_size": 64},
)
def make_model_recognizer(
    nlp: Language, name: str, model_path: str, spans_key: str, batch_size: int
) -> Any:
    """The trained model's candidate spans (``kg.nlp.model_recognizer``); "" = packaged model."""
    from kg.nlp.model_recognizer import ModelRecognizer, load_model

    register_extensions()
    recognizer = ModelRecognizer(
        model=load_model(model_path or None), spans_key=spans_key, batch_size=batch_size
    )
    recognizer.check_host(nlp)
    return recognizer


@Language.factory(
    "irkg_hybrid_merge_v1",
    assigns=["doc.ents"],
    default_config={
        "prefer": {},
        "prefer_across": {},
        "model_alone": {},
        "dictionary_alone": {},
        "type_priority": [],
    },
)
def make_hybrid_merge(
    nlp: Language,
    name: str,
    prefer: dict[str, str],
    prefer_across: dict[str, str],
    model_alone: dict[str, bool],
    dictionary_alone: dict[str, str],
    type_priority: list[str],
) -> Any:
    """Model and dictionary candidates -> ``doc.ents`` by the hybrid rules (``kg.nlp.hybrid``).

    Each mapping overrides ``kg.nlp.model``'s per-type settings: ``prefer`` and
    ``prefer_across`` ("model", "dictionary" or "neither"), ``model_alone`` (bool),
    ``dictionary_alone`` ("always", "seen", "never"); an empty ``type_priority`` keeps the
    merge step's default."""
    from kg.nlp.hybrid import DictionaryRule, Source
    from kg.nlp.model import DICTIONARY_ALONE, MODEL_ALONE, PREFER, PREFER_ACROSS, HybridMerger

    register_extensions()
    return HybridMerger(
        prefer={**PREFER, **{k: Source(v) for k, v in prefer.items()}},
        prefer_across={**PREFER_ACROSS, **{k: Source(v) for k, v in prefer_across.items()}},
        model_alone={**MODEL_ALONE, **model_alone},
        dictionary_alone={
            **DICTIONARY_ALONE,
            **{k: DictionaryRule(v) for k, v in dictionary_alone.items()},
        },
        type_priority=type_priority or DEFAULT_TYPE_PRIORITY,
    )
