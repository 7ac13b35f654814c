"""Opening a form page (a new care plan, a review, a check-in) only reads the case: the child is
not marked changed for the alert scan and no write is made until the form is sent."""

from __future__ import annotations

from care_plans.tables import Child
from tests.conftest import run


def _mark(child_id: str) -> tuple:
    row = run(Child.select(Child.revision, Child.changed).where(Child.id == child_id).first())
    return row["revision"], row["changed"]


def test_a_form_page_leaves_the_childs_changed_mark_alone(api, child):
    run(Child.update({Child.changed: False}).where(Child.id == child["id"]))
    before = _mark(child["id"])
    page = api.get("cw", f"/children/{child['id']}/care-plans/new")
    assert page.status_code == 200
    assert _mark(child["id"]) == before == (before[0], False)


def test_someone_who_may_not_change_the_case_is_still_refused_the_form(api, child):
    assert api.get("th", f"/children/{child['id']}/care-plans/new").status_code == 403
