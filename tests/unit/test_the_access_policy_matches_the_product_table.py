"""service/access.py against PRODUCT.md's table of who may do what, decision by decision."""

import pytest

from service import access
from service.access import Actor, ChildScope

CW = Actor("cw", "cw", "caseworker", "north")
CW_OTHER = Actor("cw2", "cw_other", "caseworker", "south")
CW_SAME_TEAM = Actor("cw3", "cw_colleague", "caseworker", "north")
TH = Actor("th", "th", "therapist", None)
TH_OTHER = Actor("th2", "th_other", "therapist", None)
SUP = Actor("sup", "sup", "supervisor", "north")
SUP_OTHER = Actor("sup2", "sup_other", "supervisor", "south")
ADMIN = Actor("admin", "admin", "admin", None)
MGR = Actor("mgr", "mgr", "manager", None)
CHILD = ChildScope(caseworker_id="cw", team_id="north", care_team_ids=frozenset({"th"}))

EVERYONE = [CW, CW_OTHER, CW_SAME_TEAM, TH, TH_OTHER, SUP, SUP_OTHER, ADMIN, MGR]


def allowed(decision):
    return {a.username for a in EVERYONE if decision(a, CHILD)}


def test_who_sees_the_child():
    assert allowed(access.can_view_child) == {"cw", "th", "sup"}


def test_who_edits_the_case():
    assert allowed(access.can_edit_case) == {"cw", "sup"}


def test_only_caseworker_and_supervisor_see_the_location():
    assert allowed(access.can_see_location) == {"cw", "sup"}


def test_who_records_assessments_and_reads_therapy_notes():
    assert allowed(access.can_record_assessment) == {"th", "sup"}
    assert allowed(access.can_read_therapy_notes) == {"th", "sup"}


def test_only_the_teams_supervisor_approves_plans_and_resolves_missing_alerts():
    assert allowed(access.can_approve_plan) == {"sup"}
    assert allowed(access.can_resolve_missing_alert) == {"sup"}


@pytest.mark.parametrize("actor,expected", [
    (CW, ("caseworker", "cw")), (SUP, ("team", "north")), (TH, ("care_team", "th")),
    (ADMIN, ("none", None)), (MGR, ("none", None)),
])
def test_each_role_lists_its_own_caseload(actor, expected):
    load = access.caseload(actor)
    assert (load.column, load.value) == expected


def test_registration_goes_to_own_caseload_or_a_team_caseworker():
    assert access.can_register_child(CW, CW)
    assert not access.can_register_child(CW, CW_SAME_TEAM)
    assert access.can_register_child(SUP, CW)
    assert not access.can_register_child(SUP_OTHER, CW)
    assert not access.can_register_child(SUP, TH)


def test_only_admins_manage_accounts():
    assert [a.username for a in EVERYONE if access.can_manage_accounts(a)] == ["admin"]


def test_a_manager_reads_indicators_for_the_whole_service_and_no_childs_record():
    assert [a.username for a in EVERYONE if access.can_read_indicators(a)] == ["sup", "sup_other", "mgr"]
    assert access.indicator_team(MGR, None) is None and access.indicator_team(MGR, "south") == "south"
    assert not any(decide(MGR, CHILD) for decide in (
        access.can_view_child, access.can_edit_case, access.can_see_location, access.can_read_therapy_notes))
    assert access.alert_kinds_seen(MGR) == ()
    assert "manager" not in access.ROLES_ALL  # the roles that may ask for a child's record


def test_a_supervisor_reads_their_own_teams_indicators_only():
    assert access.indicator_team(SUP, None) == "north" and access.indicator_team(SUP, "north") == "north"
    with pytest.raises(PermissionError):
        access.indicator_team(SUP, "south")
    for actor in (CW, TH, ADMIN):
        assert not access.can_read_indicators(actor)


def test_only_a_teams_supervisor_exports_its_caseload():
    assert [a.username for a in EVERYONE if access.can_export_caseload(a, "north")] == ["sup"]
