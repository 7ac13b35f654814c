"""A caseload of 120: pages of 50 sorted by any column, searched by name or case number, with
the filters kept in every link, and each page saying which of how many it shows; the API takes
the same parameters and says the total in `X-Total-Count`."""

import re

import pytest

from tests.api.lifecycle import a_second_caseworker_in_north


@pytest.fixture
def caseload(api):
    made = []
    for i in range(1, 121):
        created = api.post("cw", "/api/v1/children", json={"display_name": f"Child {i:03d}",
                                                           "birth_date": "2020-01-01"})
        assert created.status_code == 201
        made.append(created.json())
    return made


def names(response):
    return [c["display_name"] for c in response.json()]


def test_the_api_pages_sorts_and_counts(api, caseload):
    second = api.get("cw", "/api/v1/children", params={"sort": "name", "limit": 50, "offset": 50})
    assert second.status_code == 200
    assert names(second) == [f"Child {i:03d}" for i in range(51, 101)]
    assert second.headers["x-total-count"] == "120"
    backwards = api.get("cw", "/api/v1/children", params={"sort": "name", "order": "desc", "limit": 3})
    assert names(backwards) == ["Child 120", "Child 119", "Child 118"]
    found = api.get("sup", "/api/v1/children", params={"q": "child 07", "sort": "case_number"})
    assert names(found) == [f"Child {i:03d}" for i in range(70, 80)] and found.headers["x-total-count"] == "10"
    by_number = api.get("cw", "/api/v1/children", params={"q": caseload[41]["case_number"]})
    assert names(by_number) == ["Child 042"]
    assert api.get("cw", "/api/v1/children", params={"sort": "shoe_size"}).status_code == 400


def test_the_page_says_which_it_shows_and_keeps_the_filters(api, caseload):
    first = api.get("sup", "/children", params={"sort": "name"})
    assert "Showing 1–50 of 120" in first.text
    assert "Child 050" in first.text and "Child 051" not in first.text
    assert 'href="/children?sort=name&amp;page=2"' in first.text
    last = api.get("sup", "/children", params={"sort": "name", "page": 3})
    assert "Showing 101–120 of 120" in last.text and "Child 101" in last.text
    assert 'rel="next"' not in last.text
    searched = api.get("sup", "/children", params={"q": "Child 1", "sort": "name", "order": "desc"})
    assert "Showing 1–21 of 21" in searched.text  # Child 1, 100–120
    assert re.search(r'href="/children\?q=Child\+1&amp;sort=name"', searched.text)  # flips back to ascending
    beyond = api.get("sup", "/children", params={"page": 9})
    assert beyond.status_code == 200 and "past the end" in beyond.text


def test_the_team_page_lists_every_caseworker_those_with_no_children_too(api, caseload):
    second = a_second_caseworker_in_north()
    team = api.get("sup", "/team")
    assert team.status_code == 200
    assert f"caseworker={second}" in team.text
    rows = re.findall(r'<th scope="row" data-label="Caseworker">(.*?)</th>', team.text, re.S)
    assert len(rows) == 2
