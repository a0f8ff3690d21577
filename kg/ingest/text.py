"""Plain text and Markdown files: one file, one document, its id the file name.

The title is the first line (Markdown: the first ``#`` heading). The rest is split into
paragraphs at blank lines; a short line that reads like a section heading ("Methods",
"## 3. Results") names the section of the paragraphs after it. Passages keep their character
offsets in the file (after line endings are normalised to ``\\n``), and line breaks inside a
paragraph become spaces (same length), so hard-wrapped text reads as sentences while offsets
still point into the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from kg.ingest.context import ReadContext
from kg.ingest.lines import read_lines
from kg.ingest.meta import document_id, make_meta
from kg.ingest.sections import Section, section_of
from kg.model import Document, Passage

_MD_HEADING = re.compile(r"(#{1,6})[ \t]+(.*?)[ \t#]*$")
_MAX_HEADING = 80


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    offset: int
    text: str


def parse_text(stream: BinaryIO, context: ReadContext) -> Iterator[Document]:
    """The one document of a text file (``context.format`` is ``text`` or ``markdown``)."""
    lines: list[_Line] = []
    cursor = 0
    for line in read_lines(stream, context.max_chars):
        if line.error:
            context.problem(
                line.number,
                f"document skipped: {line.error}",
                kind="too long" if "longer" in line.error else "encoding",
            )
            return
        if context.too_long(cursor + len(line.text)):
            context.problem(line.number, context.over_limit_reason(), kind="too long")
            return
        lines.append(_Line(line.number, cursor, line.text))
        cursor += len(line.text) + 1
    markdown = context.format == "markdown"
    if markdown:
        lines = _skip_front_matter(lines)
    passages = _passages(lines, markdown)
    if not passages:
        context.problem(None, "no text in the file", kind="empty file")
        return
    name = context.source.rsplit("!", 1)[-1].replace("\\", "/").rsplit("/", 1)[-1]
    stem = name[:-3] if name.lower().endswith(".gz") else name
    doc_id = document_id(stem.rsplit(".", 1)[0] if "." in stem[1:] else stem)
    meta = make_meta(source=context.source, format=context.format)
    context.report.documents += 1
    yield Document(id=doc_id, passages=tuple(passages), meta=meta)


def _skip_front_matter(lines: list[_Line]) -> list[_Line]:
    """Drop a leading YAML front-matter block (``---`` ... ``---``)."""
    if lines and lines[0].text.strip() == "---":
        for index, line in enumerate(lines[1:], 1):
            if line.text.strip() in ("---", "..."):
                return lines[index + 1 :]
    return lines


def _passages(lines: list[_Line], markdown: bool) -> list[Passage]:
    # Markdown with headings: the first heading is the title; otherwise the first line is.
    title_from_heading = markdown and any(_MD_HEADING.match(line.text) for line in lines)
    passages: list[Passage] = []
    section = Section.BODY
    title_seen = False
    for block, is_heading in _blocks(lines, markdown):
        if not title_seen and is_heading == title_from_heading:
            title_seen = True
            passages.append(Passage(Section.TITLE, *_span(block[:1])))
            block = block[1:]
            if not block:
                continue
        offset, text = _span(block)
        named = _heading_section(text, is_heading)
        if named is not None:
            section = named
        passages.append(Passage(section, offset, text))
    return [p for p in passages if p.text]


def _heading_section(text: str, is_heading: bool) -> Section | None:
    """The section a heading-like paragraph opens, if it is one."""
    if is_heading:
        return section_of(text, heading=True)
    if len(text) <= _MAX_HEADING:  # a plain-text heading must be a known name ("2. Methods")
        return section_of(text)
    return None


def _blocks(lines: list[_Line], markdown: bool) -> Iterator[tuple[list[_Line], bool]]:
    """Paragraphs (runs of non-blank lines); Markdown headings are blocks of their own."""
    block: list[_Line] = []
    for line in lines:
        heading = _MD_HEADING.match(line.text) if markdown else None
        if heading is not None or not line.text.strip():
            if block:
                yield block, False
            block = []
            if heading is not None:
                start = heading.start(2)
                yield [_Line(line.number, line.offset + start, heading.group(2))], True
            continue
        block.append(line)
    if block:
        yield block, False


def _span(block: list[_Line]) -> tuple[int, str]:
    """Offset and text of a block: inner line breaks -> spaces, outer whitespace trimmed."""
    if not block:
        return 0, ""
    raw = " ".join(line.text for line in block)
    trimmed = raw.lstrip()
    offset = block[0].offset + len(raw) - len(trimmed)
    return offset, trimmed.rstrip()
