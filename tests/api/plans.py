"""Helpers shared by the care-plan tests."""

PLAN = {
    "goals": [{"domain": "safety", "description": "Settled in a safe placement"},
              {"domain": "education", "description": "Attends school every day",
               "target_date": "2027-09-01"}],
    "services": ["trauma-focused therapy"],
    "child_views": "I want to stay with my foster family and go to school.",
}


def draft(api, child, who="cw", **changes):
    created = api.post(who, f"/api/v1/children/{child['id']}/care-plans", json={**PLAN, **changes})
    assert created.status_code == 201, created.text
    return created.json()


def approved(api, child, **changes):
    plan = draft(api, child, **changes)
    assert api.post("cw", f"/api/v1/care-plans/{plan['id']}/submit").status_code == 200
    done = api.post("sup", f"/api/v1/care-plans/{plan['id']}/approve")
    assert done.status_code == 200, done.text
    return done.json()
