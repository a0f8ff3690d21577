"""Shared pieces for fetch tests: a fake clock and a loopback E-utilities server."""

from __future__ import annotations

import random
import threading

import pytest
from eutils_server import FakeEutils

from kg.fetch import EutilsClient, EutilsConfig, RateLimiter, RetryPolicy

TEST_KEY = "0123456789abcdef0123456789abcdef0123"


class FakeClock:
    """Time that passes only when someone sleeps; every sleep is recorded."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def monotonic(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.now += seconds


class RecordingLimiter(RateLimiter):
    """A RateLimiter that keeps the schedule of slots it handed out."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.slots: list[float] = []

    def acquire(self) -> float:
        slot = super().acquire()
        self.slots.append(slot)
        return slot


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def eutils():
    server = FakeEutils(api_key=TEST_KEY).start()
    yield server
    server.stop()


@pytest.fixture
def make_client(clock):
    """Build a client for a fake server; rate limiting and retries run on the fake clock."""

    def build(server: FakeEutils, *, key: str | None = TEST_KEY, attempts: int = 4, **config):
        settings = EutilsConfig(
            base_url=server.base_url, api_key=key or "", email="dev@example.org", **config
        )
        limiter = RecordingLimiter(settings.rate, clock=clock.monotonic, sleep=clock.sleep)
        return EutilsClient(
            settings,
            limiter=limiter,
            retry=RetryPolicy(attempts=attempts, base_delay=0.5, max_delay=8.0),
            sleep=clock.sleep,
            rng=random.Random(7),
        )

    return build
