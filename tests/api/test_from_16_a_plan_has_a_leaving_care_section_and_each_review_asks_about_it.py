"""From 16 a care plan has a leaving-care section (where they will live, income, education or
work, who they can call): it is needed before the plan goes to the supervisor, and every review
asks how leaving care is going. A younger child's plan and review need neither."""

import datetime as dt

from care_plans.tables import CarePlan, Review
from tests.api.plans import PLAN, draft
from tests.conftest import run

SECTION = {"where_they_will_live": "Supported lodgings near college", "income": "Care leaver's bursary",
           "education_or_work": "Level 2 catering course", "who_they_can_call": "Her personal adviser, Sam"}


def sixteen(api):
    born = dt.date.today().replace(year=dt.date.today().year - 16) - dt.timedelta(days=30)
    created = api.post("cw", "/api/v1/children", json={"display_name": "Lina", "birth_date": born.isoformat()})
    assert created.status_code == 201, created.text
    return created.json()


def _fields(response):
    return {e["field"] for e in response.json()["errors"]}


def test_a_plan_from_16_goes_to_the_supervisor_only_with_its_leaving_care_section(api):
    child = sixteen(api)
    plan = draft(api, child)
    refused = api.post("cw", f"/api/v1/care-plans/{plan['id']}/submit")
    assert refused.status_code == 400
    assert _fields(refused) == {f"leaving_care.{k}" for k in SECTION}
    assert run(CarePlan.select(CarePlan.status).first())["status"] == "draft"

    changed = api.patch("cw", f"/api/v1/care-plans/{plan['id']}", json={"version": plan["version"], "leaving_care": SECTION})
    assert changed.status_code == 200, changed.text
    assert changed.json()["leaving_care"] == SECTION
    assert api.post("cw", f"/api/v1/care-plans/{plan['id']}/submit").status_code == 200
    assert api.post("sup", f"/api/v1/care-plans/{plan['id']}/approve").status_code == 200
    page = api.get("cw", f"/children/{child['id']}")
    assert "Supported lodgings near college" in page.text


def test_each_review_from_16_asks_about_leaving_care(api):
    child = sixteen(api)
    plan = draft(api, child, leaving_care=SECTION)
    api.post("cw", f"/api/v1/care-plans/{plan['id']}/submit")
    api.post("sup", f"/api/v1/care-plans/{plan['id']}/approve")
    body = {"reviewed_on": dt.date.today().isoformat(), "summary": "Settled", "child_views": "I like college"}
    refused = api.post("cw", f"/api/v1/care-plans/{plan['id']}/reviews", json=body)
    assert refused.status_code == 400 and _fields(refused) == {"leaving_care"}
    assert run(Review.count()) == 0
    form = api.get("cw", f"/care-plans/{plan['id']}/reviews/new")
    assert "Leaving care: how is it going?" in form.text
    done = api.post("cw", f"/api/v1/care-plans/{plan['id']}/reviews",
                    json={**body, "leaving_care": "Viewed two flats; bursary agreed."})
    assert done.status_code == 201, done.text
    assert done.json()["leaving_care"] == "Viewed two flats; bursary agreed."


def test_a_younger_childs_plan_needs_no_leaving_care_section(api, child):
    plan = draft(api, child)
    assert plan["leaving_care"] is None
    assert api.post("cw", f"/api/v1/care-plans/{plan['id']}/submit").status_code == 200
    assert "Leaving care" not in api.get("cw", f"/children/{child['id']}/care-plans/new").text
    assert PLAN  # the shared plan carries no section
