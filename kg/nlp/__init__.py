"""annotate: spaCy components that find, normalise and relate entities in documents.

API: ``build_pipeline(lexicon=None, recognizer="dictionary") -> spacy.Language``,
``annotate(documents, nlp, n_process=1, batch_size=64) -> Iterator[AnnotatedDocument]``,
``PIPELINE_VERSION`` (part of the build-cache key). Importing ``kg.nlp`` loads nothing heavy.

The pipeline, in order (factory names in ``kg/nlp/factories.py``; instance names in brackets)::

    tokenizer            irkg.tokenizer.v1       scispaCy rules (kg/nlp/tokenizer.py)
    [irkg_sentences]     irkg_sentences_v1       rule-based, abbreviation-aware boundaries
    --- recognition: writes CANDIDATES only, into span groups -----------------------------
    [irkg_dictionary]    irkg_dictionary_v1      lexicon terms -> doc.spans["irkg_dict"]
    [irkg_model]         (training engineer)     trained NER   -> doc.spans["irkg_model"]
    --- merge: the one step that writes doc.ents -------------------------------------------
    [irkg_merge]         irkg_merge_v1           dictionary path: longest candidate wins
                         (hybrid: its own merge policy over both span groups)
    --- shared by every recogniser: reads and edits doc.ents ---------------------------------
    [irkg_abbreviations] irkg_abbreviations_v1   short forms take their long form's type
    [irkg_ambiguity]     irkg_ambiguity_v1       risky dictionary matches need support
    [irkg_normalizer]    irkg_normalizer_v1      span -> CURIEs: exact keys, then TF-IDF
    [irkg_species]       irkg_species_v1         human or mouse gene ids from context
    --- later steps (graph-text engineer) ------------------------------------------------------
    relations, regimens  doc._.relations, doc._.regimens

Contract between the steps. Recognisers put ``Span``s labelled with an ``EntityType`` value into
their span group and set ``span._.source`` ("dictionary", "model"); they never touch
``doc.ents``. A span may end inside a token of the tokenizer ("lithium" in "lithium-induced"):
the recogniser splits such tokens with ``kg.nlp.spans.to_spans`` before making spans, so every
later step sees token-aligned entities (a tokenizer that already splits there makes this a no-op).
The merge step turns candidates into non-overlapping ``doc.ents``. After it, entities carry
``span._.ids`` (ranked CURIEs: the first is the prediction), ``_.id_taxa``, ``_.score``,
``_.taxon`` and ``_.source`` (``kg/nlp/extensions.py``). A step that already finds ids set (say,
by a model that links) keeps them.

Adding the trained recognisers: ``build_pipeline`` looks up ``recognizer`` in
``kg.nlp.pipeline.RECOGNIZERS``, a map from name to "module:function". "dictionary" is
``add_dictionary_recognizer``; "model" and "hybrid" point at
``kg.nlp.model:add_model_recognizer`` / ``add_hybrid_recognizer``, each
``f(nlp, lexicon_cfg) -> None``: add the recogniser(s) writing their span group, then a merge
component writing ``doc.ents`` (``irkg_merge_v1`` with ``span_keys=["irkg_model"]`` for the model
alone; for hybrid subclass ``kg.nlp.merge.EntityMerger`` and override ``choose``). Everything
after the merge is added by ``build_pipeline`` for all three.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kg.nlp.pipeline import PIPELINE_VERSION

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

    from spacy.language import Language

    from kg.lexicon import Lexicon
    from kg.model import AnnotatedDocument, Document

__all__ = ["PIPELINE_VERSION", "annotate", "build_pipeline"]


def build_pipeline(
    lexicon: Lexicon | str | Path | None = None, recognizer: str = "dictionary", **options: Any
) -> Language:
    """See ``kg.nlp.pipeline.build_pipeline``."""
    from kg.nlp.pipeline import build_pipeline as build

    return build(lexicon, recognizer, **options)


def annotate(
    documents: Iterable[Document], nlp: Language, n_process: int = 1, batch_size: int = 64
) -> Iterator[AnnotatedDocument]:
    """See ``kg.nlp.pipeline.annotate``."""
    from kg.nlp.pipeline import annotate as run

    return run(documents, nlp, n_process=n_process, batch_size=batch_size)
