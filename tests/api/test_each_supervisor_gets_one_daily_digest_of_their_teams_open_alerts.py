"""Each supervisor gets one digest email a day, from the digest hour on, listing their own
team's open alerts by case number and never a child's name. If the SMTP server is down at that
hour, a later run the same day sends it; once sent, nothing more that day."""

import datetime as dt

from scheduler.delivery import send_digests
from tests.api.alerting import free_port, registered_days_ago, scan_at, settings, smtp_server
from tests.conftest import run

DAY = dt.datetime(2031, 5, 6, tzinfo=dt.timezone.utc)


def at(hour: int, minute: int = 0, days: int = 0) -> dt.datetime:
    return DAY + dt.timedelta(days=days, hours=hour, minutes=minute)


def overdue_child(api, who: str, name: str) -> dict:
    made = api.post(who, "/api/v1/children", json={"display_name": name, "birth_date": "2015-02-02"})
    assert made.status_code == 201, made.text
    registered_days_ago(made.json()["id"], 40)
    return made.json()


def test_one_digest_a_day_for_each_team(api):
    north, south = overdue_child(api, "cw", "Amal"), overdue_child(api, "cw_other", "Zara")
    port = free_port()
    mail = settings(smtp_host="127.0.0.1", smtp_port=port, digest_hour=7)
    scan_at(at(6))

    controller, early = smtp_server(port)
    try:
        assert run(send_digests(at(6, 59), mail)) == 0  # before the digest hour
    finally:
        controller.stop()
    assert early.messages == []
    assert run(send_digests(at(7), mail)) == 0  # the server is down: nothing is claimed

    controller, box = smtp_server(port)
    try:
        assert run(send_digests(at(9, 15), mail)) == 2  # later that day: one per supervisor
        assert run(send_digests(at(11), mail)) == 0
        assert run(send_digests(at(7, days=1), mail)) == 2  # the next day's
    finally:
        controller.stop()

    first_day = box.messages[:2]
    by_recipient = {to[0]: text for to, text in first_day}
    assert set(by_recipient) == {"sup@haven.test", "sup_other@haven.test"}
    assert north["case_number"] in by_recipient["sup@haven.test"]
    assert south["case_number"] not in by_recipient["sup@haven.test"]
    assert south["case_number"] in by_recipient["sup_other@haven.test"]
    for _, text in box.messages:
        assert "Amal" not in text and "Zara" not in text
    assert len(box.messages) == 4
