"""``--recognizer model|hybrid`` through build_pipeline, and the hybrid merge on a real Doc."""

import pytest
from spacy.tokens import Span

from kg.model import Document, Passage


@pytest.fixture(scope="module")
def tiny_model(tiny_trained):
    return tiny_trained[1].model_dir


@pytest.fixture(scope="module")
def pipelines(tiny_model, tiny_lex, tmp_path_factory):
    from kg.nlp import build_pipeline

    cache = tmp_path_factory.mktemp("tfidf")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("kg.nlp.model_recognizer.packaged_model_path", lambda: tiny_model)
        return {
            name: build_pipeline(tiny_lex, name, learnt="none", candidates_dir=cache)
            for name in ("model", "hybrid")
        }


TEXT = "STING and cGAS in MC38 tumours of mice after SBRT; lithium-induced damage."
LEARNT = {"Gene", "Chemical", "Disease", "CellLine"}


def test_model_path_takes_only_the_unlearnt_types_from_the_dictionary(pipelines):
    nlp = pipelines["model"]
    names = nlp.pipe_names
    assert names.index("irkg_model") < names.index("irkg_dictionary") < names.index("irkg_merge")
    doc = nlp(TEXT)
    from_dictionary = {(e.text, e.label_) for e in doc.ents if e._.source == "dictionary"}
    assert from_dictionary == {("mice", "Species"), ("SBRT", "Radiotherapy")}
    assert all(e._.source in ("model", "abbreviation") for e in doc.ents if e.label_ in LEARNT)


def test_hybrid_path_order_and_offsets(pipelines):
    from kg.nlp import annotate
    from kg.nlp.model import HybridMerger

    nlp = pipelines["hybrid"]
    names = nlp.pipe_names
    assert names.index("irkg_model") < names.index("irkg_dictionary") < names.index("irkg_merge")
    assert isinstance(nlp.get_pipe("irkg_merge"), HybridMerger)
    document = Document("h1", (Passage("title", 0, TEXT),))
    (result,) = annotate([document], nlp)
    for m in result.mentions:
        assert document.text[m.start : m.end] == m.text
    # the dictionary alone always adds types the model does not learn
    assert ("mice", "Species") in [(m.text, m.type.value) for m in result.mentions]
    assert ("SBRT", "Radiotherapy") in [(m.text, m.type.value) for m in result.mentions]


def test_hybrid_marks_sources_and_drops_ids_of_another_type(blank):
    from kg.nlp.extensions import register_extensions
    from kg.nlp.hybrid import DictionaryRule, Source
    from kg.nlp.model import HybridMerger

    register_extensions()
    doc = blank.make_doc("insulin and STING and TBK1")
    dictionary = [Span(doc, 0, 1, label="Gene"), Span(doc, 4, 5, label="Gene")]
    dictionary[0]._.ids = ("NCBIGene:3630",)
    for span in dictionary:
        span._.source = "dictionary"
    doc.spans["irkg_dict"] = dictionary
    doc.spans["irkg_model"] = [Span(doc, 0, 1, label="Chemical"), Span(doc, 2, 3, label="Gene")]
    merger = HybridMerger(  # the rules stated here, not the shipped ones (kg.nlp.model)
        prefer_across={"Gene": Source.MODEL},
        model_alone={"Gene": True, "Chemical": True},
        dictionary_alone={"Gene": DictionaryRule.ALWAYS},
    )
    doc = merger(doc)
    got = [(e.text, e.label_, e._.source, tuple(e._.ids)) for e in doc.ents]
    assert got == [
        ("insulin", "Chemical", "model", ()),  # the model's type wins, the gene id goes
        ("STING", "Gene", "model", ()),
        ("TBK1", "Gene", "dictionary", ()),
    ]


def test_an_entity_both_recognisers_found_is_judged_as_a_dictionary_match(blank):
    from kg.nlp.extensions import register_extensions
    from kg.nlp.model import HybridMerger

    register_extensions()
    doc = blank.make_doc("CAT and STING")
    dictionary = [Span(doc, 0, 1, label="Gene"), Span(doc, 2, 3, label="Gene")]
    for span in dictionary:
        span._.source = "dictionary"
    doc.spans["irkg_dict"] = dictionary
    doc.spans["irkg_model"] = [Span(doc, 0, 1, label="Gene")]  # the model agrees on "CAT"
    doc = HybridMerger()(doc)
    # "dictionary": the ambiguity step still asks a stop-listed symbol for support
    assert [(e.text, e._.source) for e in doc.ents] == [
        ("CAT", "dictionary"),
        ("STING", "dictionary"),
    ]
