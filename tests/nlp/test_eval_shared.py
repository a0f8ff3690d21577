"""A small real evaluation on gold documents from ../shared (marker ``shared``).

The lexicon is made from the gold mentions of ten BC5CDR *train* documents, and the same
documents are annotated and scored: real texts, the real PubTator reader, the splits, offsets
and the scorer end to end. Nothing from the dev split is used.
"""

from itertools import islice

import pytest

from kg.settings import load_settings

CORPORA = load_settings().corpora_dir
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(CORPORA is None, reason="../shared corpora not present"),
]


def test_real_documents_end_to_end(tmp_path):
    from kg.lexicon import Flags, LexEntry, Lexicon, normalize_key
    from kg.nlp import annotate, build_pipeline
    from kg.nlp.evalrun import gold_documents
    from kg.nlp.evaluate import score

    gold_path = CORPORA / "BC5CDR_TrainDev.PubTator"
    golds = list(islice(gold_documents(gold_path, "train"), 10))
    assert len(golds) == 10
    entries = {
        (m.text, m.ids[0]): LexEntry(
            term=m.text,
            key=normalize_key(m.text),
            curie=m.ids[0],
            type=m.type,
            taxon=None,
            preferred=m.text,
            source="gold-train",
            flags=Flags.NAME,
        )
        for g in golds
        for m in g.mentions
        if m.ids and normalize_key(m.text)
    }
    lexicon = Lexicon.from_entries(entries.values(), version="train-10")
    nlp = build_pipeline(lexicon, learnt="none", candidates_dir=tmp_path)
    predicted = list(annotate((g.document for g in golds), nlp, n_process=2))
    for p in predicted:
        for m in p.mentions:
            assert p.document.text[m.start : m.end] == m.text
    report = score(golds, predicted)
    assert report.types == ("Chemical", "Disease")
    for entity_type in report.types:
        span = report.of(entity_type).span
        assert span.recall > 0.85, (entity_type, span)
        assert report.of(entity_type).strict.f1 > 0.7
