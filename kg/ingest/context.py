"""What every reader needs besides its input: where it reads from, the report, the size limit.

Also the passage layout shared by the formats that do not carry offsets themselves (PubMed,
JATS): passages are placed one after another, one newline apart, the first at offset 0, which is
exactly the PubTator convention (title at 0, abstract at ``len(title) + 1``).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.ingest.report import IngestReport, Problem, Skipped
from kg.model import Passage

# A document longer than this many characters is skipped and reported: the longest real papers
# are well under a million characters, and spaCy (nlp.max_length) refuses more than that
# per call anyway. Raise it (``max_chars=``, ``--max-chars``) to keep such a document.
DEFAULT_MAX_CHARS = 10_000_000


@dataclass(frozen=True, slots=True)
class ReadContext:
    """One input being read: its display name, the run's report and its limits."""

    source: str
    report: IngestReport
    max_chars: int = DEFAULT_MAX_CHARS
    format: str = ""

    def problem(
        self,
        position: str | int | None,
        reason: str,
        *,
        kind: str,
        skipped: Skipped = Skipped.DOCUMENT,
    ) -> None:
        """Record a problem at ``position`` in this input."""
        self.report.add(Problem(self.source, position, reason, kind, skipped))

    def too_long(self, chars: int) -> bool:
        return 0 < self.max_chars < chars

    def over_limit_reason(self) -> str:
        return (
            f"document is longer than the limit of {self.max_chars:,} characters "
            "(raise --max-chars to keep it)"
        )

    def too_long_reason(self, chars: int, what: str = "document") -> str:
        return (
            f"{what} has {chars:,} characters, more than the limit of {self.max_chars:,} "
            "(raise --max-chars to keep it)"
        )


def squash(text: str) -> str:
    """Collapse runs of whitespace (XML layout, line breaks, no-break and thin spaces) to one
    ASCII space: layout is not content, and later stages match "8 Gy" whatever the space was."""
    return " ".join(text.split())


class PassageLayout:
    """Places passages one after another, one newline apart, skipping empty ones."""

    __slots__ = ("_cursor", "_passages")

    def __init__(self) -> None:
        self._passages: list[Passage] = []
        self._cursor = 0

    def add(self, section: str, text: str) -> Passage | None:
        if not text:
            return None
        offset = self._cursor + 1 if self._passages else 0
        passage = Passage(section, offset, text)
        self._passages.append(passage)
        self._cursor = passage.end
        return passage

    @property
    def chars(self) -> int:
        """Length of the document text built so far."""
        return self._cursor

    @property
    def passages(self) -> tuple[Passage, ...]:
        return tuple(self._passages)
