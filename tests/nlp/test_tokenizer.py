"""irkg's tokenizer separates names from the words they are glued to, and keeps names whole."""

import pytest
import spacy

from kg.nlp.tokenizer import ALL_RULES, build_tokenizer, create_tokenizer


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.tokenizer = create_tokenizer(nlp)
    return nlp


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("cisplatin-induced", ["cisplatin", "-", "induced"]),
        ("COX-2-specific", ["COX-2", "-", "specific"]),
        ("TNF-alpha-induced", ["TNF-alpha", "-", "induced"]),
        ("anti-PD-1", ["anti", "-", "PD-1"]),
        ("TMPRSS2-ERG", ["TMPRSS2", "-", "ERG"]),
        ("(AZT)-induced", ["(", "AZT", ")", "-", "induced"]),
        ("scopolamine- and", ["scopolamine", "-", "and"]),
        ("p53-/-MEFs", ["p53", "-/-", "MEFs"]),
        ("PI3K/AKT/mTOR", ["PI3K", "/", "AKT", "/", "mTOR"]),
        ("CD34(+)", ["CD34", "(", "+", ")"]),
        ("(C)MCF7", ["(", "C", ")", "MCF7"]),
        ("CD4+IFN", ["CD4", "+", "IFN"]),
        ("K+", ["K", "+"]),
        ("hepatitis C.", ["hepatitis", "C."]),  # a lone capital: initial, genus, unit
        ("IgE.", ["IgE", "."]),
        ("cGAS-STING", ["cGAS", "-", "STING"]),
    ],
)
def test_splits_names_from_their_neighbours(nlp, text, tokens):
    assert [t.text for t in nlp(text)] == tokens


@pytest.mark.parametrize(
    "name",
    ["IL-2", "PD-L1", "MCF-7", "HLA-G", "5-fluorouracil", "NF-kappaB", "TNF-alpha", "F4/80",
     "c-kit", "N-acetylcysteine", "alpha-synuclein", "U.S.", "e.g."],
)  # fmt: skip
def test_keeps_names_whole(nlp, name):
    assert [t.text for t in nlp(name)] == [name]


def test_offsets_cover_the_text(nlp):
    text = "STING-dependent IFN-beta (IFN-b) in MC38/B16 cells\u00a0treated with 8 Gy\u00d73."
    doc = nlp(text)
    assert "".join(t.text_with_ws for t in doc) == text
    assert doc.char_span(0, 5) is not None  # "STING"


def test_rules_can_be_left_out_for_the_study():
    nlp = spacy.blank("en")
    base = build_tokenizer(nlp, ())
    nlp.tokenizer = base
    assert [t.text for t in nlp("cisplatin-induced")] == ["cisplatin-induced"]
    with pytest.raises(ValueError, match="unknown tokenizer rules"):
        build_tokenizer(nlp, ("no_such_rule",))
    assert set(ALL_RULES) >= {"hyphen_word", "slash", "bracket"}


def test_registered_and_serialisable(tmp_path):
    import kg.nlp.factories  # noqa: F401

    config = {"nlp": {"tokenizer": {"@tokenizers": "irkg.tokenizer.v1"}}}
    nlp = spacy.blank("en", config=config)
    assert [t.text for t in nlp("PI3K/AKT")] == ["PI3K", "/", "AKT"]
    nlp.to_disk(tmp_path / "p")
    again = spacy.load(tmp_path / "p")
    assert [t.text for t in again("doxorubicin-treated")] == ["doxorubicin", "-", "treated"]
