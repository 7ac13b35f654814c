"""The development chart comes as a valid PNG and SVG, at the contract's path and under
`/api/v1` alike, with a JSON twin of the same numbers; it is drawn once and served from the cache until the child's assessments change; a child
with no assessments gets a picture saying how to start."""

import xml.etree.ElementTree as ElementTree

import pytest

from milestones import charts
from tests.api.development import assess, months_ago, register

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def drawings(monkeypatch):
    """Counts the times a chart is actually drawn."""
    calls = []
    real = charts.draw

    def counting(points, fmt):
        calls.append(fmt)
        return real(points, fmt)

    monkeypatch.setattr(charts, "draw", counting)
    return calls


def test_png_and_svg_are_valid_images(api):
    child_id = register(api, months_ago(13))
    assess(api, child_id, months_ago(4), {"M09-LC-1": "achieved", "M09-SE-1": "emerging"})
    assess(api, child_id, months_ago(0), {"M09-LC-1": "not_yet", "M12-MV-1": "not_yet"})
    png = api.get("th", f"/api/v1/children/{child_id}/development.png")
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.content.startswith(PNG_MAGIC)
    svg = api.get("th", f"/api/v1/children/{child_id}/development.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    root = ElementTree.fromstring(svg.content)
    assert root.tag.endswith("svg") and charts.TITLE in svg.text
    for fmt, same in (("png", png), ("svg", svg)):
        contract = api.get("th", f"/children/{child_id}/development.{fmt}")
        assert contract.status_code == 200 and contract.content == same.content
        assert contract.headers["content-type"] == same.headers["content-type"]


def test_the_json_twin_has_each_assessment_with_shares_concerns_and_regressions(api):
    child_id = register(api, months_ago(13))
    assess(api, child_id, months_ago(4), {"M09-LC-1": "achieved", "M09-LC-2": "achieved"})
    assess(api, child_id, months_ago(0), {"M09-LC-1": "not_yet"})
    data = api.get("cw", f"/api/v1/children/{child_id}/development/chart-data").json()
    first, last = data["points"]
    assert (first["age_used_months"], last["age_used_months"]) == (9, 13)
    language = [d for d in last["domains"] if d["domain"] == "language_communication"][0]
    assert language["regressions"] == ["M09-LC-1"] and "M09-LC-1" in language["concerns"]
    assert (language["achieved"], language["observed"]) == (1, 2)
    assert language["share_achieved"] == 0.5 and language["never_observed"] == language["due"] - 2
    assert data["empty_message"] is None


def test_a_second_request_is_not_drawn_again_and_a_new_assessment_is(api, drawings):
    child_id = register(api, months_ago(8))
    assess(api, child_id, months_ago(1), {"M06-SE-3": "achieved"})
    path = f"/api/v1/children/{child_id}/development.png"
    first = api.get("th", path).content
    assert api.get("sup", path).content == first
    assert api.get("cw", f"/children/{child_id}/development.png").content == first
    assert drawings == ["png"]
    api.get("th", path.replace(".png", ".svg"))
    assert drawings == ["png", "svg"]
    assess(api, child_id, months_ago(0), {"M06-SE-3": "not_yet"})
    assert api.get("th", path).content != first
    assert drawings == ["png", "svg", "png"]


def test_no_assessments_gives_a_helpful_empty_picture(api):
    child_id = register(api, months_ago(3))
    png = api.get("cw", f"/api/v1/children/{child_id}/development.png")
    assert png.status_code == 200 and png.content.startswith(PNG_MAGIC)
    svg = api.get("cw", f"/api/v1/children/{child_id}/development.svg").text
    assert "Record one to see development over time" in svg
    data = api.get("cw", f"/api/v1/children/{child_id}/development/chart-data").json()
    assert data["points"] == [] and data["empty_message"] == charts.EMPTY
