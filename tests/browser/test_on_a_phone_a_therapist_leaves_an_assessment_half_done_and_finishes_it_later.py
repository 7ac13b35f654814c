"""On a phone (375 px wide) a therapist starts an assessment of a child first seen late, answers
the first two areas, leaves for the child's page, and comes back later to find the answers kept
(on the server, not in the browser); the earlier checklists wait behind "check earlier skills".
Finishing records one assessment with every answer and leaves no draft behind."""

from playwright.sync_api import expect

from milestones.catalogue import by_code
from milestones.tables import Assessment, AssessmentDraft, Observation
from service.audit.tables import AuditEntry
from tests.browser.conftest import PHONE, assert_accessible, db, screenshot
from tests.browser.development import young_child

FIRST = {"M09-SE-1": "Achieved", "M09-LC-1": "Emerging"}
EARLIER = {"M06-MV-1": "Achieved"}


def _item(page, code: str):
    return page.get_by_role("group", name=by_code()[code].description, exact=True)


def _fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _answer_the_first_two_areas(page, child_id: str) -> None:
    page.goto(f"/children/{child_id}/assessments/new")
    expect(page.locator("#progress")).to_have_text("Social / emotional, 1 of 5")
    assert not _item(page, "M06-MV-1").count()  # the 6-month list is not in the domain steps
    _item(page, "M09-SE-1").get_by_label(FIRST["M09-SE-1"], exact=True).check()
    _fits_the_phone(page)
    assert_accessible(page)
    page.get_by_role("button", name="Next: Language / communication").click()
    _item(page, "M09-LC-1").get_by_label(FIRST["M09-LC-1"], exact=True).check()
    page.get_by_role("button", name="Next: Cognitive").click()
    expect(page.locator("#progress")).to_have_text("Cognitive, 3 of 5")


def _come_back_and_find_the_answers(page, child_id: str) -> None:
    page.goto(f"/children/{child_id}/assessments/new")
    expect(page.get_by_role("status")).to_contain_text("Welcome back")
    expect(page.locator("#progress")).to_have_text("Cognitive, 3 of 5")
    page.get_by_role("button", name="Back: Language / communication").click()
    expect(_item(page, "M09-LC-1").get_by_label("Emerging", exact=True)).to_be_checked()
    page.get_by_role("button", name="Back: Social / emotional").click()
    expect(_item(page, "M09-SE-1").get_by_label("Achieved", exact=True)).to_be_checked()
    assert_accessible(page)


def _finish_with_an_earlier_skill(page) -> None:
    for area in ("Language / communication", "Cognitive", "Movement / physical", "Date and notes"):
        page.get_by_role("button", name=f"Next: {area}").click()
    page.get_by_role("button", name="check earlier skills").click()
    expect(page.locator("#progress")).to_have_text("Earlier skills, optional")
    _item(page, "M06-MV-1").get_by_label(EARLIER["M06-MV-1"], exact=True).check()
    _fits_the_phone(page)
    assert_accessible(page)
    page.get_by_role("button", name="Done: back to date and notes").click()
    expect(page.get_by_role("listitem").filter(has_text="Earlier skills")).to_contain_text("1 of")
    page.get_by_label("Therapy notes").fill("Warmed up after ten minutes on the mat")
    _fits_the_phone(page)
    assert_accessible(page)
    page.get_by_role("button", name="Record assessment").click()


def test_on_a_phone_a_therapist_leaves_an_assessment_half_done_and_finishes_it_later(api, open_as):
    child_id = young_child(api, earlier=None)
    page = open_as("th", viewport=PHONE)
    _answer_the_first_two_areas(page, child_id)
    page.get_by_role("button", name="Save and finish later").click()  # back to the child's page
    expect(page.get_by_role("status")).to_contain_text("Your answers so far are saved")
    page.context.close()
    assert db(AssessmentDraft.count()) == 1 and db(Assessment.count()) == 0
    page = open_as("th", viewport=PHONE)  # later, in a fresh browser: the answers are the server's
    _come_back_and_find_the_answers(page, child_id)
    screenshot(page, "test_on_a_phone_a_therapist_leaves_an_assessment_half_done_and_finishes_it_later-step")
    _finish_with_an_earlier_skill(page)

    expect(page.get_by_role("status")).to_contain_text("The assessment is recorded")
    observed = db(Observation.select(Observation.milestone, Observation.status))
    assert {o["milestone"]: o["status"] for o in observed} == {
        code: answer.lower() for code, answer in {**FIRST, **EARLIER}.items()}
    assert db(Assessment.count()) == 1 and db(AssessmentDraft.count()) == 0
    saves = db(AuditEntry.count().where(AuditEntry.action == "assessment_draft.save"))
    assert saves >= 3 and db(AuditEntry.count().where(AuditEntry.action == "assessment_draft.delete")) == 1
    assert_accessible(page)
    screenshot(page, "test_on_a_phone_a_therapist_leaves_an_assessment_half_done_and_finishes_it_later")
