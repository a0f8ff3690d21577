"""Stream the documents out of a JSON file without loading the file.

BioC JSON comes as one collection (``{"source": ..., "documents": [...]}``), as PubTator3's
export (``{"PubTator3": [...]}``), as a bare list of documents, or as one document per line
(JSON Lines); irkg's own output is JSON Lines. ``iter_objects`` walks the top level with the
standard library's ``raw_decode`` over a sliding buffer and yields each document object as soon
as it is complete, so memory holds one document. An object bigger than the size limit is skipped
with a bracket-counting scan that never holds it whole.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from kg.ingest.context import ReadContext
from kg.ingest.report import Skipped

CHUNK = 1 << 20
DOCUMENT_ARRAYS = ("documents", "PubTator3")
# Used to skip huge objects: the rest of a string after its opening quote, and the characters
# that matter outside strings.
_STRING_REST = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*', re.DOTALL)
_STRUCTURE = re.compile(r'["{}\[\]]')
_WS = re.compile(r"[ \t\n\r]*")


_TOO_BIG = object()


class JsonProblem(Exception):
    """Raised inside the scanner; turned into one report line by ``iter_objects``."""

    def __init__(self, position: int, reason: str, kind: str) -> None:
        super().__init__(reason)
        self.position, self.reason, self.kind = position, reason, kind


@dataclass(frozen=True, slots=True)
class JsonObject:
    """A document object and the character position where it starts in the file."""

    value: dict[str, Any]
    position: int


class _Buffer:
    """Decoded text of the stream, read in chunks and dropped once consumed."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text = ""
        self.base = 0  # characters dropped before text[0]
        self.i = 0
        self.eof = False
        self.bytes_read = 0

    def more(self, size: int = 0) -> bool:
        if self.eof:
            return False
        size = size or CHUNK
        raw = self.stream.read(size)
        try:
            chunk = self.decoder.decode(raw, final=not raw)
        except UnicodeDecodeError as exc:
            where = self.base + len(self.text)
            raise JsonProblem(
                where, f"not valid UTF-8 near byte {self.bytes_read + exc.start}", "encoding"
            ) from None
        self.bytes_read += len(raw)
        self.eof = not raw
        if self.i > CHUNK:
            self.base += self.i
            self.text = self.text[self.i :]
            self.i = 0
        self.text += chunk
        return True

    def peek(self) -> str:
        """The next non-space character ('' at the end), skipping spaces."""
        while True:
            self.i = _WS.match(self.text, self.i).end()  # type: ignore[union-attr]
            if self.i < len(self.text):
                return self.text[self.i]
            if not self.more():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = self.text[self.i : self.i + 20] or "the end of the file"
            raise JsonProblem(
                self.base + self.i, f"expected {char!r} but found {found!r}", "malformed JSON"
            )
        self.i += 1

    @property
    def position(self) -> int:
        return self.base + self.i


def iter_objects(stream: BinaryIO, context: ReadContext) -> Iterator[JsonObject]:
    """Document objects of a JSON or JSON Lines stream; a problem is reported and ends it."""
    buffer = _Buffer(stream)
    limit = context.max_chars * 2 + 4096 if context.max_chars > 0 else 0
    try:
        while buffer.peek():
            yield from _top_value(buffer, limit, context)
    except JsonProblem as problem:
        context.problem(
            f"char {problem.position}",
            f"{problem.reason}; the rest of the file is skipped",
            kind=problem.kind,
            skipped=Skipped.FILE,
        )


def _top_value(buffer: _Buffer, limit: int, context: ReadContext) -> Iterator[JsonObject]:
    char = buffer.peek()
    if char == "[":
        buffer.i += 1
        yield from _array(buffer, limit, context)
    elif char == "{":
        yield from _object(buffer, limit, context)
    else:
        raise JsonProblem(
            buffer.position, f"expected a JSON object or list, found {char!r}", "malformed JSON"
        )


