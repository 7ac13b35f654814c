"""Input no engine can take is refused before it reaches one: search text beyond 200 characters
(API and page), a NUL anywhere in a body however much padding comes first, and a JSON object
that gives one key twice. Each is a 4xx naming what is wrong, and nothing is written."""

import json

from care_plans.tables import Child
from tests.conftest import run

CHILD = {"display_name": "Baby B", "birth_date": "2025-01-02", "documentation_status": "none"}


def test_search_text_is_capped_at_200_characters(api, child):
    assert api.get("cw", "/api/v1/children", params={"q": "B" * 200}).status_code == 200
    for length in (201, 50_001):
        refused = api.get("cw", "/api/v1/children", params={"q": "B" * length})
        assert refused.status_code == 400, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == ["q"]
    assert api.get("cw", "/children", params={"q": "B" * 50_001}).status_code == 400


def test_a_nul_after_a_megabyte_of_padding_is_still_refused(api):
    body = b"{" + b" " * 1_100_000 + json.dumps({**CHILD, "display_name": "Baby\u0000B"}).encode()[1:]
    assert body.index(b"\\u0000") > 1_000_000
    refused = api.client.post("/api/v1/children", content=body, headers={
        "Authorization": f"Bearer {api.tokens['cw']}", "Content-Type": "application/json"})
    assert refused.status_code == 400, refused.text[:200]
    assert run(Child.count()) == 0


def test_a_body_beyond_the_limit_is_a_413(api):
    huge = b'{"display_name": "' + b"a" * 10_000_001 + b'"}'
    refused = api.client.post("/api/v1/children", content=huge, headers={
        "Authorization": f"Bearer {api.tokens['cw']}", "Content-Type": "application/json"})
    assert refused.status_code == 413


def test_a_key_given_twice_is_a_400_naming_it(api):
    body = ('{"display_name": "Baby B", "birth_date": "2025-01-02", "documentation_status": "none", '
            '"birth_date": "2024-01-02"}')
    refused = api.client.post("/api/v1/children", content=body, headers={
        "Authorization": f"Bearer {api.tokens['cw']}", "Content-Type": "application/json"})
    assert refused.status_code == 400
    assert refused.json()["errors"] == [{"field": "birth_date", "message": "is given more than once"}]
    assert run(Child.count()) == 0
