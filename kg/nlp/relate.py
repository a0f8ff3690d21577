"""Relations and regimens over mentions that are already known (gold files, PubTator3 exports).

A PubTator or BioC file often carries its entity annotations; this runs only irkg's own
regimen and relation components over them, on the project tokenizer with a rule sentencizer,
so a graph can be built from annotated input without a recogniser, and the relation extractor
can be scored on gold entities (``bench/relations_eval.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.ids import content_hash
from kg.model import AnnotatedDocument
from kg.nlp.relation_doc import register_extensions
from kg.nlp.relations import VERSION

if TYPE_CHECKING:
    from spacy.language import Language

GIVEN_MENTIONS_VERSION = content_hash("given-mentions", VERSION, length=12)


def relation_pipeline() -> Language:
    """spaCy's English tokenizer + sentencizer + ``irkg_regimens_v1`` + ``irkg_relations_v1``.

    Tokens only decide sentence ends and how mentions align, so the tokenizer that splits most
    finely wins: spaCy's English rules split "heparin-induced" into three tokens, where a gold
    mention "heparin" stays a whole entity (scispaCy's rules keep the hyphenated word whole, and
    the mention would grow to "heparin-induced" and lose its trigger).
    """
    import spacy

    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("irkg_regimens_v1")
    nlp.add_pipe("irkg_relations_v1", config={"all_ids": True})  # gold ids are not ranked
    return nlp


def relate(annotated: AnnotatedDocument, nlp: Language) -> AnnotatedDocument:
    """The document with regimens and relations read over its own mentions.

    Mentions become ``doc.ents`` (expanded to token boundaries; where mentions overlap the
    longest is kept, as spaCy entities cannot overlap). The mentions themselves are returned
    unchanged.
    """
    from spacy.util import filter_spans

    document = annotated.document
    doc = nlp.make_doc(document.text)
    spans = []
    for mention in annotated.mentions:
        span = doc.char_span(
            mention.start, mention.end, label=mention.type.value, alignment_mode="expand"
        )
        if span is None or not mention.ids:
            continue
        span._.ids = mention.ids
        span._.score = mention.score
        span._.taxon = mention.taxon
        spans.append(span)
    doc.ents = filter_spans(spans)  # extension values follow the offsets to the new spans
    doc._.document = document
    doc = nlp(doc)
    return replace(
        annotated,
        relations=tuple(doc._.relations or ()),
        regimens=tuple(doc._.regimens or ()),
        pipeline_version=GIVEN_MENTIONS_VERSION,
    )


class GivenMentionsAnnotator:
    """A build annotator for input that carries its own mentions (``--recognizer gold``).

    Documents are related in batches of ``zone_documents`` inside a spaCy memory zone: the
    strings and lexemes each batch adds to the vocabulary are freed after it, so a long build's
    memory does not grow with the corpus's vocabulary (it did, by a few KB per abstract). The
    pipeline is built and warmed up outside any zone, so what it keeps is permanent.
    """

    version = GIVEN_MENTIONS_VERSION
    zone_documents = 256

    def __init__(self) -> None:
        self._nlp: Language | None = None

    def __call__(self, documents: Iterable[AnnotatedDocument]) -> Iterator[AnnotatedDocument]:
        from spacy.util import minibatch

        for batch in minibatch(documents, size=self.zone_documents):
            nlp = self._pipeline()
            with nlp.memory_zone():
                related = [relate(annotated, nlp) for annotated in batch]
            yield from related  # plain records: nothing refers to the freed zone

    def _pipeline(self) -> Language:
        if self._nlp is None:
            nlp = relation_pipeline()
            nlp("Warm up.")
            self._nlp = nlp
        return self._nlp
