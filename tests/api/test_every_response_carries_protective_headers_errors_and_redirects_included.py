"""The protective headers are on every response: pages, JSON, errors, redirects, refusals made
before any handler runs, static files; HSTS is added when cookies are marked secure."""

import dataclasses

EXPECTED = {"x-content-type-options": "nosniff", "x-frame-options": "DENY",
            "referrer-policy": "no-referrer", "cache-control": "no-store"}


def _protected(response) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, (response.request.url, name, response.status_code)
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp


def test_every_kind_of_response_is_protected(api, child):
    bearer = {"Authorization": f"Bearer {api.tokens['cw']}"}
    responses = [
        api.get("cw", f"/api/v1/children/{child['id']}"),                      # 200 JSON
        api.get("cw", "/api/v1/children/7d69824a-f138-441f-8e18-b78230207302"),  # 404 JSON
        api.client.get("/api/v1/children"),                                      # 401 JSON
        api.client.get("/children", follow_redirects=False),                     # redirect to sign in
        api.get("cw", "/nowhere"),                                               # 404 page
        api.client.post("/api/v1/children", content=b"x", headers=bearer),       # 415 before the app
        api.client.get("/api/v1/children?q=%00", headers=bearer),                # 400 before the app
        api.post("cw", f"/children/{child['id']}/care-team", data={"username": "th"}),  # CSRF 403
        api.client.get("/static/haven.css"),
        api.client.get("/login"),
    ]
    assert {r.status_code for r in responses} >= {200, 302, 400, 401, 403, 404, 415}
    for response in responses:
        _protected(response)
        assert "strict-transport-security" not in response.headers


def test_hsts_is_sent_when_cookies_are_secure(api):
    app = api.client.app
    settings = app.state.settings
    app.state.settings = dataclasses.replace(settings, cookie_secure=True)
    try:
        for response in (api.client.get("/login"), api.client.get("/api/v1/children")):
            assert response.headers["strict-transport-security"].startswith("max-age=31536000")
    finally:
        app.state.settings = settings
