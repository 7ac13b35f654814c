"""The page offers one plan in progress at a time, but the API can draft another: every plan
in progress stays on the child's page, each with its own actions, so none is out of sight."""

from tests.api.plans import draft


def test_two_drafts_both_show(api, child):
    first, second = draft(api, child), draft(api, child)
    page = api.get("cw", f"/children/{child['id']}")
    assert page.status_code == 200
    for plan in (first, second):
        assert f"/care-plans/{plan['id']}/edit" in page.text and f"/care-plans/{plan['id']}/submit" in page.text
    assert "/care-plans/new" not in page.text  # nothing new to start while plans are in progress
