"""The CDC lists are what most children (about 3 in 4) do by an age: a reason to talk with the
child's doctor, not a diagnosis or a screen. The API summary says so in a field, the
development part of the page says so once, and neither the page nor an alert speaks of
"delay"."""

import html

from tests.api.alerting import alerts, scan_at, utcnow
from tests.api.development import assess, months_ago, register, today


def test_the_api_and_the_page_say_what_the_lists_are_and_never_delay(api):
    child_id = register(api, months_ago(13))
    assess(api, child_id, months_ago(2), {"M09-LC-1": "achieved"})
    assess(api, child_id, today(), {"M09-LC-1": "not_yet", "M12-LC-1": "not_yet"})
    about = api.get("cw", f"/api/v1/children/{child_id}/development").json()["about_the_checklists"]
    assert "3 in 4" in about and "doctor" in about and "not a diagnosis" in about
    page = html.unescape(api.get("cw", f"/children/{child_id}").text)
    development = page[page.index('id="development"'):]
    assert development.count(about) == 1
    assert "delay" not in development.lower()
    scan_at(utcnow())
    found = alerts(kind="developmental_concern")
    assert found and not any("delay" in reason.lower() for a in found for reason in a["reasons"])
