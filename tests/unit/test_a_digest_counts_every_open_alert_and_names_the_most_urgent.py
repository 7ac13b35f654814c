"""A supervisor's digest stays readable however many alerts are open: it counts them by
severity, names the most urgent by case number (at most `DIGEST_LISTS`), says how many more
wait in the inbox, and says "1 open alert", not "1 open alerts"."""

from scheduler.delivery import DIGEST_LISTS, digest
from service.settings import Settings

SETTINGS = Settings(base_url="https://haven.example/")


def alert(n: int, severity: str) -> dict:
    return {"case_number": f"HV-2031-{n:06d}", "kind_label": "check-in missed", "severity": severity,
            "status": "open", "raised_on": "2031-05-01"}


def test_many_alerts_are_counted_and_the_most_urgent_named():
    alerts = [alert(n, "critical") for n in range(2)] + [alert(n, "info") for n in range(2, 40)]
    subject, body = digest(alerts, "2031-05-06", SETTINGS)
    assert subject == "Haven: 40 open alerts for your team"
    assert "40 alerts waiting: 2 critical, 38 info." in body
    assert f"The {DIGEST_LISTS} most urgent:" in body
    named = [line for line in body.splitlines() if line.startswith("- HV-")]
    assert named[:2] == ["- HV-2031-000000: check-in missed (critical, open) since 2031-05-01",
                         "- HV-2031-000001: check-in missed (critical, open) since 2031-05-01"]
    assert len(named) == DIGEST_LISTS and f"and {40 - DIGEST_LISTS} more." in body
    assert body.rstrip().endswith("https://haven.example/inbox")


def test_one_alert_is_said_in_the_singular_and_named():
    subject, body = digest([alert(7, "high")], "2031-05-06", SETTINGS)
    assert subject == "Haven: 1 open alert for your team"
    assert "1 alert waiting: 1 high." in body and "Most urgent first:" in body
    assert "- HV-2031-000007" in body and "more." not in body
