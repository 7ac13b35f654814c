"""Each staff member can turn on an iCalendar feed of their due check-ins, reviews and
developmental checks, at a secret URL: events carry the case number and a link, never a name;
each reading is audited; renewing retires the old URL and a revoked one is a 404."""

import datetime as dt
import re

from icalendar import Calendar

from service.audit.tables import AuditEntry
from tests.api.plans import approved
from tests.conftest import run


def feed_path(url: str) -> str:
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def turn_on(api, who) -> str:
    made = api.post(who, "/api/v1/me/calendar")
    assert made.status_code == 201, made.text
    assert made.json()["active"] is True
    return feed_path(made.json()["url"])


def events(api, path) -> dict:
    response = api.client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}, response.text


def test_a_caseworker_sees_each_due_item_by_case_number(api, child):
    approved(api, child)  # gives the child a review date
    case = child["case_number"]
    found, text = events(api, turn_on(api, "cw"))
    assert set(found) == {f"Check-in due: {case}", f"Care-plan review due: {case}",
                          f"Developmental check due: {case}"}
    assert "Baby A" not in text
    review = found[f"Care-plan review due: {case}"]
    body = api.get("cw", f"/api/v1/children/{child['id']}").json()
    assert review.decoded("dtstart").isoformat() == body["next_review_due"]
    assert str(review["url"]).endswith(f"/children/{child['id']}")
    assert isinstance(found[f"Check-in due: {case}"].decoded("dtend"), dt.datetime)
    listed = run(AuditEntry.select().where(AuditEntry.action == "calendar.read"))
    assert [(e["actor"], e["child_id"]) for e in listed] == [("cw", child["id"])]


def test_a_therapist_gets_developmental_checks_only_and_others_nothing_of_the_child(api, child):
    found, _ = events(api, turn_on(api, "th"))
    assert set(found) == {f"Developmental check due: {child['case_number']}"}
    assert events(api, turn_on(api, "cw_other"))[0] == {}
    assert events(api, turn_on(api, "admin"))[0] == {}


def test_a_renewed_or_revoked_url_is_a_404(api, child):
    first = turn_on(api, "cw")
    second = turn_on(api, "cw")
    assert api.client.get(first).status_code == 404
    assert api.client.get(second).status_code == 200
    assert api.delete("cw", "/api/v1/me/calendar").status_code == 204
    assert api.client.get(second).status_code == 404
    assert api.get("cw", "/api/v1/me/calendar").json()["active"] is False
    assert api.client.get("/calendar/not-a-secret.ics").status_code == 404


def test_the_account_page_turns_it_on_and_off(api, child):
    page = api.get("cw", "/account/calendar")
    assert page.status_code == 200 and "Your feed is off" in page.text

    def press(action, page):
        token = re.search(r'name="_csrf_token" value="([^"]+)"', page.text).group(1)
        return api.client.post("/account/calendar", data={"action": action},
                               headers={**api._headers("cw"), "x-csrftoken": token})

    page = press("renew", page)
    url = re.search(r'<code class="secret">([^<]+)</code>', page.text).group(1)
    assert api.client.get(feed_path(url)).status_code == 200
    page = press("revoke", api.get("cw", "/account/calendar"))
    assert "Your feed is off" in page.text and api.client.get(feed_path(url)).status_code == 404
