"""``irkg eval``: read gold, choose the split, annotate (or read predictions), score, report.

Splits come from ``kg.nlp.splits``: "dev" is the official dev set where the corpus has one
(BC5CDR, NCBI-disease; PMIDs from the original split files beside the gold file) and a fixed,
hashed 20% of the documents otherwise (BioID grouped by paper); "train" is the rest; "all" is
every document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ConfigError, InputError
from kg.model import AnnotatedDocument, to_record
from kg.nlp.evaluate import EvalReport, score

if TYPE_CHECKING:
    from rich.console import Console
    from spacy.language import Language

    from kg.ingest import IngestReport

SPLITS = ("dev", "train", "all")


def gold_documents(
    gold: Path, split: str = "dev", report: IngestReport | None = None
) -> Iterator[AnnotatedDocument]:
    """Gold documents of one PubTator file, restricted to a split."""
    from kg.ingest.pubtator import read_pubtator
    from kg.nlp.splits import split_of

    if split not in SPLITS:
        raise ConfigError(f"unknown split {split!r}; known: {', '.join(SPLITS)}")
    for annotated in read_pubtator(gold, report=report):
        if split == "all" or split_of(gold.parent, gold.name, annotated.document.id) == split:
            yield annotated


def read_predictions(path: Path) -> Iterator[AnnotatedDocument]:
    """Predictions in irkg JSON Lines (``irkg annotate --format jsonl``), PubTator or BioC."""
    from kg.ingest import read_annotated

    if not path.is_file():
        raise InputError(str(path), None, "no such file")
    with path.open(encoding="utf-8", errors="replace") as handle:
        head = handle.read(4096).lstrip()
    if head.startswith("{") and '"mentions"' in head:
        from kg.nlp.output import read_annotated_jsonl

        return read_annotated_jsonl(path)
    return read_annotated([path])


def run_eval(
    gold: Path,
    *,
    pred: Path | None = None,
    nlp: Language | None = None,
    split: str = "dev",
    types: Sequence[str] | None = None,
    n_process: int = 1,
    top: int = 20,
    on_document: Callable[[], None] | None = None,
) -> EvalReport:
    """Score predictions (a file, or ``nlp`` run over the gold texts) against ``gold``."""
    from kg.ingest import IngestReport
    from kg.nlp.pipeline import annotate

    if not gold.is_file():
        raise InputError(str(gold), None, "no such file")
    if pred is None and nlp is None:
        raise ConfigError("run_eval needs predictions (pred=...) or a pipeline (nlp=...)")
    ingest_report = IngestReport()
    golds = list(gold_documents(gold, split, ingest_report))
    if pred is not None:
        predicted: Iterable[AnnotatedDocument] = read_predictions(pred)
    else:
        predicted = annotate((g.document for g in golds), nlp, n_process=n_process)
    if on_document is not None:
        predicted = _ticking(predicted, on_document)
    report = score(golds, predicted, types=types, top=top)
    notes = [*report.notes]
    if ingest_report.problems:
        notes.append(f"gold file: {ingest_report.summary()}")
    return EvalReport(
        documents=report.documents,
        types=report.types,
        scores=report.scores,
        false_positives=report.false_positives,
        false_negatives=report.false_negatives,
        notes=tuple(notes),
    )


def _ticking(docs: Iterable[AnnotatedDocument], tick: Callable[[], None]) -> Iterator[Any]:
    for doc in docs:
        tick()
        yield doc


def report_json(report: EvalReport, **context: Any) -> dict[str, Any]:
    """The report as JSON-ready data, with P/R/F1 computed, plus any context (command, files)."""
    data = to_record(report)
    for entry in data["scores"]:
        for name in ("strict", "span", "document"):
            counts = getattr(report.of(entry["type"]), name)
            entry[name].update(
                precision=round(counts.precision, 4),
                recall=round(counts.recall, 4),
                f1=round(counts.f1, 4),
            )
    data.update(context)
    return data


def print_report(report: EvalReport, console: Console, title: str = "") -> None:
    """A rich table of P/R/F1 per type and measure, then the frequent errors."""
    from rich.table import Table

    table = Table(title=title or f"irkg eval: {report.documents} documents")
    table.add_column("type")
    for measure in ("strict span+id", "span", "document ids"):
        table.add_column(f"{measure}\nP / R / F1", justify="right")
    table.add_column("gold (strict)", justify="right")
    for s in report.scores:
        table.add_row(
            s.type,
            *(_prf(c) for c in (s.strict, s.span, s.document)),
            str(s.strict.tp + s.strict.fn),
        )
    console.print(table)
    for label, errors in (
        ("top false positives (strict)", report.false_positives),
        ("top false negatives (strict)", report.false_negatives),
    ):
        if errors:
            console.print(f"[bold]{label}[/bold]")
            for e in errors:
                ids = ",".join(e.ids) or "-"
                console.print(f"  {e.count:4d}  {e.type:<9} {e.text!r:<40} {ids}", markup=False)
    for note in report.notes:
        console.print(f"note: {note}", markup=False)


def _prf(counts: Any) -> str:
    return f"{counts.precision:.3f} / {counts.recall:.3f} / [bold]{counts.f1:.3f}[/bold]"
