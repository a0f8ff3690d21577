"""``irkg annotate``'s one API call: read inputs in any ingest format, annotate, write.

Bad documents are reported by the readers (``file:position: reason``) and skipped; the rest go
on. The output keeps the input's offsets (``kg.nlp.output``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from kg.ingest import IngestReport
    from kg.lexicon import Lexicon
    from kg.model import AnnotatedDocument


def annotate_files(
    paths: Iterable[str | Path],
    out: TextIO,
    *,
    format: str = "pubtator",
    recognizer: str = "dictionary",
    lexicon: Lexicon | str | Path | None = None,
    learnt: str = "auto",
    keep_unlinked: bool = False,
    input_format: str | None = None,
    n_process: int = 1,
    batch_size: int = 64,
    report: IngestReport | None = None,
    on_document: Callable[[], None] | None = None,
) -> int:
    """Annotate every document of ``paths`` and write them to ``out``; returns how many."""
    from kg.ingest import read_documents
    from kg.nlp.output import FORMATS, write_annotated
    from kg.nlp.pipeline import annotate, build_pipeline

    if format not in FORMATS:
        from kg.errors import ConfigError

        raise ConfigError(f"unknown output format {format!r}; known: {', '.join(FORMATS)}")
    nlp = build_pipeline(lexicon, recognizer, learnt=learnt, keep_unlinked=keep_unlinked)
    documents = read_documents([str(p) for p in paths], input_format, report=report)
    annotated = annotate(documents, nlp, n_process=n_process, batch_size=batch_size)
    return write_annotated(_ticking(annotated, on_document), out, format)


def _ticking(
    docs: Iterator[AnnotatedDocument], tick: Callable[[], None] | None
) -> Iterator[AnnotatedDocument]:
    for doc in docs:
        yield doc
        if tick is not None:
            tick()
