"""What an ingest run read, what it skipped, and why.

Readers never drop anything silently: every skipped file, document, annotation line or
identifier becomes a ``Problem`` that names the file and the place (``file:line: reason``).
Problems go to an ``IngestReport`` that the caller owns (no global state); the CLI prints each
one as it happens through ``on_problem`` and a summary line at the end. Things that are expected
and not errors (annotation types irkg does not model, relation lines) are only counted.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from kg.errors import InputError

log = logging.getLogger("kg.ingest")


class Skipped(StrEnum):
    """The unit a problem cost: a whole file, one document, one annotation, one identifier."""

    FILE = "file"
    DOCUMENT = "document"
    ANNOTATION = "annotation"
    IDENTIFIER = "identifier"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing that could not be read, as ``path:position: reason``."""

    path: str
    position: str | int | None
    reason: str
    kind: str
    skipped: Skipped

    def __str__(self) -> str:
        where = f"{self.path}:{self.position}" if self.position not in (None, "") else self.path
        return f"{where}: {self.reason}"

    def to_error(self) -> InputError:
        return InputError(self.path, self.position, self.reason)


def log_problem(problem: Problem) -> None:
    """The default listener: one warning line on the ``kg.ingest`` logger (stderr by default)."""
    log.warning("%s", problem)


@dataclass
class IngestReport:
    """Counts and problems of one ingest run; pass one in, read it after the iterator is done.

    ``on_problem`` is called for every problem as it happens (the CLI prints it to stderr).
    At most ``keep`` problems are stored in ``problems``; all of them are counted.
    """

    on_problem: Callable[[Problem], None] | None = None
    keep: int = 1000
    files: int = 0
    documents: int = 0
    mentions: int = 0
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    ignored: Counter[str] = field(default_factory=Counter)
    formats: Counter[str] = field(default_factory=Counter)

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        self.skipped[problem.skipped.value] += 1
        self.reasons[problem.kind] += 1
        if len(self.problems) < self.keep:
            self.problems.append(problem)
        if self.on_problem is not None:
            self.on_problem(problem)

    def ignore(self, what: str, count: int = 1) -> None:
        """Count something skipped on purpose (e.g. ``type Variant``): expected, not a problem."""
        self.ignored[what] += count

    @property
    def clean(self) -> bool:
        """True when nothing was skipped because of a problem."""
        return self.problem_count == 0

    @property
    def exit_code(self) -> int:
        """0 when everything was read, 1 when something was skipped (2 is left for fatal errors)."""
        return 0 if self.clean else 1

    def summary(self) -> str:
        """One line: documents read, what was skipped and why, what was ignored on purpose."""
        line = f"{self.documents:,} documents read from {self.files:,} files"
        if self.mentions:
            line += f" ({self.mentions:,} gold mentions)"
        if self.problem_count:
            units = ", ".join(f"{n:,} {unit}{'s' if n != 1 else ''}" for unit, n in _units(self))
            why = ", ".join(f"{n:,} {kind}" for kind, n in self.reasons.most_common())
            line += f"; skipped {units} ({why})"
        else:
            line += "; nothing skipped"
        if self.ignored:
            ignored = ", ".join(f"{n:,} {what}" for what, n in self.ignored.most_common())
            line += f"; ignored on purpose: {ignored}"
        return line


def _units(report: IngestReport) -> list[tuple[str, int]]:
    return [(unit.value, report.skipped[unit.value]) for unit in Skipped if report.skipped[unit]]
