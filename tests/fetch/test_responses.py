"""Parsing E-utilities answers: what is retried (truncated) and what is an NCBI error."""

import xml.etree.ElementTree as ET

import pytest
from eutils_server import FIXTURES, PMC_DOCTYPE, PUBMED_DOCTYPE

from kg.fetch import FetchError
from kg.fetch.client import InvalidResponse
from kg.fetch.responses import normalize_pmcid, parse_esearch, parse_pmc_set, parse_pubmed_set


def _pubmed_set(*pmids: str) -> bytes:
    records = "\n".join((FIXTURES / "pubmed" / f"{p}.xml").read_text() for p in pmids)
    return (
        f'<?xml version="1.0" ?>\n{PUBMED_DOCTYPE}\n<PubmedArticleSet>\n{records}\n'
        "</PubmedArticleSet>"
    ).encode()


def _pmc_set(*pmcids: str) -> bytes:
    articles = "".join((FIXTURES / "pmc" / f"{p}.xml").read_text() for p in pmcids)
    head = f'<?xml version="1.0"  ?>\n{PMC_DOCTYPE}\n'
    return f"{head}<pmc-articleset>{articles}</pmc-articleset>".encode()


def test_esearch_answer():
    page = parse_esearch((FIXTURES / "eutils" / "esearch.json").read_bytes())
    assert page.count == 3
    assert page.ids == ("90000001", "90000002", "90000003")
    assert page.webenv.startswith("MCID_") and page.query_key == "1"


def test_esearch_phrase_not_found_becomes_a_warning():
    page = parse_esearch((FIXTURES / "eutils" / "esearch-phrase-not-found.json").read_bytes())
    assert page.count == 0 and page.ids == ()
    assert "phrasesnotfound: xyzzyplugh" in page.warnings
    assert "outputmessages: No items found." in page.warnings


def test_esearch_errors():
    with pytest.raises(FetchError, match="nothing todo"):
        parse_esearch((FIXTURES / "eutils" / "esearch-error.json").read_bytes())
    with pytest.raises(FetchError, match="API key invalid"):
        parse_esearch((FIXTURES / "eutils" / "api-key-invalid.json").read_bytes())
    whole = (FIXTURES / "eutils" / "esearch.json").read_bytes()
    with pytest.raises(InvalidResponse, match="not complete JSON"):
        parse_esearch(whole[: len(whole) // 2])


def test_pubmed_set_lists_pmids_and_only_the_records_own_pmc_links():
    body = _pubmed_set("90000001", "90000002", "90000003")
    batch = parse_pubmed_set(body)
    assert batch.body is body  # written byte for byte
    assert batch.pmids == ("90000001", "90000002", "90000003")
    # PMC1111111 sits in 90000001's reference list and must not be taken as its full text
    assert batch.pmc_links == (("90000001", "PMC9000001"), ("90000003", "PMC9000003"))


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.99])
def test_truncated_pubmed_set_is_invalid(cut):
    body = _pubmed_set("90000001", "90000002")
    with pytest.raises(InvalidResponse, match="truncated or not well-formed"):
        parse_pubmed_set(body[: int(len(body) * cut)])


def test_empty_and_error_answers():
    with pytest.raises(InvalidResponse, match="empty"):
        parse_pubmed_set(b"  \n")
    with pytest.raises(FetchError, match="Cannot retrieve history data"):
        parse_pubmed_set((FIXTURES / "eutils" / "efetch-error.xml").read_bytes())


def test_pmc_set_is_cut_into_standalone_articles_byte_for_byte():
    articles = parse_pmc_set(_pmc_set("PMC9000001", "PMC9000003"))
    assert [a.pmcid for a in articles] == ["PMC9000001", "PMC9000003"]
    assert [a.has_body for a in articles] == [True, False]
    assert [a.pmid for a in articles] == ["90000001", "90000003"]
    for article in articles:
        root = ET.fromstring(article.xml)
        assert root.tag == "article"
        original = (FIXTURES / "pmc" / f"{article.pmcid}.xml").read_bytes().strip()
        assert original in article.xml
    # namespaces survive: the licence link is still an xlink:href
    root = ET.fromstring(articles[0].xml)
    assert root.find(".//license").get("{http://www.w3.org/1999/xlink}href").startswith("https")


def test_pmc_namespaces_declared_on_the_set_are_carried_into_each_article():
    body = (
        b'<pmc-articleset xmlns:xlink="http://www.w3.org/1999/xlink"><article>'
        b'<front><article-meta><article-id pub-id-type="pmc">77</article-id></article-meta></front>'
        b'<body><p><ext-link xlink:href="https://example.org">x</ext-link></p></body>'
        b"</article></pmc-articleset>"
    )
    (article,) = parse_pmc_set(body)
    assert article.pmcid == "PMC77" and article.has_body
    assert ET.fromstring(article.xml).find(".//ext-link").get("{http://www.w3.org/1999/xlink}href")


def test_truncated_pmc_set_is_invalid():
    body = _pmc_set("PMC9000001")
    with pytest.raises(InvalidResponse):
        parse_pmc_set(body[:-40])


@pytest.mark.parametrize(
    ("value", "expected"),
    [("PMC123", "PMC123"), ("pmc0123", "PMC123"), ("123", "PMC123"), ("PMCX", None), ("0", None)],
)
def test_normalize_pmcid(value, expected):
    assert normalize_pmcid(value) == expected
