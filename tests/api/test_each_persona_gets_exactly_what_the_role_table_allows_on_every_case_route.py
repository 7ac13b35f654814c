"""Every case route, called by each persona: the caseworker and supervisor hold the case,
the therapist on the care team sees it but may not change it, everyone else is told the
child does not exist, and nobody is let in without a token. A refusal writes nothing but
one audit entry saying who was refused what (for a caller with no token, that one was not
signed in)."""

import pytest
from piccolo.conf.apps import Finder

from service.audit.tables import AuditEntry
from tests.api.case_routes import EXPECTED, PERSONAS, ROUTES, call, prepare
from tests.conftest import _case_tables, run


def counts() -> dict[str, int]:
    """Rows in every case table, the audit trail included."""
    tables = {t._meta.tablename: t for t in Finder().get_table_classes()}
    return {name: run(tables[name].count()) for name in _case_tables()}


@pytest.mark.parametrize("who", PERSONAS, ids=lambda w: w or "anonymous")
@pytest.mark.parametrize("name", list(ROUTES))
def test_the_route_answers_the_persona_as_the_table_says(api, child, name, who):
    ids = prepare(api, child)
    before = counts()
    response = call(api, who, name, ids)
    expected = EXPECTED[ROUTES[name][0]][who]
    if expected == "ok":
        assert response.status_code == ROUTES[name][4], response.text
    else:
        assert response.status_code == expected, response.text
        after = counts()
        assert after == {**before, "audit_entry": before["audit_entry"] + 1}
        latest = run(AuditEntry.select().order_by(AuditEntry.at, ascending=False).first())
        on_child = "{child}" in ROUTES[name][2]  # a care plan's route names the plan, not the child
        if who is None:
            assert (latest["actor"], latest["action"]) == ("(not signed in)", "access.unauthenticated")
        else:
            assert (latest["actor"], latest["action"], latest["child_id"]) == (
                who, "access.refused", ids["child"] if on_child else None)


def test_a_404_reads_the_same_for_a_record_beyond_reach_and_one_that_never_was(api, child):
    ids = prepare(api, child)
    beyond = api.get("sup_other", f"/api/v1/care-plans/{ids['plan']}")
    never = api.get("sup_other", "/api/v1/care-plans/00000000-0000-4000-8000-000000000000")
    assert beyond.status_code == never.status_code == 404
    assert beyond.json() == never.json()
