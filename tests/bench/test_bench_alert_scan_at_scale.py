"""The alert scan on a generated caseload (`haven demo --synthetic`): the first scan, an idle
rescan and a full rescan, each in a process of its own, with the floor measured in the same
run: the rules' due children as one indexed statement on the raw driver. Also a caseworker's
check-in while a first scan runs, against the same check-in with no scan running.

Run by hand: `.venv/bin/python -m pytest tests/bench/test_bench_alert_scan_at_scale.py -q -s`
(`HAVEN_BENCH_LARGE=1` adds 100,000 children; `HAVEN_TEST_ENGINE=postgres` for PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time

import httpx
import pytest

from tests.api.alerting import free_port
from tests.bench.scale import generate, sizes

CHECK_IN_EVERY = 0.05  # seconds between a caseworker's check-ins while the scan runs


@pytest.fixture(scope="module")
def caseloads(tmp_path_factory):
    made = {n: generate(n, tmp_path_factory.mktemp(f"gen{n}")) for n in sizes()}
    for n, caseload in made.items():
        print(f"\ngenerated {n:,} children in {caseload.generated_in:.1f} s ({caseload.kind})")
    yield made
    for caseload in made.values():
        caseload.drop()


def probe(caseload, *args: str, at: str = "") -> tuple[dict, float]:
    """One probe process (scanning as of `at`, if given); its JSON and its peak resident
    memory in MB."""
    env = {**caseload.env, "HAVEN_BENCH_AT": at} if at else caseload.env
    proc = subprocess.Popen([sys.executable, "-m", "tests.bench.scan_probe", *args], env=env,
                            cwd=caseload.folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    out, err = proc.stdout.read(), proc.stderr.read()
    assert os.waitstatus_to_exitcode(status) == 0, err
    return json.loads(out.strip().splitlines()[-1]), usage.ru_maxrss / 1024


def test_first_idle_and_full_scans(caseloads, tmp_path):
    first_seconds = {}
    for n, caseload in caseloads.items():
        fresh, at = caseload.copy(tmp_path / f"scan{n}"), dt.datetime.now(dt.timezone.utc).isoformat()
        floor, _ = probe(fresh, "floor", "15", at=at)
        first, rss = probe(fresh, "first", at=at)
        idle, _ = probe(fresh, "idle", "9", at=at)
        full_started = time.perf_counter()
        full = json.loads(fresh.haven("scan", "--full", "--at", at).stdout.strip().splitlines()[-1])
        full_seconds = time.perf_counter() - full_started
        s = first["summary"]
        print(f"\n{n:,} children ({fresh.kind}): floor (rules' due set, raw driver) {floor['median'] * 1000:.1f} ms")
        print(f"  first scan {first['seconds']:.1f} s ({first['cpu_seconds']:.1f} s CPU, "
              f"{first['cpu_seconds'] / max(s['children'], 1) * 1000:.2f} ms CPU a child), "
              f"{s['raised']:,} alerts, {s['notifications']:,} notifications, "
              f"peak RSS {rss:.0f} MB, longest batch write {first['longest_batch_write'] * 1000:.0f} ms")
        print(f"  idle rescan median {idle['median'] * 1000:.1f} ms = {idle['median'] / floor['median']:.1f}x floor; "
              f"evaluated {idle['summary']['children']}")
        print(f"  full rescan {full_seconds:.1f} s (process included): raised {full['raised']}, updated "
              f"{full['updated']}, resolved {full['resolved']}")
        first_seconds[n] = first["seconds"]
        assert idle["summary"]["children"] == 0 and full["raised"] == full["resolved"] == 0
        fresh.drop()
    if len(first_seconds) == 2:
        small, large = sorted(first_seconds)
        print(f"\nfirst scan growth {small:,} -> {large:,}: {first_seconds[large] / first_seconds[small]:.1f}x")


def test_a_check_in_while_a_first_scan_runs(caseloads, tmp_path):
    n = max(caseloads)
    fresh = caseloads[n].copy(tmp_path / "during")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--no-scheduler", "--port", str(port)],
                              env=fresh.env, cwd=fresh.folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        client = _signed_in(port)
        children = [c["id"] for c in client.get("/api/v1/children", params={"limit": 50}).json()]
        quiet = _check_ins(client, children, lambda: False, 40)
        scan = subprocess.Popen([sys.executable, "-m", "service.cli", "scan"], env=fresh.env, cwd=fresh.folder,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        during = _check_ins(client, children, lambda: scan.poll() is not None, 100_000)
        assert scan.wait() == 0, scan.stderr.read()
    finally:
        server.terminate()
        server.wait(timeout=30)
        fresh.drop()
    for name, found in (("no scan running", quiet), (f"during a first scan of {n:,}", during)):
        latencies = sorted(found["latencies"])
        p99 = latencies[int(len(latencies) * 0.99) - 1] if len(latencies) >= 100 else latencies[-1]
        print(f"\ncheck-in, {name}: {len(latencies)} sent, {found['errors']} errors, "
              f"p50 {statistics.median(latencies) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms")
    assert during["errors"] == 0


def _signed_in(port: int) -> httpx.Client:
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
    for _ in range(100):
        try:
            client.get("/healthz")
            break
        except httpx.TransportError:
            time.sleep(0.2)
    token = client.post("/api/v1/auth/token", json={"username": "s1r1.t001.supervisor",
                                                    "password": "synthetic-demo"}).json()["token"]
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def _check_ins(client: httpx.Client, children: list, done, most: int) -> dict:
    latencies, errors = [], 0
    for i in range(most):
        if done():
            break
        started = time.perf_counter()
        sent = client.post(f"/api/v1/children/{children[i % len(children)]}/check-ins", json={
            "occurred_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "mode": "phone",
            "child_seen": True})
        latencies.append(time.perf_counter() - started)
        if sent.status_code != 201:
            errors += 1
            print(f"\ncheck-in answered {sent.status_code}: {sent.text[:300]}")
        time.sleep(CHECK_IN_EVERY)
    return {"latencies": latencies, "errors": errors}
