"""The scan names each active child's concerns and regressions by milestone code (a regressed
milestone under "regression" only), raises nothing for a child whose skills are seen, and
leaves a closed case out."""

from tests.api.alerting import alerts, scan_at, utcnow
from tests.api.development import assess, months_ago, register


def test_each_child_is_named_with_its_kind_and_codes(api):
    lost = register(api, months_ago(14))
    assess(api, lost, months_ago(3), {"M09-LC-1": "achieved"})
    assess(api, lost, months_ago(0), {"M09-LC-1": "not_yet", "M12-MV-1": "not_yet"})
    fine = register(api, months_ago(14))
    assess(api, fine, months_ago(0), {"M09-LC-1": "achieved"})
    closed = register(api, months_ago(14))
    assess(api, closed, months_ago(0), {"M09-LC-1": "not_yet"})
    assert api.post("sup", f"/api/v1/children/{closed}/closing", json={"reason": "turned_18"}).status_code == 201

    scan_at(utcnow())
    found = sorted((str(a["child"]), a["cause_key"], a["severity"])
                   for a in alerts(kind="developmental_concern"))
    assert found == sorted([(lost, "concern:M12-MV-1", "warning"), (lost, "regression:M09-LC-1", "high")])
