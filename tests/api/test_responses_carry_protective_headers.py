"""Case records are not cached, framed or sniffed: every response says so."""


def test_api_and_pages_carry_the_security_headers(api):
    for response in (api.get("cw", "/api/v1/me"), api.client.get("/login")):
        assert response.headers["cache-control"] == "no-store"
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
