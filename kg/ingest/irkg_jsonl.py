"""irkg's own JSON Lines (what ``irkg ingest`` writes): one ``to_record(Document)`` per line.

Writing and reading live together so the two stay inverse; reading it back lets later stages
start from an ingested corpus without re-parsing the papers.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from kg.errors import InputError
from kg.ingest.context import ReadContext
from kg.ingest.lines import read_lines
from kg.model import Document, from_record, to_record

FORMAT = "irkg-jsonl"


def parse_irkg_jsonl(stream: BinaryIO, context: ReadContext) -> Iterator[Document]:
    for line in read_lines(stream, context.max_chars * 2 if context.max_chars else 0):
        if line.error:
            context.problem(line.number, f"document skipped: {line.error}", kind="encoding")
            continue
        if not line.text.strip():
            continue
        try:
            record = json.loads(line.text)
            document = from_record(Document, record)
            if not isinstance(document.id, str) or not all(
                isinstance(p.text, str) and isinstance(p.offset, int) for p in document.passages
            ):
                raise TypeError("id, passage texts and offsets must be strings and integers")
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            context.problem(line.number, f"not an irkg document record: {exc}", kind="bad document")
            continue
        context.report.documents += 1
        yield document


def write_jsonl(documents: Iterable[Document], out: str | os.PathLike[str] | TextIO) -> int:
    """Write one ``to_record(document)`` per line; returns the number written.

    ``out`` is a path ("-" = stdout) or an open text handle. A path is written to a temporary
    file beside it and renamed at the end, so an interrupted run never leaves a half file.
    """
    if not isinstance(out, str | os.PathLike):
        return _write(documents, out)
    if str(out) == "-":
        return _write(documents, sys.stdout)
    target = Path(out)
    temporary: Path | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=target.parent, prefix=f".{target.name}.", delete=False
        ) as handle:
            temporary = Path(handle.name)
            count = _write(documents, handle)
        os.replace(temporary, target)
    except BaseException as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InputError(str(target), None, f"cannot write: {exc.strerror or exc}") from None
        raise
    return count


def _write(documents: Iterable[Document], handle: TextIO) -> int:
    count = 0
    for document in documents:
        handle.write(json.dumps(to_record(document), ensure_ascii=False))
        handle.write("\n")
        count += 1
    return count
