"""The CDC 2022 catalogue: 159 items at 12 checkpoints in four domains, as counted in the
reference table, every one with its code, domain, age, wording and source; any signed-in role
reads it, filtered by age and domain, and bad filters are a 400 naming the parameter."""

import pytest

from milestones import catalogue
from tests.conftest import run

# (social_emotional, language_communication, cognitive, movement_physical) per checkpoint
EXPECTED = {2: (4, 2, 2, 3), 4: (3, 3, 2, 5), 6: (3, 3, 3, 3), 9: (5, 2, 2, 4),
            12: (1, 3, 2, 4), 15: (5, 4, 2, 2), 18: (5, 2, 2, 6), 24: (2, 4, 3, 4),
            30: (3, 4, 4, 4), 36: (2, 5, 2, 3), 48: (6, 4, 3, 4), 60: (3, 4, 6, 2)}


def test_every_checkpoint_has_the_referenced_count_in_each_domain(api):
    items = api.get("cw", "/api/v1/milestones").json()
    assert len(items) == 159
    for age, counts in EXPECTED.items():
        got = tuple(sum(1 for i in items if i["age_months"] == age and i["domain"] == d)
                    for d in catalogue.DOMAINS)
        assert got == counts, age


def test_every_item_has_code_domain_age_wording_and_source(api):
    for item in api.get("th", "/api/v1/milestones").json():
        assert item["code"].startswith(f"M{item['age_months']:02d}-")
        assert item["domain"] in catalogue.DOMAINS
        assert item["description"].strip()
        citation, _, cross_check = item["source"].partition("second cop")
        assert "Zubler" in citation and "https://" in cross_check, item["code"]
        assert item["check_status"] in ("full match", "partly confirmed")


def test_items_without_a_full_second_copy_say_so(api):
    items = api.get("sup", "/api/v1/milestones").json()
    unconfirmed = {i["code"]: i["check_status"] for i in items if i["check_status"] != "full match"}
    paraphrased_36 = {"M36-CG-1", "M36-CG-2", "M36-MV-1", "M36-MV-2", "M36-MV-3"}
    paraphrased_48 = {i["code"] for i in items if i["age_months"] == 48}
    assert len(paraphrased_48) == 17
    assert unconfirmed == dict.fromkeys(paraphrased_36 | paraphrased_48, "partly confirmed")


def test_filters_narrow_by_age_and_domain(api):
    items = api.get("admin", "/api/v1/milestones?age_months=9&domain=cognitive").json()
    assert [i["code"] for i in items] == ["M09-CG-1", "M09-CG-2"]
    assert items[0]["description"] == "Looks for objects when dropped out of sight (like their spoon or toy)"


def test_loading_again_changes_nothing(api):
    run(catalogue.load())
    assert len(api.get("cw", "/api/v1/milestones").json()) == 159


@pytest.mark.parametrize("query,field", [("age_months=3", "age_months"), ("age_months=-1", "age_months"),
                                         ("age_months=x", "age_months"), ("domain=motor", "domain")])
def test_bad_filters_are_a_400_naming_the_parameter(api, query, field):
    response = api.get("cw", f"/api/v1/milestones?{query}")
    assert response.status_code == 400
    assert field in response.text


def test_no_token_no_catalogue(api):
    assert api.get(None, "/api/v1/milestones").status_code == 401
