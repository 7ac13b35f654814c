"""Operating figures in Prometheus' text format, through the official `prometheus_client`.

The counters a process keeps itself (requests by route template, scans) live in one registry of
Haven's own, so that building the app twice (as tests do) never registers a name twice. Figures
read from the database at each scrape (open alerts, the outbox) are added by the caller as
gauges in a registry made for that scrape. No label ever carries a child's id or a path with
one in it: requests are labelled by route template (`/api/v1/children/{child_id:str}`).
"""

from __future__ import annotations

import time

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

CONTENT_TYPE = CONTENT_TYPE_LATEST
REGISTRY = CollectorRegistry(auto_describe=True)
REQUESTS = Counter("haven_http_requests", "HTTP requests answered, by route template, method and status.",
                   ["route", "method", "status"], registry=REGISTRY)
LATENCY = Histogram("haven_http_request_duration_seconds", "Time to answer an HTTP request, by route template.",
                    ["route", "method"], registry=REGISTRY)
SCAN_SECONDS = Histogram("haven_scan_duration_seconds", "Wall time of each alert scan this process ran.",
                         buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900), registry=REGISTRY)
SCANS = Counter("haven_scans", "Alert scans this process ran, by outcome (ok, skipped, failed).",
                ["outcome"], registry=REGISTRY)
SCANNED_ALERTS = Counter("haven_scan_alerts", "Alert changes written by this process's scans, by kind and change "
                         "(raised, updated, resolved).", ["kind", "change"], registry=REGISTRY)


def count_request(app):
    """ASGI middleware: runs after routing, so the route's template is known."""

    async def middleware(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        status, started = {"code": 500}, time.perf_counter()

        async def sending(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await app(scope, receive, sending)
        finally:
            route = scope.get("path_template") or "unmatched"
            REQUESTS.labels(route, scope["method"], str(status["code"])).inc()
            LATENCY.labels(route, scope["method"]).observe(time.perf_counter() - started)

    return middleware


def scan_finished(seconds: float, outcome: str) -> None:
    SCANS.labels(outcome).inc()
    if outcome == "ok":
        SCAN_SECONDS.observe(seconds)


def alerts_changed(kind: str, change: str, count: int = 1) -> None:
    SCANNED_ALERTS.labels(kind, change).inc(count)


def exposition(gauges: dict[str, tuple[str, dict]]) -> bytes:
    """The process's own figures and `gauges` ({name: (help, {label tuple or (): value})},
    with a `labels` key naming the label names) in one text document."""
    scrape = CollectorRegistry(auto_describe=True)
    for name, (help_text, spec) in gauges.items():
        gauge = Gauge(name, help_text, spec.get("labels", ()), registry=scrape)
        for key, value in spec["values"].items():
            (gauge.labels(*key) if key else gauge).set(value)
    return generate_latest(REGISTRY) + generate_latest(scrape)
