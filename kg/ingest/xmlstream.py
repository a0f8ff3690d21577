"""Stream an XML file record by record (a PubmedArticle, a BioC document, a JATS article).

Only the elements inside a record are built (with ``xml.etree``'s C ``TreeBuilder``); everything
between records is dropped as it is parsed, so memory is one record deep whatever the file size.
A record whose text exceeds the size limit has its text dropped while it is parsed and comes back
flagged, so the reader can report it and go on. Entities such as ``&nbsp;`` declared only in an
external DTD (JATS, PubMed) are resolved from the HTML5 table instead of failing. Malformed or
truncated XML ends the file with one problem at ``line:column``; the records before it are kept.
"""

from __future__ import annotations

import html.entities
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import BinaryIO
from xml.parsers import expat

from kg.ingest.context import ReadContext
from kg.ingest.report import Skipped

CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Record:
    """One complete record element, where it started, and whether its text was cut."""

    element: ET.Element
    line: int
    chars: int
    overflow: bool


@cache
def _entities() -> dict[str, str]:
    return {k[:-1]: v for k, v in html.entities.html5.items() if k.endswith(";")}


class _Builder:
    """expat handlers that build record elements and drop everything outside them."""

    def __init__(self, parser: expat.XMLParserType, is_record: Callable[[str], bool], limit: int):
        self.parser = parser
        self.is_record = is_record
        self.limit = limit
        self.tree: ET.TreeBuilder | None = None
        self.depth = 0
        self.line = 0
        self.chars = 0
        self.overflow = False
        self.done: list[Record] = []

    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.tree is None:
            if not self.is_record(name):
                return
            self.tree = ET.TreeBuilder()
            self.depth, self.chars, self.overflow = 0, 0, False
            self.line = self.parser.CurrentLineNumber
        self.depth += 1
        self.tree.start(name, attrs)

    def end(self, name: str) -> None:
        if self.tree is None:
            return
        self.tree.end(name)
        self.depth -= 1
        if self.depth == 0:
            element = self.tree.close()
            self.done.append(Record(element, self.line, self.chars, self.overflow))
            self.tree = None

    def data(self, text: str) -> None:
        if self.tree is None:
            return
        self.chars += len(text)
        if 0 < self.limit < self.chars:
            self.overflow = True
        elif not self.overflow:
            self.tree.data(text)

    def skipped_entity(self, name: str, is_parameter: bool) -> None:
        value = _entities().get(name)
        if value is not None and not is_parameter:
            self.data(value)


def iter_records(
    stream: BinaryIO, context: ReadContext, is_record: Callable[[str], bool]
) -> Iterator[Record]:
    """Complete records of an XML stream; a parse error is reported and ends the stream."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = CHUNK
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    builder = _Builder(parser, is_record, context.max_chars)
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.SkippedEntityHandler = builder.skipped_entity
    parser.ordered_attributes = False
    offset = 0
    while True:
        chunk = stream.read(CHUNK)
        try:
            parser.Parse(chunk, not chunk)
        except expat.ExpatError as exc:
            yield from builder.done
            _report(context, exc, chunk, parser.ErrorByteIndex - offset, final=not chunk)
            return
        offset += len(chunk)
        yield from builder.done
        builder.done.clear()
        if not chunk:
            return


def _report(
    context: ReadContext, exc: expat.ExpatError, chunk: bytes, index: int, final: bool
) -> None:
    message = expat.errors.messages.get(exc.code, str(exc)) if exc.code else str(exc)
    position = f"{exc.lineno}:{exc.offset + 1}"
    if 0 <= index < len(chunk) and chunk[index] >= 0x80:
        reason = f"byte 0x{chunk[index]:02x} is not valid in the file's encoding ({message})"
        kind = "encoding"
    elif final:
        reason, kind = f"XML ends early, file truncated? ({message})", "truncated XML"
    else:
        reason, kind = f"malformed XML ({message})", "malformed XML"
    context.problem(
        position, f"{reason}; the rest of the file is skipped", kind=kind, skipped=Skipped.FILE
    )


def local(tag: str) -> str:
    """A tag without its namespace prefix (``mml:math`` -> ``math``)."""
    return tag.rsplit(":", 1)[-1]


_GRAPHICS = frozenset({"graphic", "inline-graphic", "media"})


def _children(node: ET.Element) -> list[ET.Element]:
    """Children to read; of JATS ``<alternatives>`` (MathML, TeX, image) only the first text."""
    if node.tag != "alternatives":
        return list(node)
    return [child for child in node if child.tag not in _GRAPHICS][:1]


def text_of(element: ET.Element, skip: frozenset[str] = frozenset()) -> str:
    """All text inside ``element`` in document order, leaving out subtrees tagged in ``skip``
    (their tails are kept). Iterative, so deeply nested input cannot exhaust the stack."""
    parts: list[str] = []
    stack: list[tuple[ET.Element, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if node is not element and node.tail:
                parts.append(node.tail)
            continue
        if node is not element and node.tag in skip:
            if node.tail:
                parts.append(node.tail)
            continue
        if node.text:
            parts.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(_children(node)))
    return "".join(parts)
