"""British spellings meet American ones in the lookup key; short symbols keep every letter."""

import pytest

from kg.lexicon.keys import normalize_key


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("haemorrhage", "hemorrhage"),
        ("oesophageal cancer", "esophageal cancer"),
        ("Pregnenolone sulphate", "pregnenolone sulfate"),
        ("tumours", "tumors"),
        ("anaemia", "anemia"),
        ("phaeochromocytoma", "pheochromocytoma"),
        ("oestrogen", "estrogen"),
    ],
)
def test_british_spellings_share_the_key(british, american):
    assert normalize_key(british) == normalize_key(american)


def test_short_words_keep_their_letters():
    assert normalize_key("AEs") != normalize_key("Es")
    assert normalize_key("Poe") == "poe" and normalize_key("Aedes") == "aedes"


def test_idempotent():
    for text in ("haemorrhage", "caoesium", "tumour-suppressor", "sulphsulph"):
        key = normalize_key(text)
        assert normalize_key(key) == key
