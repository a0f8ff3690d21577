"""What a fetch did: typed records the CLI prints and callers inspect."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class Progress(Protocol):
    """Where long fetches report progress (the CLI passes a rich progress bar)."""

    def start(self, description: str, total: int) -> None: ...

    def advance(self, count: int) -> None: ...


@dataclass(frozen=True)
class FetchFailure:
    """One id (or one input line) that was not fetched, and why."""

    id: str
    reason: str

    def __post_init__(self) -> None:
        if not self.id or not self.reason:
            raise ValueError("a FetchFailure needs an id and a reason")

    def __str__(self) -> str:
        return f"{self.id}: {self.reason}"


@dataclass(frozen=True)
class FetchReport:
    """The outcome of one ``fetch_pubmed`` or ``fetch_pmc`` call.

    ``requested`` counts distinct ids asked for; each lands in exactly one of ``fetched`` (new
    this run), ``skipped`` (already in the folder) or ``failed``. ``full_text`` holds the PMC
    report when PubMed records were followed to their full texts.
    """

    database: str
    out_dir: Path
    requested: int
    fetched: tuple[str, ...]
    skipped: tuple[str, ...]
    failed: tuple[FetchFailure, ...]
    files: tuple[str, ...]
    requests: int
    query: str | None = None
    found: int | None = None
    duplicates: tuple[str, ...] = ()
    rejected: tuple[FetchFailure, ...] = ()
    without_body: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    full_text: FetchReport | None = None

    def __post_init__(self) -> None:
        if self.database not in ("pubmed", "pmc"):
            raise ValueError(f"database must be 'pubmed' or 'pmc', got {self.database!r}")
        accounted = len(self.fetched) + len(self.skipped) + len(self.failed)
        if accounted != self.requested:
            raise ValueError(
                f"{self.requested} ids requested but {accounted} accounted for "
                "(fetched + skipped + failed)"
            )

    @property
    def ok(self) -> bool:
        """Nothing failed and no input line was rejected, here or in the full-text part."""
        own = not self.failed and not self.rejected
        return own and (self.full_text is None or self.full_text.ok)
