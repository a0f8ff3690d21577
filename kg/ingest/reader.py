"""``read_documents``: any mix of paths, folders, globs and archives -> ``Document``s.

For every input the format is sniffed from its first bytes (or forced with ``format=``), the
matching reader streams its documents, and every problem lands in the caller's ``IngestReport``
with file and position; a bad file or document never stops the run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from kg.errors import ConfigError, InputError
from kg.ingest.bioc import parse_bioc_json, parse_bioc_xml
from kg.ingest.context import DEFAULT_MAX_CHARS, ReadContext
from kg.ingest.detect import FORMATS, detect_format
from kg.ingest.inputs import STREAM_ERRORS, Input, iter_inputs
from kg.ingest.irkg_jsonl import parse_irkg_jsonl
from kg.ingest.jats import parse_jats
from kg.ingest.pubmed import parse_pubmed
from kg.ingest.pubtator import parse_pubtator
from kg.ingest.report import IngestReport, Problem, Skipped, log_problem
from kg.ingest.text import parse_text
from kg.model import AnnotatedDocument, Document

Paths = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
_Parser = Callable[[BinaryIO, ReadContext], Iterator[Document | AnnotatedDocument]]

PARSERS: dict[str, _Parser] = {
    "pubtator": parse_pubtator,
    "bioc-xml": parse_bioc_xml,
    "bioc-json": parse_bioc_json,
    "pubmed-xml": parse_pubmed,
    "jats": parse_jats,
    "text": parse_text,
    "markdown": parse_text,
    "irkg-jsonl": parse_irkg_jsonl,
}


def read_annotated(
    paths: Paths,
    format: str | None = None,
    *,
    report: IngestReport | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[AnnotatedDocument]:
    """Documents of every input with the gold annotations their format carries (PubTator,
    BioC); other formats give documents without mentions."""
    chosen = _check_format(format)
    report = report if report is not None else IngestReport(on_problem=log_problem)
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for item in iter_inputs(paths, report):
        yield from _read_input(item, chosen, report, max_chars)


def read_documents(
    paths: Paths,
    format: str | None = None,
    *,
    report: IngestReport | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[Document]:
    """Documents of every file named by ``paths`` (files, folders, globs, .gz/.zip/.tar).

    ``format`` forces one of ``FORMATS`` (None or "auto": sniffed per file). Problems go to
    ``report`` as they happen (logged as warnings when no report is given); read the report's
    counts once the iterator is exhausted. Documents longer than ``max_chars`` are skipped.
    """
    for annotated in read_annotated(paths, format, report=report, max_chars=max_chars):
        yield annotated.document


def read_file(
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    report: IngestReport | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Iterator[AnnotatedDocument]:
    """``read_annotated`` for one file that must exist (``InputError`` otherwise): the entry
    point of ``read_pubtator`` and ``read_bioc``."""
    if not Path(path).is_file():
        raise InputError(str(path), None, "no such file")
    yield from read_annotated([path], format, report=report, max_chars=max_chars)


def _check_format(format: str | None) -> str | None:
    if format in (None, "", "auto"):
        return None
    if format not in PARSERS:
        raise ConfigError(f"unknown input format {format!r}; known: auto, {', '.join(FORMATS)}")
    return format


def _read_input(
    item: Input, chosen: str | None, report: IngestReport, max_chars: int
) -> Iterator[AnnotatedDocument]:
    detected = detect_format(item.head, item.hint)
    if detected.kind in ("empty file", "binary file") or not (chosen or detected.format):
        report.add(Problem(item.name, None, detected.reason, detected.kind, Skipped.FILE))
        return
    fmt = chosen or detected.format
    report.files += 1
    report.formats[fmt] += 1
    context = ReadContext(item.name, report, max_chars, fmt)
    count = 0
    problems = report.problem_count
    ignored = sum(report.ignored.values())
    try:
        for result in PARSERS[fmt](item.stream, context):
            count += 1
            yield result if isinstance(result, AnnotatedDocument) else AnnotatedDocument(result)
    except STREAM_ERRORS as exc:
        reason = f"cannot read past document {count}: {exc}; the rest of the file is skipped"
        report.add(Problem(item.name, None, reason, "unreadable file", Skipped.FILE))
        return
    if count == 0 and report.problem_count == problems and sum(report.ignored.values()) == ignored:
        reason = f"no {fmt} documents found in the file"
        report.add(Problem(item.name, None, reason, "no documents", Skipped.FILE))
