"""Dose/fractionation patterns and their modality, on sentences written for these tests."""

import pytest
import spacy

from kg.model import Regimen
from kg.nlp.regimen import find_doses, regimen_label
from kg.nlp.relation_doc import register_extensions


@pytest.mark.parametrize(
    ("text", "total", "fractions", "per"),
    [
        ("8 Gy × 3", 24.0, 3, 8.0),
        ("8 Gy x 3 fractions", 24.0, 3, 8.0),
        ("8Gyx3", 24.0, 3, 8.0),
        ("3 × 8 Gy", 24.0, 3, 8.0),
        ("3x8Gy", 24.0, 3, 8.0),
        ("3 fractions of 8 Gy", 24.0, 3, 8.0),
        ("24 Gy in 3 fractions", 24.0, 3, 8.0),
        ("50 Gy in 25 daily fractions", 50.0, 25, 2.0),
        ("20 Gy/5 fx", 20.0, 5, 4.0),
        ("2 Gy/fraction", None, None, 2.0),
        ("2 Gy per fraction", None, None, 2.0),
        ("2-Gy fractions", None, None, 2.0),
        ("a single dose of 20 Gy", 20.0, 1, 20.0),
        ("15 Gy single fraction", 15.0, 1, 15.0),
        ("10 Gy", 10.0, None, None),
        ("500 cGy", 5.0, None, None),
        ("70 Gy(RBE) in 35 fractions", 70.0, 35, 2.0),
        ("1.8 Gy/fraction", None, None, 1.8),
        ("2 Gy per fraction to 60 Gy", 60.0, 30, 2.0),
        ("60 Gy in 2-Gy fractions", 60.0, 30, 2.0),
    ],
)
def test_dose_patterns(text, total, fractions, per):
    (dose,) = find_doses(f"Mice received {text} to the flank.")
    assert (dose.total_dose_gy, dose.fractions, dose.dose_per_fraction_gy) == (
        total,
        fractions,
        per,
    )
    assert dose.text.strip() == text.removeprefix("a ").strip()


@pytest.mark.parametrize("text", ["FLASH at 40 Gy/s", "doses of 0.5-1 Gy", "energy of 6 MV"])
def test_not_doses(text):
    assert find_doses(text) == []


def test_several_doses_keep_offsets():
    text = "Arms: 8Gyx3, 20 Gy/5 fx and 10 Gy."
    doses = find_doses(text, offset=100)
    assert [text[d.start - 100 : d.end - 100] for d in doses] == ["8Gyx3", "20 Gy/5 fx", "10 Gy"]


def test_label():
    reg = Regimen("irkg:SBRT", "8 Gy x 3", 0, 8, 24.0, 3, 8.0)
    assert regimen_label(reg) == "irkg:SBRT 24 Gy/3 fx (8 Gy/fx)"
    assert regimen_label(Regimen("", "2 Gy/fraction", 0, 13, None, None, 2.0)) == "2 Gy/fx"
    assert regimen_label(Regimen("irkg:FLASH", "FLASH", 0, 5)) == "irkg:FLASH"


def test_component_ties_dose_to_nearest_modality():
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("irkg_regimens_v1")
    text = "SBRT delivered 24 Gy in 3 fractions. Proton therapy was also used. 10 Gy alone."
    doc = nlp.make_doc(text)
    sbrt = doc.char_span(0, 4, label="Radiotherapy")
    proton = doc.char_span(text.index("Proton"), text.index("Proton") + 14, label="Radiotherapy")
    sbrt._.ids, proton._.ids = ("irkg:SBRT",), ("irkg:proton",)
    doc.ents = [sbrt, proton]
    regimens = nlp(doc)._.regimens
    assert [(r.modality, r.text, r.total_dose_gy, r.fractions) for r in regimens] == [
        ("irkg:SBRT", "24 Gy in 3 fractions", 24.0, 3),
        ("irkg:proton", "Proton therapy", None, None),
        ("", "10 Gy", 10.0, None),
    ]
    for r in regimens:
        assert text[r.start : r.end] == r.text
