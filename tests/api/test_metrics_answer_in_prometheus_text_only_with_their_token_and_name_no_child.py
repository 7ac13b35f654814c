"""`GET /metrics` speaks Prometheus' text format (parsed here with its own parser): requests by
route template, scans and alert changes by kind, open alerts by severity, the outbox. It exists
only with `HAVEN_METRICS_TOKEN` set, answers only that token, and names no child."""

import dataclasses
from contextlib import contextmanager

from prometheus_client.parser import text_string_to_metric_families

from scheduler import wiring
from tests.api.alerting import registered_days_ago, settings
from tests.conftest import run

TOKEN = "scrape-me-0123456789"


@contextmanager
def metrics_token(api, token):
    state = api.client.app.state
    before = state.settings
    state.settings = dataclasses.replace(before, metrics_token=token)
    try:
        yield
    finally:
        state.settings = before


def scrape(api, token=TOKEN):
    return api.client.get("/metrics", headers={"Authorization": f"Bearer {token}"})


def samples(text: str) -> list:
    return [s for family in text_string_to_metric_families(text) for s in family.samples]


def test_no_token_set_means_no_metrics(api):
    assert api.client.get("/metrics").status_code == 404
    assert scrape(api).status_code == 404


def test_a_wrong_or_missing_token_is_a_404(api):
    with metrics_token(api, TOKEN):
        assert api.client.get("/metrics").status_code == 404
        assert scrape(api, "not-it").status_code == 404
        assert api.get("sup", "/metrics").status_code == 404


def test_the_figures_parse_and_carry_no_child_identifier(api, child):
    registered_days_ago(child["id"], 40)
    run(wiring.scan_job(settings()))  # raises a missed check-in and an overdue first review
    api.get("cw", f"/api/v1/children/{child['id']}")
    with metrics_token(api, TOKEN):
        response = scrape(api)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    found = samples(response.text)
    names = {s.name for s in found}
    assert {"haven_http_requests_total", "haven_http_request_duration_seconds_bucket",
            "haven_scan_duration_seconds_count", "haven_scan_alerts_total", "haven_open_alerts",
            "haven_outbox_depth", "haven_outbox_oldest_age_seconds"} <= names
    routes = {s.labels["route"] for s in found if s.name == "haven_http_requests_total"}
    assert "/api/v1/children/{child_id}" in routes
    kinds = {s.labels["kind"] for s in found if s.name == "haven_scan_alerts_total" and s.value > 0}
    assert "missed_check_in" in kinds
    assert sum(s.value for s in found if s.name == "haven_open_alerts") >= 1
    assert child["id"] not in response.text and child["case_number"] not in response.text
    assert "Baby A" not in response.text
