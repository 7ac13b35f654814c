"""Alert emails reach an SMTP server: one per change and recipient, with the case number, the
alert and a link, never the child's name; a second delivery run sends nothing more."""

import datetime as dt

from scheduler.delivery import deliver
from tests.api.alerting import free_port, notifications, registered_days_ago, scan_at, settings, smtp_server, utcnow
from tests.conftest import run


def test_each_notification_is_emailed_once(api, child):
    port = free_port()
    controller, box = smtp_server(port)
    try:
        mail = settings(smtp_host="127.0.0.1", smtp_port=port, base_url="https://haven.example")
        registered_days_ago(child["id"], 40)  # beyond a low-risk child's 30 days and the grace
        now = utcnow()
        scan_at(now, smtp_host="127.0.0.1", smtp_port=port)
        emails = [n for n in notifications() if n["channel"] == "email"]
        assert emails and {n["username"] for n in emails} >= {"cw", "sup"}
        result = run(deliver(now, mail))
        assert result == {"sent": len(notifications()), "failed": 0}
        assert len(box.messages) == len(emails)
        assert run(deliver(now + dt.timedelta(minutes=5), mail))["sent"] == 0
        assert len(box.messages) == len(emails)
    finally:
        controller.stop()
    recipients = sorted(r for to, _ in box.messages for r in to)
    assert "cw@haven.test" in recipients and "sup@haven.test" in recipients
    for _, text in box.messages:
        assert child["case_number"] in text and "https://haven.example/children/" in text
        assert "Baby A" not in text
    assert any("check-in missed" in text for _, text in box.messages)
