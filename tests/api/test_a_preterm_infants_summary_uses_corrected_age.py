"""A baby born ten weeks early is checked against corrected age: six-month milestones are not
yet due at seven months chronological, so "not yet" there is no concern."""

from milestones import catalogue
from milestones.ages import age_on
from tests.api.development import assess, months_ago, register, today


def due_by(months: int, domain: str) -> int:
    return sum(1 for i in catalogue.items() if i.age_months <= months and i.domain == domain)


def test_the_summary_uses_corrected_age(api):
    born = months_ago(7)
    child_id = register(api, born, weeks=30)
    assess(api, child_id, today(), {"M06-SE-3": "not_yet", "M02-SE-1": "achieved"})
    body = api.get("cw", f"/api/v1/children/{child_id}/development").json()
    expected = age_on(born, 30, today()).corrected_months
    assert body["chronological_age_months"] == 7
    assert body["corrected_age_months"] == expected == body["age_used_months"] < 6
    assert body["full_term_weeks"] == 40 and body["gestational_age_known"] is True
    social = next(d for d in body["domains"] if d["domain"] == "social_emotional")
    assert social["due"] == due_by(expected, "social_emotional") < due_by(7, "social_emotional")
    assert social["achieved"] == 1 and social["never_observed"] == social["due"] - 1
    assert body["concerns"] == [] and body["advice"] is None


def test_a_full_term_baby_of_the_same_age_is_checked_by_chronological_age(api):
    child_id = register(api, months_ago(7), weeks=39)
    assess(api, child_id, today(), {"M06-SE-3": "not_yet"})
    body = api.get("cw", f"/api/v1/children/{child_id}/development").json()
    assert body["corrected_age_months"] is None and body["age_used_months"] == 7
    assert [c["code"] for c in body["concerns"]] == ["M06-SE-3"]
    assert body["concerns"][0]["description"] == "Laughs"
    assert "early intervention" in body["advice"]["advice"] and body["advice"]["source"]


def test_unknown_gestation_and_an_estimated_birth_date_are_said(api):
    child_id = register(api, months_ago(7), weeks=None, estimated=True)
    body = api.get("sup", f"/api/v1/children/{child_id}/development").json()
    assert body["gestational_age_known"] is False and body["birth_date_estimated"] is True
    assert body["corrected_age_months"] is None
    assert "estimated" in body["age_note"] and "unknown" in body["age_note"]
