"""A therapist on the care team opens a preterm infant's page, follows "Record an assessment",
finds the milestones due at the corrected age a domain at a time with each previous answer,
records what they saw step by step, and is back on the child's page where the numbers, the table and the chart changed."""

import xml.etree.ElementTree as ElementTree

from playwright.sync_api import expect

from milestones.catalogue import by_code
from milestones.tables import Assessment, Observation
from service.accounts.tables import User
from templates.filters import day
from tests.api.development import months_ago
from tests.browser.conftest import assert_accessible, db, screenshot
from tests.browser.development import NOTES, chart_rows, due_counts, young_child

MARKED = {"M09-SE-1": "Achieved", "M09-LC-1": "Not yet", "M09-CG-2": "Achieved", "M09-MV-4": "Not yet"}
IMAGE_LOADED = "() => { const i = document.querySelector('figure.chart img'); return i && i.complete && i.naturalWidth > 0 }"


def _item(page, code: str):
    return page.get_by_role("group", name=by_code()[code].description, exact=True)


def _assert_the_chart_loads(page) -> str:
    src = page.locator("figure.chart img").get_attribute("src")
    page.wait_for_function(IMAGE_LOADED)
    image = page.request.get(src)
    assert image.ok and image.headers["content-type"].startswith("image/svg+xml")
    assert ElementTree.fromstring(image.body()).tag.endswith("svg")
    return src


def _before(page, child_id: str) -> str:
    expect(page.get_by_role("heading", name="Development")).to_be_visible()
    corrected = page.locator("dt", has_text="Corrected age").locator("xpath=following-sibling::dd[1]")
    expect(corrected).to_contain_text("11 months")
    # due, achieved, emerging, not yet, observed, never observed, achieved of observed
    assert due_counts(page) == {"Social / emotional": ["15", "0", "1", "0", "1", "14", "0%"],
                                "Language / communication": ["10", "1", "0", "0", "1", "9", "100%"],
                                "Cognitive": ["9", "0", "0", "0", "0", "9", "—"],
                                "Movement / physical": ["15", "1", "0", "0", "1", "14", "100%"]}
    assert chart_rows(page) == [[day(months_ago(2)), "9 months",
                                 "0% 0 of 1 observed achieved; 14 never observed",
                                 "100% 1 of 1 observed achieved; 9 never observed",
                                 "None of 9 due observed",
                                 "100% 1 of 1 observed achieved; 14 never observed"]]
    expect(page.get_by_text(NOTES)).to_be_visible()
    src = _assert_the_chart_loads(page)
    assert src.startswith(f"/children/{child_id}/development.svg?v=")
    return src


def _step(page, domain: str, number: int) -> None:
    """Each domain is a step of its own, said in words: "Cognitive, 3 of 5"."""
    expect(page.locator("#progress")).to_have_text(f"{domain}, {number} of 5")
    expect(page.get_by_role("heading", name=domain, exact=True)).to_be_visible()


def _fill_in_the_form(page) -> None:
    _step(page, "Social / emotional", 1)
    expect(_item(page, "M09-SE-1")).to_contain_text(f"Last time ({day(months_ago(2))}): emerging")
    _item(page, "M09-SE-1").get_by_label(MARKED["M09-SE-1"], exact=True).check()
    page.get_by_role("button", name="Next: Language / communication").click()
    _step(page, "Language / communication", 2)
    page.get_by_role("region", name="Language / communication").get_by_text("Achieved before").click()
    expect(_item(page, "M09-LC-1")).to_contain_text("Last time")
    _item(page, "M09-LC-1").get_by_label(MARKED["M09-LC-1"], exact=True).check()
    page.get_by_role("button", name="Next: Cognitive").click()
    _step(page, "Cognitive", 3)
    expect(_item(page, "M09-CG-2")).to_contain_text("Not observed before")
    _item(page, "M09-CG-2").get_by_label(MARKED["M09-CG-2"], exact=True).check()
    page.get_by_role("button", name="Next: Movement / physical").click()
    _step(page, "Movement / physical", 4)
    _item(page, "M09-MV-4").get_by_label(MARKED["M09-MV-4"], exact=True).check()
    assert_accessible(page)
    page.get_by_role("button", name="Next: Date and notes").click()
    expect(page.locator("#progress")).to_have_text("Date and notes, 5 of 5")
    page.get_by_label("Therapy notes").fill("Sat briefly with support; babbling less this month")
    assert_accessible(page)


def test_a_therapist_records_an_assessment_and_sees_the_chart_change(api, open_as):
    child_id = young_child(api)
    page = open_as("th")
    page.goto(f"/children/{child_id}")
    old_src = _before(page, child_id)

    page.get_by_role("link", name="Record an assessment").click()
    expect(page.get_by_role("heading", name="Record an assessment")).to_be_visible()
    _fill_in_the_form(page)
    page.get_by_role("button", name="Record assessment").click()

    expect(page.get_by_role("status")).to_contain_text("The assessment is recorded")
    assert page.url.endswith(f"/children/{child_id}?done=assessment#development")
    assert due_counts(page) == {"Social / emotional": ["15", "1", "0", "0", "1", "14", "100%"],
                                "Language / communication": ["10", "0", "0", "1", "1", "9", "0%"],
                                "Cognitive": ["9", "1", "0", "0", "1", "8", "100%"],
                                "Movement / physical": ["15", "1", "0", "1", "2", "13", "50%"]}
    assert chart_rows(page)[-1] == [day(months_ago(0)), "11 months",
                                    "100% 1 of 1 observed achieved; 14 never observed",
                                    "0% 0 of 1 observed achieved; 9 never observed Skill lost",
                                    "100% 1 of 1 observed achieved; 8 never observed",
                                    "50% 1 of 2 observed achieved; 13 never observed Concern"]
    expect(page.get_by_role("heading", name="2 concerns, 1 of them a skill lost")).to_be_visible()
    new_src = _assert_the_chart_loads(page)
    assert new_src != old_src

    newest = db(Assessment.select().order_by(Assessment.created_at, ascending=False).first())
    assert new_src.endswith(f"?v={newest['id']}")
    assert newest["assessed_by"] == db(User.select(User.id).where(User.username == "th").first())["id"]
    observed = db(Observation.select(Observation.milestone, Observation.status)
                  .where(Observation.assessment == newest["id"]))
    assert {o["milestone"]: o["status"] for o in observed} == {
        code: answer.lower().replace(" ", "_") for code, answer in MARKED.items()}
    assert_accessible(page)
    screenshot(page, "test_a_therapist_records_an_assessment_and_sees_the_chart_change")
