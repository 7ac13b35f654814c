"""While a child is missing from care, the missing-from-care alert speaks for them: no
missed-check-in alert says "a visit will reconnect with them", and one already open resolves
saying why. After the return, check-ins fall due again as usual."""

import datetime as dt

from tests.api.alerting import alerts, registered_days_ago, scan_at, utcnow


def test_missing_replaces_missed(api, child):
    registered_days_ago(child["id"], 40)  # beyond a low-risk child's 30 days and the grace
    at = utcnow()
    scan_at(at)
    assert [a["status"] for a in alerts(kind="missed_check_in")] == ["open"]

    went = api.post("cw", f"/api/v1/children/{child['id']}/missing-episodes",
                    json={"went_missing_at": (at - dt.timedelta(hours=1)).isoformat()})
    assert went.status_code == 201, went.text
    scan_at(at + dt.timedelta(minutes=5))
    (missed,) = alerts(kind="missed_check_in")
    assert missed["status"] == "resolved" and "missing from care" in missed["resolved_note"]
    assert [a["status"] for a in alerts(kind="missing_from_care")] == ["open"]
    scan_at(at + dt.timedelta(days=3))
    assert len(alerts(kind="missed_check_in")) == 1  # none raised while missing
