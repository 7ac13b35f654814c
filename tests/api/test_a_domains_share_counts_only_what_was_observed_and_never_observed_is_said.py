"""The chart and its table tell "not yet" apart from "never observed": a domain's share is the
due milestones achieved out of those observed, with the count observed and never observed
beside it; a due milestone never observed is shown as such, never as not achieved. A single
assessment still gives an axis of whole months."""

import re

from tests.api.development import assess, months_ago, register, today


def language(domains: list[dict]) -> dict:
    return next(d for d in domains if d["domain"] == "language_communication")


def test_the_share_is_of_the_observed_and_the_rest_are_never_observed(api):
    child_id = register(api, months_ago(9, days=3))
    assess(api, child_id, today(), {"M02-LC-1": "achieved", "M04-LC-1": "not_yet"})
    summary = language(api.get("th", f"/api/v1/children/{child_id}/development").json()["domains"])
    assert summary["due"] > 2 and (summary["observed"], summary["achieved"]) == (2, 1)
    assert summary["share_achieved"] == 0.5 and summary["never_observed"] == summary["due"] - 2
    (point,) = api.get("th", f"/api/v1/children/{child_id}/development/chart-data").json()["points"]
    charted = language(point["domains"])
    assert (charted["share_achieved"], charted["observed"], charted["never_observed"]) == (
        0.5, 2, summary["never_observed"])
    page = api.get("cw", f"/children/{child_id}").text
    assert f"1 of 2 observed achieved; {summary['never_observed']} never observed" in page
    assert "Never observed" in page


def test_a_single_assessment_gives_whole_month_ticks(api):
    child_id = register(api, months_ago(9, days=3))
    assess(api, child_id, today(), {"M09-LC-1": "achieved"})
    svg = api.get("th", f"/api/v1/children/{child_id}/development.svg").text
    x_axis = svg[svg.index('id="matplotlib.axis_1"'):svg.index('id="matplotlib.axis_2"')]
    ticks = [t for t in re.findall(r"<!-- (.*?) -->", x_axis) if not t.startswith("Age")]
    assert "9" in ticks and all(t.lstrip("−-").isdigit() for t in ticks), ticks
