"""Each case route, called successfully, leaves one audit entry naming the actor, the child
and the action, written in the same transaction as the work."""

import pytest

from service.audit.tables import AuditEntry
from tests.api.case_routes import APPROVE, ROUTES, call, prepare
from tests.conftest import run

ACTIONS = {
    "read the child": "child.read", "list placements": "placement.list",
    "list check-ins": "check_in.list", "list missing episodes": "missing.list",
    "list care plans": "care_plan.list", "read a care plan": "care_plan.read",
    "list reviews": "review.list", "correct the child's details": "child.update",
    "add to the care team": "care_team.add", "start a placement": "placement.create",
    "record a check-in": "check_in.create", "record a return": "missing.return",
    "draft a care plan": "care_plan.create", "change a care plan": "care_plan.update",
    "submit a care plan": "care_plan.submit", "record a review": "review.create",
    "approve a care plan": "care_plan.approve",
    "return a care plan": "care_plan.return",
}


def test_every_route_has_its_action():
    assert set(ACTIONS) == set(ROUTES)


@pytest.mark.parametrize("name", list(ROUTES))
def test_the_route_leaves_one_entry_naming_the_actor(api, child, name):
    ids = prepare(api, child)
    who = "sup" if ROUTES[name][0] == APPROVE else "th" if ROUTES[name][1] == "GET" else "cw"
    before = run(AuditEntry.count())
    assert call(api, who, name, ids).status_code == ROUTES[name][4]
    assert run(AuditEntry.count()) == before + 1
    latest = run(AuditEntry.select().order_by(AuditEntry.at, ascending=False).first())
    assert (latest["actor"], latest["action"], latest["child_id"]) == (who, ACTIONS[name], child["id"])


def test_asking_after_a_childs_alerts_or_trail_is_kept_even_when_nothing_is_found(api, child):
    assert api.get("th", f"/api/v1/alerts?child_id={child['id']}").json() == []
    latest = run(AuditEntry.select().order_by(AuditEntry.at, ascending=False).first())
    assert (latest["actor"], latest["action"], latest["child_id"]) == ("th", "alert.list", child["id"])
    assert api.get("sup", f"/api/v1/audit?child_id={child['id']}").status_code == 200
    latest = run(AuditEntry.select().order_by(AuditEntry.at, ascending=False).first())
    assert (latest["actor"], latest["action"], latest["child_id"]) == ("sup", "audit.read", child["id"])
