"""Turn what the user named (files, folders, globs, .gz/.zip/.tar archives) into open inputs.

Each ``Input`` is one stream of one would-be document file with its first bytes already read
(``head``) so the format can be sniffed without a second open. Archives are unpacked as streams,
member by member, and compressed files are decompressed on the fly: memory stays flat whatever
the size of the input. An input is only valid until the next one is requested, so consumers
read it fully (or drop it) before moving on.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import sys
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from kg.ingest.report import IngestReport, Problem, Skipped

HEAD_BYTES = 65536
MAX_NESTING = 4
_GLOB_CHARS = frozenset("*?[")
# Errors a damaged compressed file or archive raises while it is being read.
STREAM_ERRORS = (OSError, EOFError, zlib.error, zipfile.BadZipFile, tarfile.TarError)


@dataclass(slots=True)
class Input:
    """One readable stream: ``name`` for messages, ``hint`` (a file name) for format and ids."""

    name: str
    hint: str
    head: bytes
    stream: BinaryIO


class _Replay(io.RawIOBase):
    """A stream that first returns bytes already read, then the rest of the original stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _read_head(stream: BinaryIO, size: int = HEAD_BYTES) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _make_input(name: str, hint: str, stream: BinaryIO) -> Input:
    head = _read_head(stream)
    replay = io.BufferedReader(_Replay(head, stream), buffer_size=HEAD_BYTES)
    return Input(name, hint, head, replay)  # type: ignore[arg-type]


def _hidden(part: str) -> bool:
    return part.startswith(".") or part == "__MACOSX"


def _problem(report: IngestReport, name: str, reason: str, kind: str) -> None:
    report.add(Problem(name, None, reason, kind, Skipped.FILE))


def expand_paths(paths: Iterable[str | os.PathLike[str]], report: IngestReport) -> Iterator[Path]:
    """Files named by ``paths``: files as given, folders walked (sorted, hidden names skipped),
    globs expanded (``**`` included). Paths that name nothing are reported, not raised."""
    for raw in paths:
        path = Path(raw)
        if path.is_file():
            yield path
        elif path.is_dir():
            yield from _walk(path)
        elif _GLOB_CHARS & set(str(raw)):
            matches = sorted(glob.glob(str(raw), recursive=True))
            if not matches:
                _problem(report, str(raw), "no file matches this pattern", "no such file")
            for match in matches:
                yield from expand_paths([match], report)
        else:
            _problem(report, str(raw), "no such file or directory", "no such file")


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        for name in sorted(files):
            if not _hidden(name):
                yield Path(root) / name


def iter_inputs(paths: Iterable[str | os.PathLike[str]], report: IngestReport) -> Iterator[Input]:
    """Open every file named by ``paths`` and every member of every archive among them;
    ``-`` is standard input."""
    for raw in [paths] if isinstance(paths, str | os.PathLike) else paths:
        if str(raw) == "-":
            yield from _unpack(_make_input("<stdin>", "stdin", sys.stdin.buffer), report, depth=0)
            continue
        for path in expand_paths([raw], report):
            yield from _open_file(path, report)


def _open_file(path: Path, report: IngestReport) -> Iterator[Input]:
    try:
        stream = path.open("rb")
    except OSError as exc:
        _problem(report, str(path), f"cannot open: {exc.strerror or exc}", "unreadable file")
        return
    with stream:
        try:
            first = _make_input(str(path), path.name, stream)
        except STREAM_ERRORS as exc:
            _problem(report, str(path), f"cannot read: {exc}", "unreadable file")
            return
        yield from _unpack(first, report, depth=0)


def _unpack(item: Input, report: IngestReport, depth: int) -> Iterator[Input]:
    """Yield ``item`` itself, or the members of the archive or compressed file it is."""
    head = item.head
    if depth >= MAX_NESTING and (head[:2] == b"\x1f\x8b" or head[:4] == b"PK\x03\x04"):
        _problem(report, item.name, f"archives nested more than {MAX_NESTING} deep", "archive")
        return
    try:
        if head[:2] == b"\x1f\x8b":
            inner = gzip.GzipFile(fileobj=item.stream, mode="rb")
            hint = item.hint[:-3] if item.hint.lower().endswith(".gz") else item.hint
            yield from _unpack(_make_input(item.name, hint, inner), report, depth + 1)  # type: ignore[arg-type]
        elif head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
            yield from _zip_members(item, report, depth)
        elif len(head) > 262 and head[257:262] == b"ustar":
            yield from _tar_members(item, report, depth)
        else:
            yield item
    except STREAM_ERRORS as exc:
        _problem(report, item.name, f"damaged archive or compressed file: {exc}", "bad archive")


def _zip_members(item: Input, report: IngestReport, depth: int) -> Iterator[Input]:
    # zipfile needs to seek; a nested or compressed zip is copied to a spooled temp file first.
    with tempfile.SpooledTemporaryFile(max_size=32 << 20) as spool:
        while chunk := item.stream.read(1 << 20):
            spool.write(chunk)
        spool.seek(0)
        with zipfile.ZipFile(spool) as archive:
            for info in archive.infolist():
                if info.is_dir() or any(_hidden(p) for p in info.filename.split("/")):
                    continue
                name = f"{item.name}!{info.filename}"
                try:
                    member = archive.open(info)
                except (RuntimeError, NotImplementedError, *STREAM_ERRORS) as exc:
                    _problem(report, name, f"cannot open archive member: {exc}", "bad archive")
                    continue
                with member:
                    hint = info.filename.rsplit("/", 1)[-1]
                    yield from _unpack(_make_input(name, hint, member), report, depth + 1)  # type: ignore[arg-type]


def _tar_members(item: Input, report: IngestReport, depth: int) -> Iterator[Input]:
    with tarfile.open(fileobj=item.stream, mode="r|") as archive:
        for info in archive:
            if not info.isfile() or any(_hidden(p) for p in info.name.split("/")):
                continue
            member = archive.extractfile(info)
            if member is None:
                continue
            name = f"{item.name}!{info.name}"
            hint = info.name.rsplit("/", 1)[-1]
            yield from _unpack(_make_input(name, hint, member), report, depth + 1)  # type: ignore[arg-type]
