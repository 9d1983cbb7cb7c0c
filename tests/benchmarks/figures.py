"""Helpers to turn timings into the JSON figures ``make bench`` prints."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

Figure = dict[str, Any]


def time_ms(function: Callable[[], object], repeat: int) -> list[float]:
    """Run ``function`` ``repeat`` times; return each duration in milliseconds."""
    durations = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def p95(values: list[float]) -> float:
    """95th percentile (inclusive method, so small samples give a real observed bound)."""
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def figure(name: str, value: float, unit: str, baseline: float | None = None) -> Figure:
    """One line of ``make bench`` output."""
    result: Figure = {"name": name, "value": round(value, 3), "unit": unit}
    if baseline is not None:
        result["baseline"] = round(baseline, 3)
        result["ratio"] = round(value / baseline, 3) if baseline else None
    return result


def timing_figures(name: str, values: list[float], baseline: list[float] | None = None
                   ) -> list[Figure]:
    """Median and p95 of ``values`` (ms), with the baseline's when given."""
    return [
        figure(f"{name}_median_ms", statistics.median(values), "ms",
               statistics.median(baseline) if baseline else None),
        figure(f"{name}_p95_ms", p95(values), "ms", p95(baseline) if baseline else None),
    ]
