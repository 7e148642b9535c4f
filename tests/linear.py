"""A property check for time complexity, for any code that reads page-supplied text: grow a
hostile input `factor` times and check that the time grows at most `limit` times (10x input,
< 25x time: linear with room for noise; a quadratic pattern gives ~100x). Both times are
measured in the same test, so the check holds on a slow or busy machine.

    assert_linear(lambda text: probe_similarity(Page(text), probe), lambda n: "A" * n, 2_000)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

DEFAULT_FACTOR = 10
DEFAULT_LIMIT = 25.0
MIN_SAMPLE_S = 0.05  # a call faster than this is repeated until the sample lasts this long
REPEATS = 3  # best of: the least disturbed sample


def seconds_per_call(run: Callable[[T], object], value: T) -> float:
    """The best of REPEATS samples of the time one `run(value)` takes."""
    best = float("inf")
    for _ in range(REPEATS):
        calls = 0
        started = time.perf_counter()
        while True:
            run(value)
            calls += 1
            elapsed = time.perf_counter() - started
            if elapsed >= MIN_SAMPLE_S:
                break
        best = min(best, elapsed / calls)
    return best


def growth_ratio(run: Callable[[T], object], make: Callable[[int], T], n: int, factor: int = DEFAULT_FACTOR) -> float:
    """How many times longer `run` takes on `make(factor * n)` than on `make(n)`. Inputs are
    built before timing; only `run` is timed."""
    small, large = make(n), make(factor * n)
    return seconds_per_call(run, large) / seconds_per_call(run, small)


def assert_linear(
    run: Callable[[T], object],
    make: Callable[[int], T],
    n: int,
    *,
    factor: int = DEFAULT_FACTOR,
    limit: float = DEFAULT_LIMIT,
) -> None:
    """Fail when `factor` times the input costs more than `limit` times the time."""
    ratio = growth_ratio(run, make, n, factor)
    assert ratio < limit, f"{factor}x the input took {ratio:.0f}x the time (limit {limit:g}x): worse than linear"
