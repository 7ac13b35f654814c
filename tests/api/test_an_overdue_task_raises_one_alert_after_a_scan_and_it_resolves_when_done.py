"""A task past its due instant raises one `task_overdue` alert per task after `haven scan --at`,
shown on the inbox and the child's page (never to a therapist), and resolves once it is done."""

import datetime as dt
import json
import os
import subprocess
import sys

from tests.api.alerting import alerts, scan_at
from tests.api.duties import ago, by_kind, tasks, went_missing


def haven_scan_at(when: dt.datetime) -> dict:
    done = subprocess.run([sys.executable, "-m", "service.cli", "scan", "--at", when.isoformat()],
                          env=dict(os.environ), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_one_alert_per_overdue_task_until_it_is_done(api, child):
    went = ago(1)
    went_missing(api, child["id"], went)
    supervisor = by_kind(tasks(api, child["id"]))["tell_supervisor"]
    assert not alerts(kind="task_overdue")  # nothing is late yet

    haven_scan_at(went + dt.timedelta(hours=3))
    (alert,) = alerts(kind="task_overdue")
    assert alert["cause_key"] == supervisor["id"] and alert["severity"] == "high"
    assert "Tell the team's supervisor" in alert["reasons"][0]
    inbox = api.get("sup", "/api/v1/alerts?kind=task_overdue").json()
    assert [a["id"] for a in inbox] == [str(alert["id"])]
    assert api.get("th", "/api/v1/alerts?kind=task_overdue").json() == []
    assert "task overdue" in api.get("sup", "/inbox").text
    assert "Tell the team&#39;s supervisor" in api.get("cw", f"/children/{child['id']}").text

    haven_scan_at(went + dt.timedelta(hours=30))  # the two reports are late now too
    assert len(alerts(kind="task_overdue")) == 3

    done = api.post("cw", f"/api/v1/children/{child['id']}/tasks/{supervisor['id']}/done",
                    json={"outcome": "Told Sam by phone; she is coordinating with the police."})
    assert done.status_code == 200, done.text
    scan_at(went + dt.timedelta(hours=31))
    statuses = {str(a["cause_key"]): a["status"] for a in alerts(kind="task_overdue")}
    assert statuses[supervisor["id"]] == "resolved" and list(statuses.values()).count("open") == 2
    (resolved,) = alerts(kind="task_overdue", status="resolved")
    assert resolved["resolved_note"] == "Resolved: the task was recorded as done."
