"""GPML 2013a parsing: nodes, groups, states, anchors, interactions, and bad documents."""

import pytest
from curated_fixtures import small_gpml, sting_gpml

from kg.assemble.gpml import parse_gpml
from kg.errors import InputError


def test_parse_reads_pathway_header_and_elements():
    pw = parse_gpml(sting_gpml().encode(), "WP9001.gpml")
    assert (pw.name, pw.wpid, pw.revision, pw.organism) == (
        "STING test pathway",
        "WP9001",
        "r42",
        "Homo sapiens",
    )
    assert pw.description == "cGAS & STING"
    assert pw.nodes["n3"].database == "Ensembl"
    assert pw.nodes["n3"].identifier == "ENSG00000184584"
    assert pw.nodes["n4"].group_ref == "g1"
    assert pw.groups == {"grp1": "g1"}
    assert pw.states == {"s1": "n6"}
    assert pw.anchors == {"a1": "i1"}
    assert "l1" in pw.other_ids
    reversed_line = next(i for i in pw.interactions if i.graph_id == "i5")
    assert (reversed_line.source_head, reversed_line.target_head) == (
        "mim-transcription-translation",
        "",
    )


def test_truncated_document_names_file_and_position():
    with pytest.raises(InputError) as err:
        parse_gpml(small_gpml().encode()[:400], "WP9003.gpml")
    message = str(err.value)
    assert message.startswith("WP9003.gpml:")
    assert "not well-formed XML" in message


def test_other_xml_is_not_gpml():
    with pytest.raises(InputError, match="not a GPML pathway"):
        parse_gpml(b"<html><body/></html>", "page.gpml")
