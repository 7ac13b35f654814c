"""When the supervisor closes a case, each open alert it resolves is told as resolved to
everyone who was told of the alert, on the same channels, exactly once; the email says the
case is closed and carries no note written by hand."""

import datetime as dt
from collections import Counter

from scheduler.delivery import deliver
from tests.api.alerting import free_port, notifications, registered_days_ago, scan_at, settings, smtp_server, utcnow
from tests.conftest import run


def _told(event_is_resolved: bool) -> Counter:
    return Counter((str(n["alert"]), n["username"], n["channel"]) for n in notifications()
                   if (n["event"] == "resolved") == event_is_resolved)


def test_each_resolved_alert_is_told_once_to_those_told_of_it(api, child):
    registered_days_ago(child["id"], 40)
    scan_at(utcnow(), smtp_host="127.0.0.1", smtp_port=25)
    before = _told(False)
    assert {channel for _, _, channel in before} == {"inapp", "email"}
    assert api.post("cw", f"/api/v1/children/{child['id']}/closing",
                    json={"reason": "other", "note": "Private words about the family"}).status_code == 201
    assert _told(True) == Counter()  # asking is not closing

    approved = api.post("sup", f"/api/v1/children/{child['id']}/closing/approve")
    assert approved.status_code == 200, approved.text
    resolved = set(approved.json()["resolved_alerts"])
    told = _told(True)
    assert set(told) == set(before) and set(told.values()) == {1}
    assert {alert for alert, _, _ in told} == resolved

    assert api.post("sup", f"/api/v1/children/{child['id']}/closing/approve").status_code == 409
    scan_at(utcnow(), smtp_host="127.0.0.1", smtp_port=25)
    assert _told(True) == told


def test_the_resolved_email_says_the_case_is_closed_and_not_the_note(api, child):
    port = free_port()
    controller, box = smtp_server(port)
    try:
        mail = settings(smtp_host="127.0.0.1", smtp_port=port, base_url="https://haven.example")
        registered_days_ago(child["id"], 40)
        scan_at(utcnow(), smtp_host="127.0.0.1", smtp_port=port)
        api.post("sup", f"/api/v1/children/{child['id']}/closing",
                 json={"reason": "other", "note": "Private words about the family"})
        run(deliver(utcnow() + dt.timedelta(minutes=1), mail))
    finally:
        controller.stop()
    closed = [text for _, text in box.messages if "an alert is resolved" in text]
    assert closed and all("The case is closed." in text for text in closed)
    assert not any("Private words" in text for _, text in box.messages)
