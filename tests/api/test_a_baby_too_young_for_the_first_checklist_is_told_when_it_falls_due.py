"""A newborn has no milestones due until the first CDC checklist (2 months, corrected for
early birth): the child's page and the assessment form say on which day it falls due, and
offer no form that could only be refused."""

import datetime as dt

from milestones.ages import reaches
from tests.api.development import months_ago, register


def test_a_newborn_page_and_form_name_the_day_of_the_first_check(api):
    born = dt.date.today() - dt.timedelta(days=20)
    cid = register(api, born, weeks=31)
    first = reaches(born, 31, 2)
    said = f"{first.day} {first:%b %Y}"
    form = api.get("th", f"/children/{cid}/assessments/new")
    assert form.status_code == 200 and "No milestones are due yet" in form.text and said in form.text
    assert 'action="/children/' not in form.text
    page = api.get("th", f"/children/{cid}")
    assert "No milestones are due yet" in page.text and said in page.text
    assert f"/children/{cid}/assessments/new" not in page.text


def test_once_due_the_form_lists_the_milestones(api):
    cid = register(api, months_ago(3))
    form = api.get("th", f"/children/{cid}/assessments/new")
    assert "No milestones are due yet" not in form.text and 'name="m-' in form.text
