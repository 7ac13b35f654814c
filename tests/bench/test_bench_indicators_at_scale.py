"""The service indicators over a generated caseload (`haven demo --synthetic`): each
indicator's one statement for the whole service over the last twelve months, through Haven,
against the same SQL with the same values on the raw driver, measured in the same process.

Run by hand: `.venv/bin/python -m pytest tests/bench/test_bench_indicators_at_scale.py -q -s`
(`HAVEN_BENCH_CHILDREN` sets the size, default 10,000; `HAVEN_BENCH_LARGE=1` adds 100,000;
`HAVEN_TEST_ENGINE=postgres` for PostgreSQL).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.bench.scale import generate, sizes

REPEATS = int(os.environ.get("HAVEN_BENCH_REPEATS", "3"))


@pytest.fixture(scope="module")
def caseloads(tmp_path_factory):
    made = {n: generate(n, tmp_path_factory.mktemp(f"ind{n}")) for n in sizes()}
    yield made
    for caseload in made.values():
        caseload.drop()


def test_indicators_against_the_same_sql_on_the_raw_driver(caseloads):
    for n, caseload in caseloads.items():
        done = subprocess.run([sys.executable, "-m", "tests.bench.indicators_probe", str(REPEATS)],
                              env=caseload.env, cwd=caseload.folder, capture_output=True, text=True, timeout=7200)
        assert done.returncode == 0, done.stderr
        found = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"\n{n:,} children ({caseload.kind}), generated in {caseload.generated_in:.0f} s; "
              f"median of {REPEATS}, whole service, last 12 months:")
        for code, seconds in found["haven"].items():
            raw = found["raw"][code]
            print(f"  {code:32} Haven {seconds * 1000:9.1f} ms   raw driver {raw * 1000:9.1f} ms   "
                  f"ratio {seconds / raw:5.2f}x")
        total, raw_total = sum(found["haven"].values()), sum(found["raw"].values())
        print(f"  {'every indicator':32} Haven {total * 1000:9.1f} ms   raw driver {raw_total * 1000:9.1f} ms   "
              f"ratio {total / raw_total:5.2f}x")
        # The reports page reads the period and each of its months together (`with_trend`).
        print(f"  the period's figures alone, in one read: {found['all_indicators']:.2f} s; "
              f"the reports page's (the period and each month, one statement an indicator): "
              f"{found['trend_12_months']:.2f} s")
        # The statements are the work; Haven adds a round trip and a conversion of one row.
        assert total / raw_total < 1.5
