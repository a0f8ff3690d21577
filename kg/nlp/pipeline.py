"""Build the annotate pipeline and run it over documents.

``build_pipeline`` assembles the registered components (see ``kg.nlp`` for the order and the
contract between them); ``annotate`` runs a pipeline over ``Document``s and yields
``AnnotatedDocument``s with document-level offsets (``Document.text`` is exactly the text spaCy
sees). With ``n_process > 1`` it forks worker processes that inherit the built pipeline (and its
lexicon) and send back finished ``AnnotatedDocument`` records, in input order: plain records
survive the trip, while spaCy's own multiprocessing would have to serialise ``Relation`` objects
through ``Doc.to_bytes``.
"""

from __future__ import annotations

import importlib
import multiprocessing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ConfigError
from kg.model import AnnotatedDocument, Document, EntityType, Mention

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from kg.lexicon import Lexicon

# 2: a mention carries its prediction only; 3: site and coordinated disease names, head concepts;
# 4: title-case MeSH names match in lower case, species words right before genes, head scores;
# 5: abbreviations defined in square brackets; ...; 9: a definition narrows its short form's
# candidates; 10: short forms opening a parenthesis, underscores in the text; 11: short
# species names, people as Homo sapiens
PIPELINE_VERSION = "irkg-nlp-11"
MAX_CHARS = 20_000_000
RECOGNIZERS = {
    # name -> "module:function" adding the recogniser(s) and the merge step: f(nlp, lexicon_cfg)
    "dictionary": "kg.nlp.pipeline:add_dictionary_recognizer",
    "model": "kg.nlp.model:add_model_recognizer",
    "hybrid": "kg.nlp.model:add_hybrid_recognizer",
}


def build_pipeline(
    lexicon: Lexicon | str | Path | None = None,
    recognizer: str = "dictionary",
    *,
    learnt: str = "auto",
    candidates_dir: str | Path | None = None,
    keep_unlinked: bool = False,
) -> Language:
    """A ready ``spacy.Language``: tokenizer, sentences, recognition, abbreviations, ambiguity
    control, normalisation, species. ``lexicon``: a ``Lexicon``, a lexicon file, or None for the
    default lexicon (built if missing). ``learnt``: statistics from the train splits ("auto":
    when ../shared is present, "none", or a statistics file; see ``kg.nlp.surface_stats``).
    ``keep_unlinked``: keep entities the normaliser cannot link, without identifiers."""
    import spacy

    import kg.nlp.factories  # noqa: F401 - registers the factories without the entry point
    from kg.nlp.resources import lexicon_config
    from kg.nlp.tokenizer import create_tokenizer

    add_recognizer = _recognizer(recognizer)
    lexicon_cfg = lexicon_config(lexicon, learnt)
    nlp = spacy.blank("en")
    nlp.tokenizer = create_tokenizer(nlp)
    nlp.max_length = MAX_CHARS
    nlp.add_pipe("irkg_sentences_v1", name="irkg_sentences")
    add_recognizer(nlp, lexicon_cfg)
    candidates = {"@misc": "irkg.tfidf_candidates.v1", "cache_dir": str(candidates_dir or "")}
    nlp.add_pipe(
        "irkg_abbreviations_v1",
        name="irkg_abbreviations",
        config={"lexicon": lexicon_cfg, "candidates": candidates},
    )
    nlp.add_pipe("irkg_ambiguity_v1", name="irkg_ambiguity", config={"lexicon": lexicon_cfg})
    nlp.add_pipe(
        "irkg_normalizer_v1",
        name="irkg_normalizer",
        config={"lexicon": lexicon_cfg, "candidates": candidates, "keep_unlinked": keep_unlinked},
    )
    nlp.add_pipe("irkg_species_v1", name="irkg_species", config={"lexicon": lexicon_cfg})
    return nlp


def add_dictionary_recognizer(nlp: Language, lexicon_cfg: dict[str, str]) -> None:
    """The dictionary path: candidates in ``doc.spans["irkg_dict"]``, merged into ``doc.ents``."""
    nlp.add_pipe("irkg_dictionary_v1", name="irkg_dictionary", config={"lexicon": lexicon_cfg})
    nlp.add_pipe("irkg_merge_v1", name="irkg_merge", config={"span_keys": ["irkg_dict"]})


