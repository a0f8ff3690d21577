"""normalize_key: real variants meet, different things stay apart, and it is idempotent."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.lexicon.keys import case_compatible, normalize_key


@pytest.mark.parametrize(
    "variants",
    [
        ("IFN-β", "IFN-beta", "IFNb", "IFNβ", "IFN β", "ifn-Beta"),
        ("PD-L1", "PDL1", "PD L1", "PD/L1", "pd-l1", "ＰＤ－Ｌ１"),
        ("type I interferon", "type 1 interferon", "Type-I interferons"),
        ("melanoma", "melanomas", "Melanoma"),
        ("therapy", "therapies"),
        ("Hodgkin's lymphoma", "Hodgkin lymphoma", "Hodgkin’s lymphoma"),
        ("2'3'-cGAMP", "2′,3′-cGAMP", "2',3'-cGAMP"),
        ("TNF-α", "TNF-alpha", "TNFα", "TNFa"),
        ("stage IV", "stage 4"),
        ("MDSCs", "MDSC"),
    ],
)
def test_variants_meet(variants: tuple[str, ...]) -> None:
    keys = {normalize_key(v) for v in variants}
    assert len(keys) == 1, keys


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("IFNb", "IFNB1"),
        ("KRAS", "KRA"),
        ("PD-1", "PD-L1"),
        ("I-kappa-B", "1-kappa-B"),  # a first token is never a numeral
        ("X-ray", "10-ray"),
        ("tau", "t"),  # tau is a symbol, not shortened
    ],
)
def test_different_things_stay_apart(left: str, right: str) -> None:
    assert normalize_key(left) != normalize_key(right)


def test_key_shape() -> None:
    assert normalize_key("PD-L1") == "pdl1"
    assert normalize_key("type I interferons") == "type1interferon"
    assert normalize_key("  --  ") == ""


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=40))
def test_idempotent(text: str) -> None:
    key = normalize_key(text)
    assert normalize_key(key) == key
    assert key == "" or key.isalnum()
    assert key == key.casefold()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["IFN", "beta", "β", "type", "I", "II", "cells", "PD", "L1", "-", " "])
    )
)
def test_idempotent_on_domain_words(parts: list[str]) -> None:
    key = normalize_key("".join(parts))
    assert normalize_key(key) == key


@pytest.mark.parametrize(
    ("term", "surface", "ok"),
    [
        ("CAT", "CAT", True),
        ("CAT", "cat", False),
        ("CAT", "Cat", False),
        ("Mita", "MITA", True),
        ("Mita", "mita", False),
        ("Cgas", "cGAS", True),
        ("IFNB", "IFN-β", True),
        ("STING", "Sting", False),
        ("Cat", "Cat", True),
    ],
)
def test_case_compatible(term: str, surface: str, ok: bool) -> None:
    assert case_compatible(term, surface) is ok
