"""A request-rate limiter that NCBI's E-utilities policy can be expressed in and tests can drive.

NCBI allows 3 requests per second without an API key and 10 with one, counted per second on
their side. Requests that leave in a burst can arrive closer together than they left, so the
limiter spaces requests evenly (a token bucket holding a single token): with ``rate=10`` two
requests are always at least 0.1 s apart and no half-open one-second window ever holds more than
ten. The clock and the sleep are injectable so a test can run a fake clock and read the schedule
instead of measuring wall-clock time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RateLimiter:
    """Hands out request slots no closer together than ``per / rate`` seconds.

    ``acquire()`` blocks (through ``sleep``) until the next slot and returns the slot's time on
    ``clock``. It is thread-safe: concurrent fetch workers share one limiter, and slots are
    handed out in the order the callers arrived at the lock.
    """

    def __init__(
        self,
        rate: float,
        *,
        per: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError(f"rate must be > 0 requests per {per} s, got {rate}")
        if per <= 0:
            raise ValueError(f"per must be > 0 seconds, got {per}")
        self.rate = rate
        self.per = per
        self.interval = per / rate
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next: float | None = None

    def acquire(self) -> float:
        """Wait for the next free slot; return the clock time at which the request may go."""
        with self._lock:
            now = self._clock()
            slot = now if self._next is None or self._next <= now else self._next
            self._next = slot + self.interval
        # Sleep outside the lock: later callers already hold later slots, so order is kept.
        delay = slot - now
        if delay > 0:
            self._sleep(delay)
        return slot

    def __repr__(self) -> str:
        return f"RateLimiter(rate={self.rate}, per={self.per})"
