"""One closed section vocabulary, whatever the label's source."""

import pytest

from kg.ingest import Section, section_of


@pytest.mark.parametrize(
    ("label", "heading", "expected"),
    [
        ("INTRO", False, Section.INTRODUCTION),
        ("materials|methods", False, Section.METHODS),
        ("fig_caption", False, Section.FIGURE_CAPTION),
        ("table_caption", False, Section.TABLE_CAPTION),
        ("TABLE", False, Section.OTHER),
        ("REF", False, Section.REFERENCES),
        ("abstract_title_1", False, Section.ABSTRACT),
        ("t", False, Section.TITLE),
        ("2. Materials and Methods", False, Section.METHODS),
        ("Results and Discussion", False, Section.RESULTS),
        ("III. Discussion and conclusions", True, Section.DISCUSSION),
        ("4.2 Experimental procedures for irradiation", True, Section.METHODS),
        ("Cell culture", True, None),
        ("ACK_FUND", False, None),
        ("", True, None),
        (None, False, None),
    ],
)
def test_section_of(label, heading, expected):
    assert section_of(label, heading=heading) == expected


def test_free_text_needs_heading_mode():
    assert section_of("Radiotherapy results in mice") is None
    assert section_of("Radiotherapy results in mice", heading=True) == Section.RESULTS
