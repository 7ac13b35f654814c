""""Draft a new version" starts from the plan in force: its goals (however many), services,
cadence and the child's views are in the form, so what is not retyped is kept. Once saved,
the new version says what it changes against the current one, in the API and on the page, and
its version number is the same on the page as in the API, and higher than the one it replaces."""

import html
import re

from tests.api.plans import PLAN, approved

GOALS = [{"domain": "education", "description": f"Goal number {n}"} for n in range(1, 11)]


def csrf(page: str) -> str:
    return re.search(r'name="_csrf_token" value="([^"]+)"', page).group(1)


def form_values(page: str) -> dict:
    """What a browser would post back untouched: every input and textarea of the plan form."""
    form = page[page.index('<form method="post" action="/children/'):]
    form = form[:form.index("</form>")]
    values = {m[0]: html.unescape(m[1]) for m in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form)}
    values.update({m[0]: html.unescape(m[1]) for m in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)</textarea>', form)})
    values.update({m[0]: m[1] for m in re.findall(
        r'<select[^>]*name="([^"]+)"[^>]*>(?:(?!</select>).)*?<option value="([^"]+)" selected', form, re.S)})
    return values


def test_a_new_version_keeps_what_was_not_retyped_and_shows_the_changes(api, child):
    current = approved(api, child, goals=GOALS, review_every_days=90, check_in_every_days=10,
                       services=["play therapy", "speech therapy"])
    form = api.get("cw", f"/children/{child['id']}/care-plans/new")
    assert form.status_code == 200
    values = form_values(form.text)
    assert [values[f"goal-{i}-description"] for i in range(10)] == [g["description"] for g in GOALS]
    assert values["services"].splitlines() == ["play therapy", "speech therapy"]
    assert (values["review_every_days"], values["check_in_every_days"]) == ("90", "10")
    assert values["child_views"] == PLAN["child_views"]
    assert f"version {current['version']}" in form.text

    values["services"] = "play therapy\nspeech therapy\nswimming lessons"  # the one thing retyped
    saved = api.client.post(f"/children/{child['id']}/care-plans/new", data=values,
                            headers={**api._headers("cw"), "x-csrftoken": csrf(form.text)},
                            follow_redirects=False)
    assert saved.status_code == 303, saved.text
    plans = api.get("cw", f"/api/v1/children/{child['id']}/care-plans").json()
    new = next(p for p in plans if p["status"] == "draft")
    assert [g["description"] for g in new["goals"]] == [g["description"] for g in GOALS]
    assert (new["review_every_days"], new["check_in_every_days"]) == (90, 10)
    assert new["child_views"] == PLAN["child_views"]
    assert new["version"] == current["version"] + 1

    read = api.get("sup", f"/api/v1/care-plans/{new['id']}").json()
    assert read["changes_from_current"] == [
        {"what": "Service added", "before": None, "after": "swimming lessons"}]
    page = html.unescape(api.get("sup", f"/children/{child['id']}").text)
    assert f"The current plan, version {current['version']}" in page
    assert f"Version {new['version']}, a new version in draft" in page
    assert "What this version changes against the current plan" in page and "swimming lessons" in page
