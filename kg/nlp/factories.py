"""Every irkg spaCy factory, registered in one place with versioned names.

Each block belongs to one part of the pipeline; the entry point group ``spacy_factories`` in
pyproject.toml points at these functions, so ``nlp.add_pipe("irkg_relations_v1")`` works in any
pipeline without importing irkg first. spaCy forbids "." in factory names (error E853), so the
versioned names are written ``irkg_<component>_v<N>``.
"""

# No ``from __future__ import annotations`` here: spaCy validates factory arguments against
# their (evaluated) type hints.
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.util import registry

from kg.nlp.regimen import RegimenExtractor
from kg.nlp.relations import MAX_BETWEEN, RelationExtractor

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


# ----------------------------------------------------------- tokenizer, trained model (train)
# Also exposed through the ``spacy_tokenizers`` and ``spacy_scorers`` entry points, so that
# ``spacy.load`` of the packaged model (kg/nlp/models/irkg-ner) finds them.


@registry.tokenizers("irkg.tokenizer.v1")
def make_irkg_tokenizer() -> Callable[[Language], Any]:
    """scispaCy's rules plus irkg's (``kg.nlp.tokenizer``)."""
    from kg.nlp.tokenizer import create_tokenizer

    return create_tokenizer


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

    recognizer = ModelRecognizer(
        model=load_model(model_path or None), spans_key=spans_key, batch_size=batch_size
    )
    recognizer.check_host(nlp)
    return recognizer
