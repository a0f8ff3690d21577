"""PubTator files: ``ID|t|title``, ``ID|a|abstract``, then ``ID<TAB>start<TAB>end<TAB>text<TAB>
type<TAB>ids`` annotation lines; documents are separated by blank lines.

The title is placed at offset 0 and every further text line one character after the previous
one ends (the abstract at ``len(title) + 1``), so gold offsets line up character for character
with ``Document.text``. Gold lines become ``Mention``s (``source="gold"``); a line whose text does
not match the document at its offsets, or whose offsets fall outside the text, is reported and
skipped, never silently corrected. Types irkg does not model (Variant, FamilyName, ...) and
relation lines (``ID<TAB>CID<TAB>...``) are counted in the report as ignored.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from kg.ingest.context import DEFAULT_MAX_CHARS, ReadContext
from kg.ingest.gold import gold_mention
from kg.ingest.lines import Line, read_lines
from kg.ingest.report import IngestReport, Skipped
from kg.ingest.sections import Section, section_of
from kg.model import AnnotatedDocument, Document, DocumentMeta, Mention, Passage

FORMAT = "pubtator"
_TEXT_LINE = re.compile(r"([^|\t]+)\|([a-z])\|(.*)", re.DOTALL)


def read_pubtator(
    path: str | os.PathLike[str],
    *,
    report: IngestReport | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[AnnotatedDocument]:
    """Documents of one PubTator file (plain or .gz) with their gold mentions.

    Problems (bad lines, offset mismatches) are recorded in ``report``; without one they are
    logged as warnings on the ``kg.ingest`` logger. A missing file raises ``InputError``.
    """
    from kg.ingest.reader import read_file  # the reader imports this module

    yield from read_file(path, FORMAT, report=report, max_chars=max_chars)


def parse_pubtator(stream: BinaryIO, context: ReadContext) -> Iterator[AnnotatedDocument]:
    """Annotated documents of a PubTator byte stream; problems go to ``context``."""
    block = _Block()
    for line in read_lines(stream, context.max_chars):
        if line.error:
            block.error = block.error or (line.number, line.error)
            continue
        if not line.text.strip():
            yield from _finish(block, context)
            block = _Block()
            continue
        match = _TEXT_LINE.match(line.text)
        if match is None:
            block.first = block.first or line.number
            block.annotations.append(line)
            continue
        # a text line opens a new document after annotations, on a new id or a second title
        if block.first and (block.annotations or match[1] != block.doc_id or match[2] == "t"):
            yield from _finish(block, context)
            block = _Block()
        block.first = block.first or line.number
        block.doc_id = block.doc_id or match[1]
        block.texts.append((match[2], match[3]))
    yield from _finish(block, context)


@dataclass(slots=True)
class _Block:
    """The lines of one document, collected until a blank line or a new document starts."""

    first: int = 0
    doc_id: str = ""
    texts: list[tuple[str, str]] = field(default_factory=list)
    annotations: list[Line] = field(default_factory=list)
    error: tuple[int, str] | None = None


def _finish(block: _Block, context: ReadContext) -> Iterator[AnnotatedDocument]:
    if block.error is not None:
        number, reason = block.error
        kind = "too long" if "longer" in reason else "encoding"
        context.problem(number, f"document skipped: {reason}", kind=kind)
        return
    if not block.first:
        return
    if not block.texts:
        context.problem(block.first, "annotation lines without a title line", kind="no text line")
        return
    document = _document(block.doc_id, block.texts, context, block.first)
    if document is None:
        return
    mentions = tuple(_mentions(document, block.annotations, context))
    context.report.documents += 1
    context.report.mentions += len(mentions)
    yield AnnotatedDocument(document=document, mentions=mentions)


def _document(
    doc_id: str, texts: list[tuple[str, str]], context: ReadContext, line: int
) -> Document | None:
    passages: list[Passage] = []
    cursor = 0
    for kind, text in texts:
        offset = cursor + 1 if passages else 0
        section = section_of(kind) or Section.OTHER
        passages.append(Passage(section, offset, text))
        cursor = offset + len(text)
    if context.too_long(cursor):
        context.problem(line, context.too_long_reason(cursor), kind="too long")
        return None
    pmid = doc_id if doc_id.isdigit() and len(doc_id) <= 9 else None
    meta = DocumentMeta(pmid=pmid, source=context.source, format=FORMAT)
    try:
        return Document(id=doc_id.strip(), passages=tuple(passages), meta=meta)
    except ValueError as exc:
        context.problem(line, f"document skipped: {exc}", kind="bad document")
        return None


def _mentions(document: Document, lines: list[Line], context: ReadContext) -> Iterator[Mention]:
    text = document.text
    for line in lines:
        fields = line.text.split("\t")
        if len(fields) >= 4 and not fields[1].strip().isdigit():
            context.report.ignore("relation lines")
            continue
        mention = _mention(document.id, text, fields, line.number, context)
        if mention is not None:
            yield mention


def _mention(
    doc_id: str, text: str, fields: list[str], number: int, context: ReadContext
) -> Mention | None:
    if len(fields) < 5 or not fields[2].strip().isdigit():
        context.problem(
            number,
            f"not an annotation line ({len(fields)} tab-separated fields)",
            kind="bad line",
            skipped=Skipped.ANNOTATION,
        )
        return None
    if fields[0].strip() != doc_id:
        context.problem(
            number,
            f"annotation for document {fields[0]!r} inside document {doc_id!r}",
            kind="bad line",
            skipped=Skipped.ANNOTATION,
        )
        return None
    return gold_mention(
        context,
        number,
        doc_id=doc_id,
        text=text,
        start=int(fields[1]),
        end=int(fields[2]),
        gold=fields[3],
        raw_type=fields[4],
        raw_ids=fields[5] if len(fields) > 5 else "",
    )
