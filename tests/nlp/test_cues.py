"""Negation and hedging cues and their scope."""

import pytest

from kg.nlp.cues import hedge_cue, is_hedged, is_negated, negation_cue


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("did not induce", "not"),
        ("failed to activate", "failed to"),
        ("had no effect on", "no"),
        ("was independent of", "independent of"),
        ("cannot bind", "cannot"),
        ("not only activates", ""),
        ("notably activates", ""),
        ("knockout", ""),
    ],
)
def test_negation_cues(text, cue):
    assert negation_cue(text) == cue


@pytest.mark.parametrize(
    ("text", "hedged"),
    [
        ("X may enhance Y", True),
        ("these results suggest that", True),
        ("we hypothesize that", True),
        ("X possibly activates Y", True),
        ("X might bind Y", True),
        ("X activates Y in mayonnaise", False),
        ("X strongly activates Y", False),
    ],
)
def test_hedging(text, hedged):
    assert is_hedged(text) is hedged
    assert bool(hedge_cue(text)) is hedged


def test_negation_scope():
    s = "Without radiation, cGAMP activated STING, but IFNB1 was unaffected."
    cgamp, sting, ifnb1 = s.index("cGAMP"), s.index("STING"), s.index("IFNB1")
    assert not is_negated(s, cgamp + 5, sting, sting + 5)
    assert is_negated(s, cgamp + 5, ifnb1, ifnb1 + 5)
    s = "cGAMP activated STING and TBK1 remained unchanged."
    tbk1 = s.index("TBK1")
    assert is_negated(s, s.index("STING") + 5, tbk1, tbk1 + 4)
