"""The rate limiter's schedule, read on a fake clock (never wall-clock time)."""

import itertools
import threading

import pytest
from conftest import FakeClock
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.fetch import RateLimiter


def _max_in_window(slots: list[float], width: float = 1.0) -> int:
    """Most slots inside any half-open window [t, t + width)."""
    slots = sorted(slots)
    best = 0
    for i, start in enumerate(slots):
        inside = [s for s in slots[i:] if s < start + width - 1e-9]
        best = max(best, len(inside))
    return best


@pytest.mark.parametrize("rate", [3, 10])
def test_slots_are_evenly_spaced_and_never_exceed_the_rate(rate):
    clock = FakeClock()
    limiter = RateLimiter(rate, clock=clock.monotonic, sleep=clock.sleep)
    slots = [limiter.acquire() for _ in range(35)]
    gaps = [b - a for a, b in itertools.pairwise(slots)]
    assert min(gaps) == pytest.approx(1 / rate)
    assert _max_in_window(slots) == rate
    assert clock.now == pytest.approx(34 / rate)


def test_idle_time_is_not_banked_into_a_burst():
    clock = FakeClock()
    limiter = RateLimiter(10, clock=clock.monotonic, sleep=clock.sleep)
    limiter.acquire()
    clock.now += 60  # a minute of idleness
    slots = [limiter.acquire() for _ in range(5)]
    assert slots[0] == pytest.approx(60)
    assert slots[1] - slots[0] == pytest.approx(0.1)


@settings(max_examples=50, deadline=None)
@given(
    rate=st.sampled_from([3, 10]),
    pauses=st.lists(st.floats(min_value=0, max_value=0.7), min_size=1, max_size=40),
)
def test_any_mix_of_work_and_requests_stays_within_the_rate(rate, pauses):
    clock = FakeClock()
    limiter = RateLimiter(rate, clock=clock.monotonic, sleep=clock.sleep)
    slots = []
    for pause in pauses:
        clock.now += pause  # the caller does other work between requests
        slots.append(limiter.acquire())
    assert _max_in_window(slots) <= rate
    assert slots == sorted(slots)


def test_threads_share_one_schedule():
    clock = FakeClock()
    limiter = RateLimiter(10, clock=clock.monotonic, sleep=clock.sleep)
    slots: list[float] = []
    lock = threading.Lock()

    def work():
        for _ in range(10):
            slot = limiter.acquire()
            with lock:
                slots.append(slot)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(slots) == 40
    assert _max_in_window(slots) <= 10
    ordered = sorted(slots)
    assert min(b - a for a, b in itertools.pairwise(ordered)) >= 0.1 - 1e-9


@pytest.mark.parametrize("rate", [0, -1])
def test_rejects_a_rate_that_is_not_positive(rate):
    with pytest.raises(ValueError, match="rate must be > 0"):
        RateLimiter(rate)
