"""Medians, not means: this machine is shared and noisy, and one slow run says little."""

from __future__ import annotations

import statistics
import time


def median_seconds(action, repeats: int = 30, warmup: int = 3) -> float:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def report(name: str, measured: float, floor: float, floor_name: str) -> float:
    ratio = measured / floor
    print(f"\n{name}: median {measured * 1000:.2f} ms; floor ({floor_name}) "
          f"{floor * 1000:.2f} ms; ratio {ratio:.1f}x")
    return ratio
