"""Every route of a child's case, with a valid request for each, shared by the persona and
audit tests. `prepare` makes the records a route needs: an approved plan, a submitted plan, a draft
plan (and its version, which counts on from the child's earlier plans) and an open missing
episode, all on the `child` fixture's case."""

import datetime as dt

from tests.api.plans import approved, draft

READ, WRITE, APPROVE = "read", "write", "approve"


def _ago(hours):
    return (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=hours)).isoformat()


def prepare(api, child) -> dict:
    active = approved(api, child)
    submitted = draft(api, child)
    assert api.post("cw", f"/api/v1/care-plans/{submitted['id']}/submit").status_code == 200
    episode = api.post("cw", f"/api/v1/children/{child['id']}/missing-episodes",
                       json={"went_missing_at": _ago(30)})
    plan = draft(api, child)
    return {"child": child["id"], "plan": plan["id"], "plan_version": plan["version"],
            "submitted": submitted["id"], "active": active["id"], "episode": episode.json()["id"]}


# name: (kind, method, path, body, success status)
ROUTES = {
    "read the child": (READ, "GET", "/api/v1/children/{child}", None, 200),
    "list placements": (READ, "GET", "/api/v1/children/{child}/placements", None, 200),
    "list check-ins": (READ, "GET", "/api/v1/children/{child}/check-ins", None, 200),
    "list missing episodes": (READ, "GET", "/api/v1/children/{child}/missing-episodes", None, 200),
    "list care plans": (READ, "GET", "/api/v1/children/{child}/care-plans", None, 200),
    "read a care plan": (READ, "GET", "/api/v1/care-plans/{plan}", None, 200),
    "list reviews": (READ, "GET", "/api/v1/care-plans/{plan}/reviews", None, 200),
    "correct the child's details": (WRITE, "PATCH", "/api/v1/children/{child}", {"languages": ["ar"]}, 200),
    "add to the care team": (WRITE, "POST", "/api/v1/children/{child}/care-team", {"username": "th_other"}, 201),
    "start a placement": (WRITE, "POST", "/api/v1/children/{child}/placements",
                          {"kind": "kinship", "started_on": "2026-05-01", "planned": True,
                           "location": "with an aunt"}, 201),
    "record a check-in": (WRITE, "POST", "/api/v1/children/{child}/check-ins",
                          {"occurred_at": _ago(2), "mode": "in_person", "child_seen": True}, 201),
    "record a return": (WRITE, "PATCH", "/api/v1/children/{child}/missing-episodes/{episode}",
                        {"returned_at": _ago(1)}, 200),
    "draft a care plan": (WRITE, "POST", "/api/v1/children/{child}/care-plans",
                          {"goals": [{"domain": "health", "description": "Hearing test"}],
                           "child_views_not_obtained_reason": "Too young to say"}, 201),
    "change a care plan": (WRITE, "PATCH", "/api/v1/care-plans/{plan}",
                           {"version": "{plan_version}", "services": ["x"]}, 200),
    "submit a care plan": (WRITE, "POST", "/api/v1/care-plans/{plan}/submit", None, 200),
    "record a review": (WRITE, "POST", "/api/v1/care-plans/{active}/reviews",
                        {"reviewed_on": dt.date.today().isoformat(), "summary": "Steady",
                         "child_views": "Happy here"}, 201),
    "approve a care plan": (APPROVE, "POST", "/api/v1/care-plans/{submitted}/approve", None, 200),
    "return a care plan": (APPROVE, "POST", "/api/v1/care-plans/{submitted}/return",
                           {"comment": "Add the school's contact."}, 200),
}

# Who gets what: 404 outside the child's scope, 403 in scope but not allowed, 401 anonymous.
EXPECTED = {
    READ: {"cw": "ok", "sup": "ok", "th": "ok", "cw_other": 404, "th_other": 404,
           "sup_other": 404, "admin": 404, None: 401},
    WRITE: {"cw": "ok", "sup": "ok", "th": 403, "cw_other": 404, "th_other": 404,
            "sup_other": 404, "admin": 403, None: 401},
    APPROVE: {"cw": 403, "sup": "ok", "th": 403, "cw_other": 404, "th_other": 404,
              "sup_other": 404, "admin": 403, None: 401},
}
PERSONAS = ["cw", "sup", "th", "cw_other", "th_other", "sup_other", "admin", None]


def call(api, who, name, ids):
    _, method, path, body, _ = ROUTES[name]
    url = path.format(**ids)
    if body and body.get("version") == "{plan_version}":  # known only once the plan is drafted
        body = {**body, "version": ids["plan_version"]}
    if method == "GET":
        return api.get(who, url)
    return api.client.request(method, url, json=body, headers=api._headers(who))
