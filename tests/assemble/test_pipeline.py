"""The product wiring: PipelineAnnotator's version, lazy pipeline, relation components added.

``kg.nlp.build_pipeline``/``annotate`` come from the NLP stage; here they are stood in by a
spaCy EntityRuler pipeline with the same contract (entities with ``span._.ids``), so what is
tested is this module's own logic.
"""

import spacy
from text_papers import CORPUS, ID

import kg.nlp
from kg.assemble.build import BuildParts, build
from kg.assemble.pipeline import RELATION_PIPES, PipelineAnnotator
from kg.lexicon import Lexicon
from kg.model import AnnotatedDocument, EntityType, Mention, Sign
from kg.nlp.extensions import register_extensions


def fake_build_pipeline(calls):
    def build_pipeline(*, lexicon, recognizer):
        calls.append(recognizer)
        register_extensions()
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        ruler = nlp.add_pipe("entity_ruler")
        ruler.add_patterns(
            [{"label": "Chemical", "pattern": "cGAMP", "id": ID["cGAMP"]},
             {"label": "Gene", "pattern": "STING", "id": ID["STING"]}]
        )  # fmt: skip

        @spacy.Language.component("copy_ids_for_test")
        def copy_ids(doc):
            for ent in doc.ents:
                ent._.ids = (ent.ent_id_,)
            return doc

        nlp.add_pipe("copy_ids_for_test")
        return nlp

    return build_pipeline


def fake_annotate(documents, nlp, n_process=1):
    for document in documents:
        doc = nlp.make_doc(document.text)
        doc._.document = document
        doc = nlp(doc)
        mentions = tuple(
            Mention(document.id, e.start_char, e.end_char, e.text, EntityType(e.label_), e._.ids)
            for e in doc.ents
        )
        yield AnnotatedDocument(document, mentions, tuple(doc._.relations), tuple(doc._.regimens))


def test_pipeline_annotator(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(kg.nlp, "PIPELINE_VERSION", "test-1", raising=False)
    monkeypatch.setattr(kg.nlp, "build_pipeline", fake_build_pipeline(calls), raising=False)
    monkeypatch.setattr(kg.nlp, "annotate", fake_annotate, raising=False)
    lexicon = Lexicon.from_entries([], version="lex-1")
    annotator = PipelineAnnotator(lexicon, "dictionary")
    assert annotator.version != PipelineAnnotator(Lexicon.from_entries([], version="lex-2")).version
    relearnt = PipelineAnnotator(lexicon, "dictionary", learnt_version="surface-stats-x")
    assert annotator.version != relearnt.version  # other train-split statistics: other results
    plain = [AnnotatedDocument(item.document) for item in CORPUS]
    report = build(plain, tmp_path, BuildParts(annotator))
    assert report.annotated == 3 and calls == ["dictionary"]
    assert all(name in annotator._pipeline().pipe_names for name in RELATION_PIPES)
    from kg.assemble.tables import iter_edges

    signed = {
        (e.subject, e.object, e.qualifiers.sign)
        for e in iter_edges(tmp_path)
        if e.predicate == "biolink:affects"
    }
    assert (ID["cGAMP"], ID["STING"], Sign.POSITIVE) in signed

    again = PipelineAnnotator(lexicon, "dictionary")
    report = build(plain, tmp_path, BuildParts(again))
    assert report.cached == 3 and calls == ["dictionary"] and again._nlp is None
