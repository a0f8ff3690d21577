"""Drive batches of ids through a fetch function, store each answer, and account for every id.

Batches may run on a few threads (``workers``) sharing the client's rate limiter; answers are
stored in submission order on the calling thread, so file numbering and the ledger are written
by one thread only. A batch that fails for good is reported id by id and the next one goes on;
after ``stop_after`` failed batches in a row the run stops (NCBI is down, or the key is
refused), and the ids never tried are reported as such instead of failing one by one.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from kg.fetch.client import FetchError
from kg.fetch.report import FetchFailure, Progress

R = TypeVar("R")
Batch = tuple[str, ...]


@dataclass(frozen=True)
class Stored:
    """What storing one batch's answer produced."""

    fetched: tuple[str, ...] = ()
    failed: tuple[FetchFailure, ...] = ()
    files: tuple[str, ...] = ()


@dataclass
class Tally:
    """Running totals over all batches of one run."""

    fetched: list[str] = field(default_factory=list)
    failed: list[FetchFailure] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def add(self, stored: Stored) -> None:
        self.fetched.extend(stored.fetched)
        self.failed.extend(stored.failed)
        self.files.extend(stored.files)


def chunk(ids: Sequence[str], size: int) -> list[Batch]:
    if size < 1:
        raise ValueError(f"batch size must be >= 1, got {size}")
    return [tuple(ids[i : i + size]) for i in range(0, len(ids), size)]


@dataclass(frozen=True)
class Driver(Generic[R]):
    """Runs ``work`` on each batch and hands the answers to ``store``."""

    work: Callable[[Batch], R]
    store: Callable[[Batch, R], Stored]
    workers: int = 1
    stop_after: int = 3
    progress: Progress | None = None

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise ValueError(f"workers must be >= 1, got {self.workers}")
        if self.stop_after < 1:
            raise ValueError(f"stop_after must be >= 1, got {self.stop_after}")

    def run(self, batches: list[Batch], description: str) -> Tally:
        tally = Tally()
        if self.progress is not None:
            self.progress.start(description, sum(len(b) for b in batches))
        failed_in_row = 0
        done = 0
        results = self._results(batches)
        try:
            for batch, result in results:
                done += 1
                if isinstance(result, FetchError):
                    failed_in_row += 1
                    tally.failed.extend(FetchFailure(i, str(result)) for i in batch)
                else:
                    failed_in_row = 0
                    tally.add(self.store(batch, result))
                if self.progress is not None:
                    self.progress.advance(len(batch))
                if failed_in_row >= self.stop_after and done < len(batches):
                    reason = f"not attempted: stopped after {failed_in_row} failed batches in a row"
                    tally.failed.extend(FetchFailure(i, reason) for b in batches[done:] for i in b)
                    break
        finally:
            results.close()
        return tally

    def _results(self, batches: list[Batch]) -> Iterator[tuple[Batch, R | FetchError]]:
        """(batch, answer or error) in submission order."""
        if self.workers == 1:
            for batch in batches:
                try:
                    yield batch, self.work(batch)
                except FetchError as exc:
                    yield batch, exc
            return
        pool = ThreadPoolExecutor(self.workers, thread_name_prefix="irkg-fetch")
        pending: deque[tuple[Batch, Future[R]]] = deque()
        queue = iter(batches)
        try:
            for batch in queue:
                pending.append((batch, pool.submit(self.work, batch)))
                if len(pending) >= 2 * self.workers:
                    break
            while pending:
                batch, future = pending.popleft()
                try:
                    answer: R | FetchError = future.result()
                except FetchError as exc:
                    answer = exc
                following = next(queue, None)
                if following is not None:
                    pending.append((following, pool.submit(self.work, following)))
                yield batch, answer
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
