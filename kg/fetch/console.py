"""How ``irkg fetch`` shows its work: a rich progress bar and a summary grouped by reason."""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichBar

from kg.fetch.report import FetchFailure, FetchReport

SHOWN_IDS = 5  # ids listed per failure reason; the count says how many share it


class ProgressBar:
    """A ``kg.fetch.Progress`` drawn with rich on stderr (one bar per stage)."""

    def __init__(self, console: Console | None = None) -> None:
        self._bar = RichBar(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console or Console(stderr=True),
            transient=False,
        )
        self._task = None
        self._started = False

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._started:
            self._bar.stop()

    def start(self, description: str, total: int) -> None:
        # Drawn only once there is something to count, so an early error stays one line.
        if not self._started:
            self._bar.start()
            self._started = True
        self._task = self._bar.add_task(description, total=total)

    def advance(self, count: int) -> None:
        if self._task is not None:
            self._bar.advance(self._task, count)


def summary_lines(report: FetchReport) -> list[str]:
    """The report as lines: counts first, then failures grouped by reason, then notes."""
    name = {"pubmed": "PubMed records", "pmc": "PMC full texts"}[report.database]
    found = f" (the query found {report.found})" if report.found is not None else ""
    lines = [
        f"{name}: {report.requested} requested{found}: {len(report.fetched)} fetched, "
        f"{len(report.skipped)} skipped as already present, {len(report.failed)} failed; "
        f"{len(report.files)} files written to {report.out_dir} ({report.requests} requests)"
    ]
    if report.duplicates:
        lines.append(f"  {len(report.duplicates)} repeated ids were fetched once")
    if report.without_body:
        lines.append(
            f"  {len(report.without_body)} articles have no full text in PMC's XML (front "
            f"matter only): {_some(report.without_body)}"
        )
    for failure in report.rejected:
        lines.append(f"  rejected {failure}")
    for reason, ids in _by_reason(report.failed).items():
        if len(ids) == 1:
            lines.append(f"  failed {ids[0]}: {reason}")
        else:
            lines.append(f"  failed {len(ids)} ids ({_some(ids)}): {reason}")
    lines.extend(f"  note: {note}" for note in report.notes)
    if report.full_text is not None:
        lines.extend(summary_lines(report.full_text))
    return lines


def print_summary(report: FetchReport, out: TextIO) -> None:
    for line in summary_lines(report):
        print(line, file=out)


def _by_reason(failures: tuple[FetchFailure, ...]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for failure in failures:
        grouped[failure.reason].append(failure.id)
    return grouped


def _some(ids: tuple[str, ...] | list[str]) -> str:
    shown = ", ".join(ids[:SHOWN_IDS])
    return shown + (f", ... {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else "")
