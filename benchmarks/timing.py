"""Shared by the benchmark scripts: the median time of repeated runs."""

from __future__ import annotations

import statistics
import time
from typing import Callable


def median_ms(action: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        action()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)
