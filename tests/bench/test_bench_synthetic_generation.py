"""How fast `haven demo --synthetic N` fills an empty database on the engine under test: 10,000
children (and 100,000 with `HAVEN_BENCH_LARGE=1`), through the command line into a fresh
database each, printing the time, rows a second and the peak memory of the largest process,
against the floor of the same command writing 1,000 children in the same run (its fixed cost:
start-up, migrations, the catalogue, the staff) scaled to the same size.

Run by hand: `.venv/bin/python -m pytest tests/bench/test_bench_synthetic_generation.py -q -s`.
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import time

from tests import engine as test_engine

SIZES = (10_000, 100_000) if os.environ.get("HAVEN_BENCH_LARGE") == "1" else (10_000,)


def _generate(count: int) -> tuple[float, int]:
    """(seconds, rows written) for `count` children into a database of their own."""
    kind, url = test_engine.choose()
    env = {**os.environ, "HAVEN_DATABASE_URL": url, "HAVEN_SCHEDULER": "false"}
    try:
        subprocess.run([sys.executable, "-m", "service.cli", "init"], env=env, check=True,
                       capture_output=True, timeout=300)
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "service.cli", "demo", "--synthetic", str(count)],
                              env=env, check=True, capture_output=True, text=True, timeout=1800)
        seconds = time.perf_counter() - started
    finally:
        test_engine.drop(kind, url)
    assert f"Wrote {count:,} children" in done.stdout, done.stdout
    rows = count + sum(int(n.replace(",", "")) for n in re.findall(r"([\d,]+) [a-z_]+", done.stdout.splitlines()[0].split(":", 1)[1]))
    return seconds, rows


def test_synthetic_generation_speed():
    floor_seconds, floor_rows = _generate(1_000)
    print(f"\nfloor: 1,000 children in {floor_seconds:.1f} s ({floor_rows:,} rows)")
    for count in SIZES:
        seconds, rows = _generate(count)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        scale = count / 1_000
        print(f"{count:,} children: {seconds:.1f} s, {rows:,} rows, {rows / seconds:,.0f} rows/s; "
              f"{seconds / (floor_seconds * scale):.2f}x the 1,000-child run scaled {scale:.0f}x; "
              f"peak RSS of the largest process so far {peak_mb:.0f} MB")
