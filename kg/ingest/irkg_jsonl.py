"""irkg's own JSON Lines (what ``irkg ingest`` writes): one ``to_record(Document)`` per line.

A line may also hold a whole ``to_record(AnnotatedDocument)`` (``{"document": ..., "mentions":
...}``, what ``irkg import pubtator3`` and ``irkg annotate --format jsonl`` write): it is read
with its mentions, relations and regimens, so ``irkg build --recognizer gold`` uses them.

Writing and reading live together so the two stay inverse; reading it back lets later stages
start from an ingested corpus without re-parsing the papers.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO, TypeVar

from kg.errors import InputError
from kg.ingest.context import ReadContext
from kg.ingest.lines import read_lines
from kg.model import AnnotatedDocument, Document, from_record, to_record

FORMAT = "irkg-jsonl"
T = TypeVar("T")


def parse_irkg_jsonl(
    stream: BinaryIO, context: ReadContext
) -> Iterator[Document | AnnotatedDocument]:
    for line in read_lines(stream, context.max_chars * 2 if context.max_chars else 0):
        if line.error:
            context.problem(line.number, f"document skipped: {line.error}", kind="encoding")
            continue
        if not line.text.strip():
            continue
        try:
            record = json.loads(line.text)
            annotated = _annotated(record)
            document = annotated.document if annotated else from_record(Document, record)
            if not isinstance(document.id, str) or not all(
                isinstance(p.text, str) and isinstance(p.offset, int) for p in document.passages
            ):
                raise TypeError("id, passage texts and offsets must be strings and integers")
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            context.problem(line.number, f"not an irkg document record: {exc}", kind="bad document")
            continue
        context.report.documents += 1
        if annotated is None:
            yield document
            continue
        context.report.mentions += len(annotated.mentions)
        yield annotated


def _annotated(record: object) -> AnnotatedDocument | None:
    """The annotated document of a record that holds one, else None (a plain document)."""
    if not isinstance(record, dict) or not isinstance(record.get("document"), dict):
        return None
    return from_record(AnnotatedDocument, record)


def write_jsonl(
    documents: Iterable[Document | AnnotatedDocument], out: str | os.PathLike[str] | TextIO
) -> int:
    """Write one ``to_record(document)`` per line; returns the number written.

    ``out`` is a path ("-" = stdout) or an open text handle. A path is written to a temporary
    file beside it and renamed at the end, so an interrupted run never leaves a half file.
    """
    return write_text(documents, out, _json_line)


def write_text(
    items: Iterable[T], out: str | os.PathLike[str] | TextIO, render: Callable[[T], str]
) -> int:
    """Write ``render(item)`` for every item to ``out`` as ``write_jsonl`` does (any text
    format: the PubTator writer of ``irkg import`` uses it too); returns the number written."""
    if not isinstance(out, str | os.PathLike):
        return _write(items, out, render)
    if str(out) == "-":
        return _write(items, sys.stdout, render)
    target = Path(out)
    temporary: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", delete=False
        ) as handle:
            temporary = Path(handle.name)
            count = _write(items, handle, render)
        os.replace(temporary, target)
    except BaseException as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InputError(str(target), None, f"cannot write: {exc.strerror or exc}") from None
        raise
    return count


def _json_line(record: Document | AnnotatedDocument) -> str:
    return json.dumps(to_record(record), ensure_ascii=False) + "\n"


def _write(items: Iterable[T], handle: TextIO, render: Callable[[T], str]) -> int:
    count = 0
    for item in items:
        handle.write(render(item))
        count += 1
    return count
