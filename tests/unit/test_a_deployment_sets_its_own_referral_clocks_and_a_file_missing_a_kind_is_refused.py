"""Referral clocks are a setting: `HAVEN_REFERRAL_CLOCKS` names a deployment's own file of the
shipped shape, which then decides when a referral stalls; one that leaves a kind unclocked, or
cannot be read, stops `haven` naming the setting."""

from __future__ import annotations

import csv
import datetime as dt
import os
import subprocess
import sys

from care_plans import referral_clocks


def own_clocks(tmp_path, drop: str | None = None, start_days: int = 21):
    with referral_clocks.DATA.open(newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] != drop]
    for r in rows:
        r["start_days"] = str(start_days)
    path = tmp_path / "clocks.csv"
    with path.open("w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def haven_init(tmp_path, clocks) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "service.cli", "init"], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120, env={**os.environ, "HAVEN_REFERRAL_CLOCKS": str(clocks),
                                                          "HAVEN_DATABASE_URL": f"sqlite:///{tmp_path}/h.db"})


def test_a_deployments_file_decides_when_an_accepted_referral_stalls(tmp_path, monkeypatch):
    monkeypatch.setenv("HAVEN_REFERRAL_CLOCKS", str(own_clocks(tmp_path, start_days=21)))
    clocks = referral_clocks._chosen()
    sent = dt.datetime(2027, 1, 4, 9, tzinfo=dt.timezone.utc)
    assert clocks["early_intervention"].start_days == 21
    assert referral_clocks.CLOCKS["early_intervention"].start_days == 45  # the shipped default, IDEA Part C
    monkeypatch.setattr(referral_clocks, "CLOCKS", clocks)
    assert referral_clocks.deadline("early_intervention", "accepted", sent, sent) == sent + dt.timedelta(days=21)


def test_a_file_that_leaves_a_kind_unclocked_stops_haven_naming_the_setting_and_the_kind(tmp_path):
    done = haven_init(tmp_path, own_clocks(tmp_path, drop="health"))
    assert done.returncode == 2 and "HAVEN_REFERRAL_CLOCKS" in done.stderr and "health" in done.stderr
    assert not (tmp_path / "h.db").exists()


def test_a_file_that_is_not_there_stops_haven_naming_the_setting(tmp_path):
    done = haven_init(tmp_path, tmp_path / "nowhere.csv")
    assert done.returncode == 2 and done.stderr.startswith("haven: HAVEN_REFERRAL_CLOCKS: ")
