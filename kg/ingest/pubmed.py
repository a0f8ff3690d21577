"""PubMed XML (``PubmedArticleSet`` as returned by E-utilities efetch) -> ``Document``s.

One document per ``PubmedArticle`` (or ``PubmedBookArticle``): the title, then one abstract
passage per ``AbstractText`` (a structured abstract's parts keep their label: ``METHODS: ...``),
placed one newline apart from offset 0 like PubTator. Identifiers come from the article's own
``ArticleIdList`` (never the ones inside its reference list), the year from the journal issue's
``PubDate`` (``MedlineDate`` ranges such as ``1998 Dec-1999 Jan`` give their first year).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import BinaryIO

from kg.ingest.context import PassageLayout, ReadContext, squash
from kg.ingest.meta import document_id, make_meta
from kg.ingest.sections import Section
from kg.ingest.xmlstream import iter_records, text_of
from kg.model import Document

FORMAT = "pubmed-xml"
_RECORDS = frozenset({"PubmedArticle", "PubmedBookArticle"})


def parse_pubmed(stream: BinaryIO, context: ReadContext) -> Iterator[Document]:
    for record in iter_records(stream, context, _RECORDS.__contains__):
        if record.overflow:
            context.problem(record.line, context.too_long_reason(record.chars), kind="too long")
            continue
        document = _article(record.element, context, record.line)
        if document is not None:
            context.report.documents += 1
            yield document


def _article(element: ET.Element, context: ReadContext, line: int) -> Document | None:
    citation = element.find("MedlineCitation")
    if citation is None:
        citation = element.find("BookDocument")
    if citation is None:
        context.problem(line, f"<{element.tag}> has no MedlineCitation", kind="bad document")
        return None
    article = citation.find("Article")
    if article is None:
        article = citation  # a BookDocument holds ArticleTitle and Abstract itself
    ids = _article_ids(element)
    pmid = citation.findtext("PMID") or ids.get("pubmed")
    layout = PassageLayout()
    title = article.find("ArticleTitle")
    if title is None or not text_of(title).strip():
        title = article.find("VernacularTitle")
    if title is None or not text_of(title).strip():
        title = citation.find("Book/BookTitle")
    layout.add(Section.TITLE, squash(text_of(title)) if title is not None else "")
    for part in article.findall("Abstract/AbstractText"):
        text = squash(text_of(part))
        label = squash(part.get("Label", ""))
        layout.add(Section.ABSTRACT, f"{label}: {text}" if label and text else text)
    if context.too_long(layout.chars):
        context.problem(line, context.too_long_reason(layout.chars), kind="too long")
        return None
    meta = make_meta(
        source=context.source,
        format=FORMAT,
        pmid=pmid,
        pmcid=ids.get("pmc"),
        doi=ids.get("doi") or _elocation_doi(article),
        year=_year(article, citation),
        journal=article.findtext("Journal/Title") or citation.findtext("Book/BookTitle"),
    )
    doc_id = document_id(meta.pmid, meta.pmcid, meta.doi)
    if not doc_id:
        context.problem(line, "article without PMID, PMCID or DOI", kind="bad document")
        return None
    if not layout.passages:
        context.report.ignore("articles without title or abstract")
        return None
    return Document(id=doc_id, passages=layout.passages, meta=meta)


def _article_ids(element: ET.Element) -> dict[str, str]:
    """The article's own ids (PubmedData/ArticleIdList), keyed by IdType."""
    ids: dict[str, str] = {}
    for container in ("PubmedData/ArticleIdList", "PubmedBookData/ArticleIdList"):
        for item in element.findall(f"{container}/ArticleId"):
            kind = item.get("IdType", "").lower()
            if kind and item.text and kind not in ids:
                ids[kind] = item.text.strip()
    return ids


def _elocation_doi(article: ET.Element) -> str | None:
    for item in article.findall("ELocationID"):
        if item.get("EIdType", "").lower() == "doi":
            return item.text
    return None


def _year(article: ET.Element, citation: ET.Element) -> str | None:
    for path in (
        "Journal/JournalIssue/PubDate/Year",
        "Journal/JournalIssue/PubDate/MedlineDate",
        "ArticleDate/Year",
        "Book/PubDate/Year",
        "DateCompleted/Year",
    ):
        value = article.findtext(path) or citation.findtext(path)
        if value:
            return value
    return None
