"""PMC JATS XML (``<article>``, alone or inside ``<pmc-articleset>``) -> ``Document``s.

Passages, in reading order, one newline apart from offset 0: the article title; the abstract's
headings and paragraphs; the body's section headings and paragraphs, each section named by its
``sec-type`` or, failing that, by its heading ("2. Materials and methods" -> methods; subsections
inherit); figure and table captions as passages of their own, right after the paragraph that
holds them; then acknowledgements, appendices and footnotes as ``other``. Table cells, formulas
in TeX and the reference list are not running text and are left out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import BinaryIO

from kg.ingest.context import PassageLayout, ReadContext, squash
from kg.ingest.meta import document_id, make_meta
from kg.ingest.sections import Section, section_of
from kg.ingest.xmlstream import iter_records, local, text_of
from kg.model import Document, DocumentMeta

FORMAT = "jats"
_FLOATS = frozenset(
    {"fig", "fig-group", "table-wrap", "table-wrap-group", "supplementary-material"}
)
_NOT_TEXT = frozenset({"mml:annotation", "object-id", "graphic", "inline-graphic"})
_SKIP_IN_TEXT = _FLOATS | _NOT_TEXT | {"title", "label", "caption", "table", "ref-list"}
_MAIN_ABSTRACTS = frozenset({"", "structured", "abstract", "short"})
_MAX_DEPTH = 100
_PREFERRED_DATES = ("epub", "ppub", "pub", "collection", "epub-ppub", "ecorrected")


def parse_jats(stream: BinaryIO, context: ReadContext) -> Iterator[Document]:
    for record in iter_records(stream, context, lambda tag: tag == "article"):
        if record.overflow:
            context.problem(record.line, context.too_long_reason(record.chars), kind="too long")
            continue
        document = _article(record.element, context, record.line)
        if document is not None:
            context.report.documents += 1
            yield document


def _article(article: ET.Element, context: ReadContext, line: int) -> Document | None:
    meta_element = article.find("front/article-meta")
    meta = _meta(article, meta_element, context)
    layout = PassageLayout()
    if meta_element is not None:
        title = meta_element.find("title-group/article-title")
        layout.add(
            Section.TITLE, squash(text_of(title, _SKIP_IN_TEXT)) if title is not None else ""
        )
        for abstract in meta_element.findall("abstract"):
            main = abstract.get("abstract-type", "").lower() in _MAIN_ABSTRACTS
            _Walker(layout, fixed=True).block(abstract, Section.ABSTRACT if main else Section.OTHER)
    walker = _Walker(layout)
    body = article.find("body")
    if body is not None:
        walker.block(body, Section.BODY, top=True)
    for floats in article.findall("floats-group"):
        walker.block(floats, Section.BODY)
    back = article.find("back")
    if back is not None:
        walker.block(back, Section.OTHER)
    if context.too_long(layout.chars):
        context.problem(line, context.too_long_reason(layout.chars), kind="too long")
        return None
    doc_id = document_id(meta.pmcid, meta.pmid, meta.doi, _stem(context))
    if not layout.passages:
        context.report.ignore("articles without text")
        return None
    return Document(id=doc_id, passages=layout.passages, meta=meta)


def _stem(context: ReadContext) -> str:
    name = context.source.rsplit("!", 1)[-1].rsplit("/", 1)[-1]
    return name.split(".", 1)[0]


def _meta(article: ET.Element, meta: ET.Element | None, context: ReadContext) -> DocumentMeta:
    ids: dict[str, str] = {}
    year = None
    if meta is not None:
        for item in meta.findall("article-id"):
            kind = item.get("pub-id-type", "").lower()
            if item.text and kind not in ids:
                ids[kind] = item.text.strip()
        year = _year(meta)
    journal = article.findtext("front/journal-meta/journal-title-group/journal-title")
    journal = journal or article.findtext("front/journal-meta/journal-title")
    return make_meta(
        source=context.source,
        format=FORMAT,
        pmid=ids.get("pmid"),
        pmcid=ids.get("pmc") or ids.get("pmcid"),
        doi=ids.get("doi"),
        year=year,
        journal=journal,
    )


def _year(meta: ET.Element) -> str | None:
    dates = {
        (d.get("pub-type") or d.get("date-type") or "").lower(): d.findtext("year")
        for d in meta.findall("pub-date")
    }
    for kind in _PREFERRED_DATES:
        if dates.get(kind):
            return dates[kind]
    return next((year for year in dates.values() if year), None)


class _Walker:
    """Walks JATS block structure and adds passages in reading order."""

    def __init__(self, layout: PassageLayout, *, fixed: bool = False) -> None:
        self.layout = layout
        self.fixed = fixed  # inside an abstract, subsections do not rename the section

    def add(self, section: Section, element: ET.Element | None) -> None:
        if element is not None:
            self.layout.add(section, squash(text_of(element, _SKIP_IN_TEXT)))

    def block(
        self, element: ET.Element, section: Section, *, top: bool = False, depth: int = 0
    ) -> None:
        """Passages of a container (body, sec, abstract, boxed-text, back, ...)."""
        if depth > _MAX_DEPTH:  # absurd nesting: read what is left as one passage
            self.add(section, element)
            return
        for child in element:
            tag = local(child.tag)
            if tag == "title" and local(element.tag) == "abstract":
                continue  # the abstract's own heading ("Abstract") is not text
            if tag == "sec":
                named = section if self.fixed else _sec_section(child, section, top=top)
                self.block(child, named, depth=depth + 1)
            elif tag in ("title", "p", "def", "term", "attrib", "speaker", "verse-line"):
                self.add(section, child)
                self.floats(child)
            elif tag in ("fig", "fig-group", "table-wrap", "table-wrap-group"):
                self.floating(child)
            elif tag == "supplementary-material":
                self.caption(child, Section.OTHER)
            elif tag in ("ref-list", "label", "object-id", "graphic", "table", "disp-formula"):
                continue
            elif tag in ("ack", "app-group", "app", "fn-group", "glossary", "notes", "bio"):
                other = section if section != Section.BODY else Section.OTHER
                self.block(child, other, depth=depth + 1)
            else:  # list, list-item, boxed-text, disp-quote, statement, fn, def-list, ...
                self.block(child, section, depth=depth + 1)

    def floats(self, paragraph: ET.Element) -> None:
        """Captions of figures and tables placed inside a paragraph, after the paragraph."""
        for child in paragraph.iter():
            if child is not paragraph and local(child.tag) in ("fig", "table-wrap"):
                self.floating(child)

    def floating(self, element: ET.Element) -> None:
        """Captions of a figure or table, or of a group and every figure or table in it."""
        tag = local(element.tag)
        if tag not in ("fig-group", "table-wrap-group"):
            self.one_float(element)
            return
        self.caption(
            element, Section.FIGURE_CAPTION if tag == "fig-group" else Section.TABLE_CAPTION
        )
        for child in element.iter():
            if child is not element and local(child.tag) in ("fig", "table-wrap"):
                self.one_float(child)

    def one_float(self, element: ET.Element) -> None:
        if local(element.tag) == "fig":
            self.caption(element, Section.FIGURE_CAPTION)
            return
        self.caption(element, Section.TABLE_CAPTION)
        for foot in element.findall("table-wrap-foot"):
            self.layout.add(Section.TABLE_CAPTION, squash(text_of(foot, _SKIP_IN_TEXT)))

    def caption(self, element: ET.Element, section: Section) -> None:
        caption = element.find("caption")
        if caption is not None:
            parts = (squash(text_of(part, _NOT_TEXT)) for part in caption)
            self.layout.add(section, " ".join(p for p in parts if p))


def _sec_section(sec: ET.Element, parent: Section, *, top: bool) -> Section:
    """A section's name: its sec-type, else its heading (top level) or exact heading (nested)."""
    by_type = section_of(sec.get("sec-type"))
    if by_type is not None:
        return by_type
    heading = sec.findtext("title") or ""
    return section_of(heading, heading=top) or parent
