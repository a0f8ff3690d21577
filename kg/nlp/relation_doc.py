"""The Doc side of the relation and regimen components: their extensions and sentence units.

Extensions are registered defensively (``has_extension`` first) because the recogniser
components register the same span extensions (``kg.nlp.extensions`` on the NLP branch); whoever
comes first wins. Only ``doc._.document`` is new here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def register_extensions() -> None:
    """``span._.ids/score/taxon`` (recogniser output) and ``doc._.relations/regimens/document``.

    ``doc._.document`` may hold the ``kg.model.Document`` a Doc was made from; when set, the
    relation component fills evidence doc ids, PMIDs and sections from it.
    """
    from spacy.tokens import Doc, Span

    for name, default in (("ids", ()), ("score", 1.0), ("taxon", None)):
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)
    for name in ("relations", "regimens", "document"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def sentence_spans(doc: Doc) -> Iterator[Span]:
    """The Doc's sentences, also cut at line breaks and trimmed of whitespace tokens.

    A title without a final full stop must not run into the abstract's first sentence, and an
    evidence sentence should not start with a newline. Raises ValueError when the Doc has no
    sentence boundaries, because relations must never silently span a whole document.
    """
    if len(doc) > 1 and not doc.has_annotation("SENT_START"):
        raise ValueError(
            "irkg relations/regimens need sentence boundaries: add a sentencizer or senter "
            "before them in the pipeline"
        )
    for sent in doc.sents if len(doc) else ():
        start = sent.start
        if "\n" in sent.text:
            for token in sent:
                if token.is_space and "\n" in token.text:
                    yield from _trimmed(doc, start, token.i)
                    start = token.i + 1
        yield from _trimmed(doc, start, sent.end)


def sentences_with_entities(doc: Doc) -> Iterator[tuple[Span, list[Span]]]:
    """Each sentence with the entities inside it, in one pass over ``doc.ents``.

    (``Span.ents`` scans all of the Doc's entities for every sentence.)
    """
    ents = list(doc.ents)
    i = 0
    for sentence in sentence_spans(doc):
        while i < len(ents) and ents[i].start < sentence.start:
            i += 1
        inside = []
        j = i
        while j < len(ents) and ents[j].end <= sentence.end:
            inside.append(ents[j])
            j += 1
        yield sentence, inside


def _trimmed(doc: Doc, start: int, end: int) -> Iterator[Span]:
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    if start < end:
        yield doc[start:end]
