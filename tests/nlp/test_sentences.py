"""Sentence boundaries on spacy.blank: abbreviations, initials, units, brackets, passages."""

import pytest

TEXT = (
    "Title of the paper.\nIn mice (see Fig. 2. Also) e.g. HeLa cells grew. mTOR rose. "
    "p53 fell! Smith et al. showed it. E. coli grew at 10(-5) M. Then it stopped."
)


@pytest.fixture()
def sentences(blank):
    from kg.nlp.tokenizer import create_tokenizer

    blank.tokenizer = create_tokenizer(blank)
    blank.add_pipe("irkg_sentences_v1")
    return lambda text: [s.text.strip() for s in blank(text).sents]


def test_biomedical_boundaries(sentences):
    assert sentences(TEXT) == [
        "Title of the paper.",
        "In mice (see Fig. 2. Also) e.g. HeLa cells grew.",
        "mTOR rose.",
        "p53 fell!",
        "Smith et al. showed it.",
        "E. coli grew at 10(-5) M.",
        "Then it stopped.",
    ]


def test_match_reads_without_writing(blank):
    from kg.nlp.sentences import SentenceSplitter

    doc = blank.make_doc("One here. Two here.")
    found = SentenceSplitter().match(doc)
    assert found.starts == (0, 3)
    assert not doc.has_annotation("SENT_START")


def test_empty_and_whitespace(sentences):
    assert sentences("") == []
    assert sentences("   \n ") in ([""], [])


def test_extra_abbreviations(blank):
    blank.add_pipe("irkg_sentences_v1", config={"extra_abbreviations": ["Tab."]})
    doc = blank("See Tab. Two for details.")
    assert len(list(doc.sents)) == 1
