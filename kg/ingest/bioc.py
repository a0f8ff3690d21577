"""BioC documents (XML and JSON, PubTator3/PMC style) -> annotated ``Document``s.

BioC passages carry their own document-level ``offset``, so passages are placed exactly where
the file says (gaps filled with newlines by ``Document.text``) and annotation offsets stay
valid. Sections come from the passage infons: PMC's ``section_type`` (INTRO, METHODS, FIG, ...)
first, then ``type`` (front, abstract, fig_caption, paragraph, ...). Annotations become gold
``Mention``s under the same rules as PubTator lines. Both encodings are first turned into the
same plain structure (BioC JSON's), so one converter serves both.
"""

from __future__ import annotations

import itertools
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any, BinaryIO

from kg.ingest.context import DEFAULT_MAX_CHARS, ReadContext
from kg.ingest.gold import gold_mention
from kg.ingest.jsonstream import iter_objects
from kg.ingest.meta import document_id, make_meta
from kg.ingest.report import IngestReport, Skipped
from kg.ingest.sections import Section, section_of
from kg.ingest.xmlstream import iter_records
from kg.model import AnnotatedDocument, Document, DocumentMeta, Mention, Passage

_CAPTIONS = (
    "fig_caption",
    "fig_title_caption",
    "table_caption",
    "table_title_caption",
    "table_footnote",
    "table",
)
_ID_KEYS = (
    "identifier",
    "Identifier",
    "MESH",
    "NCBI Gene",
    "NCBI GENE",
    "NCBIGene",
    "Cellosaurus",
    "NCBI Taxonomy",
    "CL",
    "normalized_id",  # PubTator3: the bare id (D009369, 7124) when "identifier" is absent
)


