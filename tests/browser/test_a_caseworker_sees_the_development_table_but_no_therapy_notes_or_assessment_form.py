"""The child's caseworker reads the development summary, the chart and its table, but does not
record assessments and never reads the therapist's notes: neither the link, the form nor one
word of the notes reaches their browser."""

import re

from playwright.sync_api import expect

from service.audit.tables import AuditEntry
from tests.browser.conftest import db
from tests.browser.development import NOTES, chart_rows, due_counts, young_child


def test_a_caseworker_sees_the_development_table_but_no_therapy_notes_or_assessment_form(api, open_as):
    child_id = young_child(api)
    page = open_as("cw")
    page.goto(f"/children/{child_id}")
    expect(page.get_by_role("heading", name="Development")).to_be_visible()
    assert due_counts(page)["Language / communication"] == ["10", "1", "0", "0", "1", "9", "100%"]
    assert len(chart_rows(page)) == 1
    expect(page.locator("figure.chart img")).to_have_attribute("alt", re.compile(
        r"^Line chart\. Share of observed due CDC milestones achieved, by domain, at 1 assessment, .*"
        r"The table below gives the same numbers\.$"))
    expect(page.get_by_role("link", name="Record an assessment")).to_have_count(0)
    html = page.content()
    assert NOTES not in html and "Therapy notes" not in html and "/assessments/new" not in html
    audited = db(AuditEntry.select(AuditEntry.action).where(AuditEntry.actor == "cw").output(as_list=True))
    assert {"development.read", "development.chart", "assessment.list"} <= set(audited)

    assert page.goto(f"/children/{child_id}/assessments/new").status == 403
    assert NOTES not in page.content()

    unassessed = young_child(api, earlier=None)
    page.goto(f"/children/{unassessed}")
    expect(page.get_by_text("No assessments yet.")).to_contain_text("The therapists on the care team record them")
