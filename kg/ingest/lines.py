"""Read a byte stream as numbered text lines, one at a time, reporting bad lines in place.

Line-based formats (PubTator, JSON Lines) must keep every good document of a file even when one
line is not UTF-8 or absurdly long, so decoding happens per line and a bad line comes back as a
``Line`` with an ``error`` rather than as an exception that would end the file. A line longer
than the limit is consumed in bounded chunks and never held whole.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}


@dataclass(frozen=True, slots=True)
class Line:
    """Line ``number`` (1-based) with its text (no line break), or ``error`` when unreadable."""

    number: int
    text: str
    error: str = ""


def read_lines(stream: BinaryIO, max_chars: int = 0) -> Iterator[Line]:
    """Numbered lines of a UTF-8 (or BOM-marked UTF-16) stream; ``max_chars`` 0 = no limit."""
    limit = max_chars * 4 + 2 if max_chars > 0 else -1
    if not isinstance(stream, io.BufferedReader):
        stream = io.BufferedReader(stream)  # type: ignore[arg-type]
    bom = stream.peek(2)[:2]
    if bom in _BOMS:
        stream.read(2)
        yield from _read_utf16(stream, _BOMS[bom], max_chars)
        return
    number = 0
    while True:
        raw = stream.readline(limit)
        if not raw:
            return
        number += 1
        if limit > 0 and len(raw) >= limit and not raw.endswith(b"\n"):
            while (more := stream.readline(1 << 20)) and not more.endswith(b"\n"):
                pass
            yield Line(number, "", f"line is longer than {max_chars:,} characters")
            continue
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        yield _decode(number, raw, max_chars)


def _decode(number: int, raw: bytes, max_chars: int) -> Line:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        column = len(raw[: exc.start].decode("utf-8", "replace")) + 1
        reason = f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {column})"
        return Line(number, "", reason)
    text = text.removesuffix("\n").removesuffix("\r")
    if 0 < max_chars < len(text):
        return Line(number, "", f"line is longer than {max_chars:,} characters")
    return Line(number, text)


def _read_utf16(stream: BinaryIO, encoding: str, max_chars: int) -> Iterator[Line]:
    text_stream = io.TextIOWrapper(stream, encoding=encoding, newline=None)  # type: ignore[arg-type]
    number = 0
    try:
        for number, text in enumerate(text_stream, 1):
            text = text.removesuffix("\n")
            if 0 < max_chars < len(text):
                yield Line(number, "", f"line is longer than {max_chars:,} characters")
            else:
                yield Line(number, text)
    except UnicodeDecodeError as exc:
        yield Line(number + 1, "", f"not valid {encoding.upper()} ({exc.reason})")
    finally:
        text_stream.detach()
