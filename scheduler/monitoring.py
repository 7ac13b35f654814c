"""`/healthz` for load balancers and `/metrics` for Prometheus.

`/healthz` is public and says nothing about anyone: whether the database answers, and when this
instance last finished an alert scan (503 when the database is down, or when the scheduler runs
here and its last successful scan is older than three scan intervals: see `scheduler.health`).
`/metrics` answers only with the `HAVEN_METRICS_TOKEN` as a bearer token; with none set it does
not exist (404), so an operator turns it on deliberately.
"""

from __future__ import annotations

import hmac

from litestar import Request, Response, get
from litestar.exceptions import NotFoundException

from scheduler import health
from service import metrics
from service.web import PUBLIC, utcnow


@get("/healthz", opt=PUBLIC, operation_id="health", tags=["service"])
async def healthz(request: Request) -> Response[dict]:
    """The database and the last successful alert scan; 503 when either is not well."""
    settings = request.app.state.settings
    scan = health.scan_state(utcnow(), request.app.state.scheduler_on, settings.scan_minutes)
    database = await health.database_ok()
    ok = database and scan["healthy"]
    body = {"status": "ok" if ok else "unavailable", "database": "ok" if database else "unreachable", "scan": scan}
    return Response(body, status_code=200 if ok else 503)


@get("/metrics", opt=PUBLIC, operation_id="metrics", tags=["service"], media_type=metrics.CONTENT_TYPE,
     include_in_schema=False)
async def prometheus_metrics(request: Request) -> Response[bytes]:
    """Request counts and latencies by route template, scans, alert changes by kind, open alerts
    by severity and the outbox: counts only, never a child's id."""
    token = request.app.state.settings.metrics_token
    header = request.headers.get("authorization", "")
    if not token or not hmac.compare_digest(header.encode(), f"Bearer {token}".encode()):
        raise NotFoundException()
    body = metrics.exposition(await health.gauges(utcnow()))
    return Response(body, media_type=metrics.CONTENT_TYPE)


ROUTES = [healthz, prometheus_metrics]
