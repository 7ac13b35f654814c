"""Corrected age follows one convention, stated in the API and on the page: the AAP's by
default (a 40-week term, corrected when born more than 3 weeks early, so 36 weeks or less).
A baby born at 37 weeks is checked by chronological age; one born at 36 weeks by corrected age.
(The ASQ's convention, the alternative setting, is tested with the other settings.)"""

import html

from tests.api.development import assess, months_ago, register, today


def test_37_weeks_is_not_corrected_and_36_weeks_is(api):
    at_37 = register(api, months_ago(6, days=10), weeks=37)
    assess(api, at_37, today(), {"M06-SE-3": "not_yet"})
    body = api.get("cw", f"/api/v1/children/{at_37}/development").json()
    assert body["corrected_age_months"] is None and body["age_used_months"] == 6
    assert [c["code"] for c in body["concerns"]] == ["M06-SE-3"]  # due at 6 months chronological
    assert body["corrected_age_convention"] == "aap" and body["full_term_weeks"] == 40
    assert "more than 3 weeks early" in body["age_rule"]

    at_36 = register(api, months_ago(6, days=10), weeks=36)
    assess(api, at_36, today(), {"M06-SE-3": "not_yet"})
    body = api.get("cw", f"/api/v1/children/{at_36}/development").json()
    assert body["corrected_age_months"] == 5 and body["concerns"] == []
    page = html.unescape(api.get("th", f"/children/{at_36}").text)
    assert body["age_rule"] in page and "American Academy of Pediatrics" in page