def _recognizer(name: str) -> Any:
    target = RECOGNIZERS.get(name)
    if target is None:
        raise ConfigError(f"unknown recognizer {name!r}; known: {', '.join(RECOGNIZERS)}")
    module_name, _, function = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise ConfigError(
            f"recognizer {name!r} needs the trained model ({module_name}), not installed"
        ) from None
    return getattr(module, function)


# ----------------------------------------------------------------------- running


def to_mentions(document: Document, doc: Doc) -> tuple[Mention, ...]:
    """``doc.ents`` as ``Mention`` records with document offsets.

    A mention carries its prediction only: one identifier, since irkg's recognisers name one
    entity per mention and never split composite mentions ("BRCA1/2"; only gold files carry
    those). Downstream every id of a mention is an asserted entity (a ``mentions`` edge each),
    so the ranked alternatives stay in ``span._.candidates``."""
    return tuple(
        Mention(
            doc_id=document.id,
            start=ent.start_char,
            end=ent.end_char,
            text=ent.text,
            type=EntityType(ent.label_),
            ids=tuple(ent._.ids or ())[:1],
            score=float(ent._.score or 0.0),
            source=ent._.source or "",
            taxon=ent._.taxon,
        )
        for ent in doc.ents
    )


def to_annotated(document: Document, doc: Doc) -> AnnotatedDocument:
    return AnnotatedDocument(
        document=document,
        mentions=to_mentions(document, doc),
        relations=tuple(doc._.relations or ()),
        regimens=tuple(doc._.regimens or ()),
        pipeline_version=PIPELINE_VERSION,
    )


def annotate(
    documents: Iterable[Document],
    nlp: Language,
    n_process: int = 1,
    batch_size: int = 64,
) -> Iterator[AnnotatedDocument]:
    """Run ``nlp`` over documents, in order. ``n_process > 1`` forks that many workers."""
    if n_process < 1:
        raise ValueError(f"n_process must be >= 1, got {n_process}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    if n_process == 1:
        yield from _annotate_here(documents, nlp, batch_size)
        return
    yield from _annotate_forked(documents, nlp, n_process, batch_size)


def _annotate_here(
    documents: Iterable[Document], nlp: Language, batch_size: int
) -> Iterator[AnnotatedDocument]:
    from spacy.util import minibatch

    for batch in minibatch(documents, size=batch_size):
        # A memory zone per batch frees the strings and lexemes the batch added to the
        # vocabulary: without it the vocabulary grew by ~50 strings per abstract (2k -> 23.5k
        # over 400) and a build's memory with it (bench/memory_bench.py --no-zones). The
        # records are made inside the zone and yielded after it; nothing keeps a Doc.
        with nlp.memory_zone():
            annotated = [
                to_annotated(document, doc)
                for document, doc in zip(
                    batch, nlp.pipe((d.text for d in batch), batch_size=batch_size), strict=True
                )
            ]
        yield from annotated


_WORKER_NLP: Language | None = None


def _work(batch: list[Document]) -> list[AnnotatedDocument]:
    if _WORKER_NLP is None:
        raise RuntimeError("annotate worker has no pipeline (not forked from annotate)")
    return list(_annotate_here(batch, _WORKER_NLP, len(batch) or 1))


def _annotate_forked(
    documents: Iterable[Document], nlp: Language, n_process: int, batch_size: int
) -> Iterator[AnnotatedDocument]:
    """Fork workers that inherit ``nlp``; results come back in input order, with at most two
    batches per worker in flight (bounded memory on endless input)."""
    global _WORKER_NLP
    from collections import deque

    from spacy.util import minibatch

    _WORKER_NLP = nlp
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(n_process) as pool:
            pending: deque = deque()
            for batch in minibatch(documents, size=batch_size):
                pending.append(pool.apply_async(_work, (list(batch),)))
                while len(pending) >= 2 * n_process:
                    yield from pending.popleft().get()
            while pending:
                yield from pending.popleft().get()
    finally:
        _WORKER_NLP = None
