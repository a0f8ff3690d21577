"""Bibliographic fields: only ASCII-digit identifiers become PMIDs and PMCIDs."""

import pytest

from kg.ingest.meta import clean_pmcid, clean_pmid, make_meta


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("123", "123"), ("PMID:123", "123"), (456, "456"), ("\u00b2", None), ("12\u0663", None),
     ("1234567890", None), ("", None)],
)  # fmt: skip
def test_clean_pmid(raw, expected):
    assert clean_pmid(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("PMC123", "PMC123"), ("123", "PMC123"), ("PMC\u00b2", None), ("\u0661\u0662", None)],
)
def test_clean_pmcid(raw, expected):
    assert clean_pmcid(raw) == expected


def test_make_meta_leaves_a_unicode_digit_pmid_unknown():
    meta = make_meta(source="x", format="bioc-json", pmid="\u00b9\u00b2", pmcid="PMC\u00b3")
    assert (meta.pmid, meta.pmcid) == (None, None)