def read_bioc(
    path: str | os.PathLike[str],
    *,
    report: IngestReport | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[AnnotatedDocument]:
    """Documents of one BioC XML or JSON file (plain or .gz) with their annotations as gold
    mentions (the format is sniffed, so any other format reads too, without mentions).
    Problems go to ``report`` (logged as warnings without one); a missing file raises
    ``InputError``."""
    from kg.ingest.reader import read_file  # the reader imports this module

    yield from read_file(path, None, report=report, max_chars=max_chars)


def parse_bioc_xml(stream: BinaryIO, context: ReadContext) -> Iterator[AnnotatedDocument]:
    for record in iter_records(stream, context, lambda tag: tag == "document"):
        if record.overflow:
            context.problem(record.line, context.too_long_reason(record.chars), kind="too long")
            continue
        annotated = convert(_xml_document(record.element), context, record.line)
        if annotated is not None:
            yield annotated


def parse_bioc_json(stream: BinaryIO, context: ReadContext) -> Iterator[AnnotatedDocument]:
    for item in iter_objects(stream, context):
        annotated = convert(item.value, context, f"char {item.position}")
        if annotated is not None:
            yield annotated


# --------------------------------------------------------------------------- XML -> plain


def _infons(element: ET.Element) -> dict[str, str]:
    return {i.get("key", ""): i.text or "" for i in element.findall("infon")}


def _xml_annotation(element: ET.Element) -> dict[str, Any]:
    return {
        "id": element.get("id", ""),
        "infons": _infons(element),
        "locations": [dict(loc.attrib) for loc in element.findall("location")],
        "text": element.findtext("text", ""),
    }


def _xml_passage(element: ET.Element) -> dict[str, Any]:
    return {
        "infons": _infons(element),
        "offset": element.findtext("offset", ""),
        "text": element.findtext("text"),
        "sentences": [
            {
                "offset": s.findtext("offset", ""),
                "text": s.findtext("text", ""),
                "annotations": [_xml_annotation(a) for a in s.findall("annotation")],
            }
            for s in element.findall("sentence")
        ],
        "annotations": [_xml_annotation(a) for a in element.findall("annotation")],
        "relations": [_infons(r) for r in element.findall("relation")],  # counted, not read
    }


def _xml_document(element: ET.Element) -> dict[str, Any]:
    return {
        "id": element.findtext("id", ""),
        "infons": _infons(element),
        "passages": [_xml_passage(p) for p in element.findall("passage")],
        "annotations": [_xml_annotation(a) for a in element.findall("annotation")],
        "relations": [_infons(r) for r in element.findall("relation")],  # counted, not read
    }


# --------------------------------------------------------------------------- plain -> records


class _Bad(Exception):
    """A document-level problem found while converting; the document is skipped."""


def convert(
    data: dict[str, Any], context: ReadContext, position: str | int
) -> AnnotatedDocument | None:
    """An annotated document from a BioC document structure, or None (reported) when unusable."""
    try:
        passages = _passages(data)
        infons = _merged_infons(data)
        doc_id = document_id(
            data.get("id"),
            data.get("pmid"),
            infons.get("article-id_pmid"),
            data.get("pmcid"),
            infons.get("article-id_pmc"),
        )
        if not doc_id:
            raise _Bad("BioC document has no id")
        chars = passages[-1].end if passages else 0
        if context.too_long(chars):
            raise _Bad(context.too_long_reason(chars))
        document = Document(id=doc_id, passages=tuple(passages), meta=_meta(data, infons, context))
    except (_Bad, ValueError, TypeError) as exc:
        context.problem(position, f"document skipped: {exc}", kind="bad document")
        return None
    mentions = tuple(_mentions(data, document, context, position))
    relations = _relation_count(data)
    if relations:  # PubTator3's document-level relations carry no evidence sentence
        context.report.ignore("BioC relations", relations)
    context.report.documents += 1
    context.report.mentions += len(mentions)
    return AnnotatedDocument(document=document, mentions=mentions)


def _passages(data: dict[str, Any]) -> list[Passage]:
    raw = data.get("passages") or []
    if not isinstance(raw, list) or not all(isinstance(p, dict) for p in raw):
        raise _Bad("'passages' is not a list of objects")
    passages = sorted((_passage(p) for p in raw), key=lambda p: p.offset)
    if passages and passages[0].offset == 0 and not any(p.get("infons") for p in raw):
        # bare BioC (CRAFT) has no infons at all; by BioC convention the title comes first
        passages[0] = Passage(Section.TITLE, 0, passages[0].text)
    for before, after in itertools.pairwise(passages):
        if after.offset < before.end:
            raise _Bad(f"passage at offset {after.offset} overlaps the one ending at {before.end}")
    return passages


def _passage(data: dict[str, Any]) -> Passage:
    try:
        offset = int(str(data.get("offset", 0)).strip() or 0)
    except ValueError:
        raise _Bad(f"passage offset {data.get('offset')!r} is not a number") from None
    text = data.get("text")
    if text is None:
        text = _sentence_text(data.get("sentences") or [], offset)
    if not isinstance(text, str):
        raise _Bad("passage text is not a string")
    infons = data.get("infons") or {}
    return Passage(_section(infons if isinstance(infons, dict) else {}), offset, text)


def _sentence_text(sentences: Any, offset: int) -> str:
    """A passage's text rebuilt from its sentences, each at its own offset (gaps -> spaces)."""
    try:
        placed = sorted((int(s.get("offset", 0)), str(s.get("text", ""))) for s in sentences)
    except (AttributeError, TypeError, ValueError):
        raise _Bad("unreadable sentences in a passage without text") from None
    parts: list[str] = []
    cursor = offset
    for start, text in placed:
        if start < cursor:
            raise _Bad(f"sentence at offset {start} overlaps the previous one")
        parts.append(" " * (start - cursor) + text)
        cursor = start + len(text)
    return "".join(parts)


def _section(infons: dict[str, Any]) -> Section:
    kind = str(infons.get("type", "")).strip().lower()
    section_type = str(infons.get("section_type", "")).strip()
    if kind in _CAPTIONS:
        return section_of(kind) or Section.OTHER
    if kind in ("front", "title"):
        return Section.TITLE
    if section_type:
        return section_of(section_type) or Section.OTHER
    if kind.startswith("abstract"):
        return Section.ABSTRACT
    if kind.startswith("title") or kind in ("paragraph", ""):
        return Section.BODY  # a heading or paragraph of an unnamed section
    return section_of(kind) or Section.OTHER


def _merged_infons(data: dict[str, Any]) -> dict[str, str]:
    """Document infons plus those of its first passages (PMC puts ids and year on 'front')."""
    merged: dict[str, str] = {}
    for passage in (data.get("passages") or [])[:3]:
        infons = passage.get("infons") if isinstance(passage, dict) else None
        if isinstance(infons, dict):
            merged.update({k: str(v) for k, v in infons.items() if k not in merged})
    infons = data.get("infons")
    if isinstance(infons, dict):
        merged.update({k: str(v) for k, v in infons.items()})
    return merged


def _meta(data: dict[str, Any], infons: dict[str, str], context: ReadContext) -> DocumentMeta:
    pmcid = data.get("pmcid") or infons.get("article-id_pmc")
    pmid = data.get("pmid") or infons.get("article-id_pmid")
    if pmid is None and pmcid is None and str(data.get("id", "")).isdigit():
        pmid = data.get("id")  # PubTator and CRAFT use the PMID as the document id
    return make_meta(
        source=context.source,
        format=context.format,
        pmid=pmid,
        pmcid=pmcid,
        doi=data.get("doi") or infons.get("article-id_doi"),
        year=data.get("year") or infons.get("year") or data.get("date"),
        journal=data.get("journal") or infons.get("journal") or infons.get("source"),
    )


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _relation_count(data: dict[str, Any]) -> int:
    passages = _items(data.get("passages"))
    inner = sum(len(_items(p.get("relations"))) for p in passages if isinstance(p, dict))
    return len(_items(data.get("relations"))) + inner


def _annotations(data: dict[str, Any]) -> Iterator[Any]:
    yield from _items(data.get("annotations"))
    for passage in _items(data.get("passages")):
        yield from _items(passage.get("annotations"))
        for sentence in _items(passage.get("sentences")):
            if isinstance(sentence, dict):
                yield from _items(sentence.get("annotations"))


def _mentions(
    data: dict[str, Any], document: Document, context: ReadContext, position: str | int
) -> Iterator[Mention]:
    text = document.text
    for annotation in _annotations(data):
        if not isinstance(annotation, dict):
            context.problem(
                position,
                f"annotation is not an object: {annotation!r:.60}",
                kind="bad annotation",
                skipped=Skipped.ANNOTATION,
            )
            continue
        where = f"{position}, annotation {annotation.get('id', '?')}"
        locations = _items(annotation.get("locations"))
        if len(locations) > 1:
            context.report.ignore("discontinuous annotations")
            continue
        infons = annotation.get("infons")
        infons = infons if isinstance(infons, dict) else {}
        try:
            start = int(locations[0].get("offset"))
            end = start + int(locations[0].get("length"))
        except (AttributeError, IndexError, TypeError, ValueError):
            context.problem(
                where,
                f"no readable location in {locations!r:.60}",
                kind="bad offsets",
                skipped=Skipped.ANNOTATION,
            )
            continue
        raw_ids = next((str(infons[k]) for k in _ID_KEYS if infons.get(k)), "")
        mention = gold_mention(
            context,
            where,
            doc_id=document.id,
            text=text,
            start=start,
            end=end,
            gold=str(annotation.get("text", "")),
            raw_type=str(infons.get("type", "")),
            raw_ids=raw_ids,
        )
        if mention is not None:
            yield mention
