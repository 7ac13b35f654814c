"""`/healthz` says whether the database answers and when this instance last finished an alert
scan; with the scheduler on, a last successful scan older than three scan intervals is a 503."""

import datetime as dt
from contextlib import contextmanager

from scheduler import health
from tests.conftest import now


@contextmanager
def scheduler_on(api, last_ok):
    state, saved = api.client.app.state, dict(health._last)
    state.scheduler_on = True
    health._last.update(ok_at=last_ok, started_at=last_ok)
    try:
        yield
    finally:
        state.scheduler_on = False
        health._last.update(saved)


def test_with_the_scheduler_off_the_database_is_what_counts(api):
    response = api.client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["scan"]["scheduler"] == "off"


def test_a_recent_scan_is_healthy(api):
    with scheduler_on(api, now() - dt.timedelta(minutes=14)):
        response = api.client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["scan"]["last_scan_at"] is not None


def test_a_scan_older_than_three_intervals_is_a_503(api):
    with scheduler_on(api, now() - dt.timedelta(minutes=16)):  # 3 × HAVEN_SCAN_MINUTES (5)
        response = api.client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable" and response.json()["database"] == "ok"
