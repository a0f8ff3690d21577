"""Formats are told from content; names only break ties between text formats."""

import pytest

from kg.ingest.detect import detect_format

PUBMED = (
    b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD" "x.dtd">\n'
    b"<PubmedArticleSet>"
)
JATS = (
    b'<?xml version="1.0"?>\n<!-- c -->\n<!DOCTYPE article PUBLIC "-//NLM//DTD JATS" "a.dtd">\n'
    b'<article xmlns:mml="m">'
)


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (PUBMED, "anything.bin", "pubmed-xml"),
        (b"<PubmedArticle><MedlineCitation>", "a.xml", "pubmed-xml"),
        (JATS, "PMC1.nxml", "jats"),
        (b"<pmc-articleset><article>", "x.xml", "jats"),
        (b"\xef\xbb\xbf<?xml version='1.0'?><collection><source/>", "c.xml", "bioc-xml"),
        (b'{"source": "PubTator", "documents": [{"id": "1", "passages": []}]}', "x", "bioc-json"),
        (b'{"PubTator3": [{"id": "1"', "export.json", "bioc-json"),
        (b'[{"id": "1", "infons": {}, "passages": [', "a.json", "bioc-json"),
        (
            b'{"id": "d", "passages": [{"section": "title", "offset": 0, "text": "x"}], '
            b'"meta": {}}\n',
            "docs.jsonl",
            "irkg-jsonl",
        ),
        (b"\n\n123|t|A title\n123|a|An abstract\n", "NCBItrainset_corpus.txt", "pubtator"),
        (b"48019521015|t|(F) Fibroblasts.\n", "x.PubTator", "pubtator"),
        (b"A title\n\nSome text.", "paper.txt", "text"),
        (b"# Title\n\nSome text.", "notes.txt", "markdown"),
        (b"Title\n\nSome text.", "notes.md", "markdown"),
    ],
)
def test_detects(head, name, expected):
    assert detect_format(head, name).format == expected


@pytest.mark.parametrize(
    ("head", "name", "kind"),
    [
        (b"", "empty.txt", "empty file"),
        (b"  \n\t\n", "blank.xml", "empty file"),
        (b"%PDF-1.7\n...", "paper.pdf", "binary file"),
        (bytes(range(256)) * 4, "data.txt", "binary file"),
        (b"\x00\x01\x02abc", "x.txt", "binary file"),
        (b"<html><body>", "page.xml", "unknown format"),
        (b'{"rows": [1, 2]}', "table.json", "unknown format"),
        (b"Copyright 2024 somebody", "LICENSE", "unknown format"),
        (b"gene\tscore\nTP53\t1\n", "table.tsv", "unknown format"),
    ],
)
def test_refuses_with_a_reason(head, name, kind):
    detected = detect_format(head, name)
    assert detected.format == "" and detected.kind == kind and detected.reason


def test_utf16_text_is_text():
    head = "\ufeffA title\n\nText about STING.".encode("utf-16-le")
    assert detect_format(head, "x.txt").format == "text"
