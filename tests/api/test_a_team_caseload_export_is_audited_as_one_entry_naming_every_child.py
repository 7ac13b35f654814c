"""A supervisor downloads their team's caseload (CSV: case number, name, caseworker, risk level,
due dates; no notes), from the page's link or with `haven export caseload --team T --format
csv`. Each export is one audit entry naming every child in it."""

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

from service.audit.tables import AuditEntry
from tests.api import indicators_data as data
from tests.conftest import run

NOTE = "Said she is afraid of the man at the shop"


def _entries(action):
    return run(AuditEntry.select().where(AuditEntry.action == action))


def _children_ids():
    from care_plans.tables import Child

    return {str(r["id"]) for r in run(Child.select(Child.id))}


def test_the_supervisor_downloads_the_team_caseload_without_notes(api, child):
    run(data.build(1))
    api.post("cw", f"/api/v1/children/{child['id']}/check-ins", json={
        "occurred_at": "2026-05-01T10:00:00+00:00", "mode": "in_person", "child_seen": True, "notes": NOTE})
    got = api.get("sup", "/api/v1/caseload.csv")
    assert got.status_code == 200, got.text
    assert got.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(got.text)))
    assert {r["display_name"] for r in rows} == {*data.names(1), "Baby A"}
    assert {"risk_level", "next_check_in_due", "next_review_due"} <= set(rows[0])
    assert NOTE not in got.text

    (entry,) = _entries("caseload.export")
    assert entry["actor"] == "sup" and entry["record_type"] == "team"
    assert set(entry["reason"].split(": ", 1)[1].split()) == _children_ids()


def test_only_the_teams_supervisor_may_download_it(api, child):
    for who in ("cw", "th", "admin", "mgr"):
        assert api.get(who, "/api/v1/caseload.csv").status_code == 403, who
    other = api.get("sup_other", "/api/v1/caseload.csv")  # their own team's, which is empty
    assert other.status_code == 200 and "Baby A" not in other.text


def test_the_command_line_export_is_audited_the_same_way(api, child, tmp_path):
    run(data.build(1))
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "service.cli", "export", "caseload", "--team", "north",
                           "--format", "csv"], env={**os.environ, "PYTHONPATH": str(root)}, cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert len(rows) == 6
    (entry,) = _entries("caseload.export")
    assert entry["actor"] == "haven" and set(entry["reason"].split(": ", 1)[1].split()) == _children_ids()


def test_an_unknown_team_is_named_and_nothing_is_exported(api, tmp_path):
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "service.cli", "export", "caseload", "--team", "nowhere"],
                          env={**os.environ, "PYTHONPATH": str(root)}, cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 2 and "team" in done.stderr
    assert _entries("caseload.export") == []
