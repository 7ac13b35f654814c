"""With the SMTP server down, delivery keeps every email for later (attempts counted, backoff,
no child data in the error); once the server is up, each is sent exactly once."""

import datetime as dt

from scheduler.delivery import deliver
from tests.api.alerting import free_port, notifications, registered_days_ago, scan_at, settings, smtp_server, utcnow
from tests.conftest import run


def test_nothing_is_lost_and_nothing_sent_twice(api, child):
    port = free_port()
    mail = settings(smtp_host="127.0.0.1", smtp_port=port)
    registered_days_ago(child["id"], 40)  # beyond a low-risk child's 30 days and the grace
    now = utcnow()
    scan_at(now, smtp_host="127.0.0.1", smtp_port=port)
    emails = [n for n in notifications() if n["channel"] == "email"]
    assert emails

    down = run(deliver(now, mail))
    assert down["failed"] == len(emails)
    for n in (n for n in notifications() if n["channel"] == "email"):
        assert n["sent_at"] is None and n["claimed_at"] is None and n["attempts"] == 1
        assert n["next_attempt_at"] > now and n["last_error"] and "Baby" not in n["last_error"]
    assert run(deliver(now + dt.timedelta(seconds=30), mail))["failed"] == 0  # still backing off

    controller, box = smtp_server(port)
    try:
        later = now + dt.timedelta(minutes=2)
        assert run(deliver(later, mail))["sent"] == len(emails)
        assert run(deliver(later + dt.timedelta(hours=1), mail))["sent"] == 0
    finally:
        controller.stop()
    assert len(box.messages) == len(emails)
    assert all(n["sent_at"] is not None for n in notifications())