def _object(buffer: _Buffer, limit: int, context: ReadContext) -> Iterator[JsonObject]:
    """An object at the top level: stream its document arrays, keep its other members."""
    start = buffer.position
    buffer.expect("{")
    members: dict[str, Any] = {}
    while buffer.peek() != "}":
        if not buffer.peek():
            raise JsonProblem(buffer.position, "JSON ends early, file truncated?", "truncated JSON")
        if members:
            buffer.expect(",")
        key = _decode(buffer, 0, context)
        if not isinstance(key, str):
            raise JsonProblem(buffer.position, "object keys must be strings", "malformed JSON")
        buffer.expect(":")
        if key in DOCUMENT_ARRAYS and buffer.peek() == "[":
            buffer.i += 1
            yield from _array(buffer, limit, context)
            members[key] = None
        else:
            members[key] = _decode(buffer, limit, context)
    buffer.i += 1
    if "passages" in members and _TOO_BIG not in members.values():
        yield JsonObject(members, start)  # the top-level object is itself a document (JSONL)


def _array(buffer: _Buffer, limit: int, context: ReadContext) -> Iterator[JsonObject]:
    first = True
    while buffer.peek() != "]":
        if not buffer.peek():
            raise JsonProblem(buffer.position, "JSON ends early, file truncated?", "truncated JSON")
        if not first:
            buffer.expect(",")
        first = False
        start = buffer.position
        yield from _documents_in(_decode(buffer, limit, context), start, context)
    buffer.i += 1


def _documents_in(value: Any, start: int, context: ReadContext) -> Iterator[JsonObject]:
    """A list item: a document, a collection of documents, or something reported."""
    if value is _TOO_BIG:
        return
    if isinstance(value, dict) and "passages" in value:
        yield JsonObject(value, start)
    elif isinstance(value, dict) and any(isinstance(value.get(k), list) for k in DOCUMENT_ARRAYS):
        for key in DOCUMENT_ARRAYS:
            items = value.get(key)
            for item in items if isinstance(items, list) else []:
                yield from _documents_in(item, start, context)
    else:
        what = (
            f"an object with keys {sorted(value)[:5]}"
            if isinstance(value, dict)
            else (f"a JSON {type(value).__name__}")
        )
        reason = f"not a BioC document or collection but {what}"
        context.problem(f"char {start}", reason, kind="bad document")


def _decode(buffer: _Buffer, limit: int, context: ReadContext) -> Any:
    """The JSON value at the cursor, reading more text until it is complete."""
    decoder = json.JSONDecoder()
    buffer.peek()
    size = CHUNK
    while True:
        try:
            value, end = decoder.raw_decode(buffer.text, buffer.i)
        except RecursionError:
            raise JsonProblem(buffer.position, "JSON nested too deeply", "malformed JSON") from None
        except json.JSONDecodeError as exc:
            # an error near the end of the buffer may just be a value (or escape) cut in two
            cut = exc.pos >= len(buffer.text) - 16 or exc.msg.startswith("Unterminated")
            if not cut or buffer.eof:
                kind = "truncated JSON" if buffer.eof else "malformed JSON"
                raise JsonProblem(buffer.base + exc.pos, f"{exc.msg}", kind) from None
        else:
            if end < len(buffer.text) or buffer.eof:
                buffer.i = end
                return value
        if limit and len(buffer.text) - buffer.i > limit:
            start = buffer.position
            _skip(buffer)
            context.problem(f"char {start}", context.over_limit_reason(), kind="too long")
            return _TOO_BIG
        buffer.more(size)
        size = min(size * 2, 64 * CHUNK)


def _skip(buffer: _Buffer) -> None:
    """Move past the object or array at the cursor, dropping text as it goes (linear time: a
    string cut by the end of the buffer is resumed, not rescanned)."""
    depth = 0
    in_string = False
    while True:
        text = buffer.text
        while True:
            if in_string:
                buffer.i = _STRING_REST.match(text, buffer.i).end()  # type: ignore[union-attr]
                if buffer.i >= len(text) or text[buffer.i] != '"':
                    break  # the string goes on (or an escape is cut) past the buffer
                buffer.i += 1
                in_string = False
            match = _STRUCTURE.search(text, buffer.i)
            if match is None:
                buffer.i = len(text)
                break
            buffer.i = match.end()
            char = match.group()
            if char == '"':
                in_string = True
                continue
            depth += 1 if char in "{[" else -1
            if depth == 0:
                return
        if not buffer.more():
            raise JsonProblem(buffer.position, "JSON ends early, file truncated?", "truncated JSON")
