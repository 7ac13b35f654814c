"""Reading one child in-process, as `getChild` does (scope, record, audit entry made durable),
beside the floor of a raw sqlite3 primary-key lookup of the same row, on the 10,000-children
database, measured in the same run. Target (issue 10): ≤ 5× the raw lookup.

One read at a time, each waits for its own audit commit (an fsync); sixteen at once share
commits, which is how a server under load runs. Both are printed.

Run by hand: `.venv/bin/python -m pytest tests/bench/test_bench_child_json_in_process.py -q -s`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.bench.bench_database import bench_database

ROOT = Path(__file__).resolve().parents[2]


def test_child_json_against_a_raw_primary_key_lookup(tmp_path):
    url, _ = bench_database(tmp_path)
    env = {**os.environ, "HAVEN_DATABASE_URL": url}
    done = subprocess.run([sys.executable, "-m", "tests.bench.child_json_in_process"], cwd=ROOT,
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    floor = figures["raw_lookup"]
    print(f"\nraw sqlite3 primary-key lookup (floor): {floor['wall'] * 1e6:.1f} µs "
          f"({floor['cpu'] * 1e6:.1f} µs CPU)")
    for name in ("one_at_a_time", "16_at_once"):
        cost = figures[name]
        print(f"child JSON in-process, {name.replace('_', ' ')}: {cost['wall'] * 1000:.3f} ms a read, "
              f"{cost['wall'] / floor['wall']:.0f}x the floor; {cost['cpu'] * 1000:.3f} ms CPU, "
              f"{cost['cpu'] / floor['cpu']:.0f}x the floor's CPU")
