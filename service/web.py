"""What every controller shares: who is calling, role guards, and errors mapped to 4xx JSON.

Every route declares who may call it: `guards=[allow(...)]`, or `opt=PUBLIC` for the few
that anyone may reach. A test walks the route table to keep it that way.
"""

from __future__ import annotations

import datetime as dt
import html
import ipaddress
import json
import logging
import re
import uuid
from typing import Annotated, Any

from litestar import Request, Response
from litestar.connection import ASGIConnection
from litestar.exceptions import (
    HTTPException,
    NotAuthorizedException,
    PermissionDeniedException,
    ValidationException,
)
from litestar.handlers.base import BaseRouteHandler
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult
from litestar.params import QueryParameter
from litestar.response import Redirect, Template
from litestar.utils.scope.state import ScopeState

from service import clock, errors, i18n
from service.access import Actor
from service.accounts import names
from service.accounts import services as accounts
from service.audit.services import Where, record_read
from service.audit.writer import AuditUnavailable
from service.i18n import N_
from service.validation import field_errors

log = logging.getLogger("haven")

SESSION_COOKIE = "haven_session"
PUBLIC = {"public": True}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

# List routes take a page: bounded, so a huge number is a 400, not an integer overflow in the
# database driver.
PageSize = Annotated[int, QueryParameter(ge=1, le=500, description="How many to return (a page)")]
Offset = Annotated[int, QueryParameter(ge=0, le=1_000_000, description="How many to skip")]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class MustChangePassword(PermissionDeniedException):
    """Signed in with a password an admin gave: only choosing one's own is open."""


class MustSetUpTwoFactor(PermissionDeniedException):
    """The role must use two-step sign-in, and this person has not set it up yet."""


def allow(*roles: str, before_new_password: bool = False):
    """A guard admitting signed-in people whose role is one of `roles`, who need not first
    replace a password an admin gave them or set up two-step sign-in their role requires
    (unless `before_new_password`: the routes that do those things, and signing out)."""

    # A coroutine function: litestar runs a plain function guard in a worker thread, a trip
    # that costs more than the checks.
    async def guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
        user = connection.user
        if user is None:
            raise NotAuthorizedException("Sign in first.")
        if user.role not in roles:
            raise PermissionDeniedException("Your role does not allow this.")
        if before_new_password:
            return
        if user.must_change_password:
            raise MustChangePassword("Choose a new password first (POST /api/v1/me/password).")
        required = connection.app.state.settings.roles_needing_two_factor()
        if user.role in required and not user.two_factor_on:
            raise MustSetUpTwoFactor("Set up two-step sign-in first (POST /api/v1/me/two-factor).")

    guard.roles = roles  # type: ignore[attr-defined]
    return guard


def where(request: Request, reason: str | None = None) -> Where:
    return Where(actor=request.user, source=client_address(request.scope), now=utcnow(), reason=reason)


def client_address(scope) -> str:
    """The address a request came from: the connecting peer's, unless that peer is one of
    `HAVEN_TRUSTED_PROXIES`; then the nearest address in `X-Forwarded-For` that is not itself a
    trusted proxy (anything further left was written by the client and proves nothing)."""
    peer = scope.get("client")[0] if scope.get("client") else "unknown"
    trusted = _trusted(scope)
    if not trusted or not _in(peer, trusted):
        return peer
    forwarded = [v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"x-forwarded-for"]
    hops = [h.strip() for h in ",".join(forwarded).split(",") if h.strip()]
    for hop in reversed(hops):
        if not _in(hop, trusted):
            return hop if _is_address(hop) else peer
    return peer


def _trusted(scope) -> tuple:
    app = scope.get("app")
    settings = getattr(getattr(app, "state", None), "settings", None)
    return settings.proxy_networks() if settings is not None else ()


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _in(address: str, networks: tuple) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in n for n in networks)


def parse_id(value: str, what: str = "record") -> uuid.UUID:
    """Ids are opaque strings to clients; one that is not ours is simply not found."""
    try:
        return uuid.UUID(value)
    except (ValueError, TypeError, AttributeError):
        raise errors.NotFound(what) from None


class TokenAuthentication(AbstractAuthenticationMiddleware):
    """A bearer token works everywhere; the browser's session cookie too, except that on
    `/api` it is accepted only for safe methods, so a cross-site form cannot use it."""

    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        actor = await self._bearer(connection) or await self._cookie(connection)
        return AuthenticationResult(user=actor, auth=None)

    async def _bearer(self, connection: ASGIConnection) -> Actor | None:
        header = connection.headers.get("authorization", "")
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            return None
        idle = dt.timedelta(days=connection.app.state.settings.token_idle_days)
        return await accounts.actor_for_token(secret.strip(), "api", utcnow(), idle)

    async def _cookie(self, connection: ASGIConnection) -> Actor | None:
        secret = connection.cookies.get(SESSION_COOKIE)
        if not secret:
            return None
        is_api = connection.scope["path"].startswith("/api/")
        if is_api and connection.scope.get("method", "GET") not in SAFE_METHODS:
            return None
        idle = dt.timedelta(minutes=connection.app.state.settings.session_idle_minutes)
        return await accounts.actor_for_token(secret, "session", utcnow(), idle)


def one_zone(app):
    """ASGI middleware: a request reads the deployment's time zone once (`clock.pinned`), not
    at each of the hundreds of dates and times a page shows."""

    async def middleware(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        with clock.pinned():
            return await app(scope, receive, send)

    return middleware


# A raw NUL, a URL-encoded one, or a JSON escape not itself escaped (`\\u0000` is plain text).
_NUL = re.compile(rb"\x00|%00|(?<!\\)(?:\\\\)*\\u0000", re.IGNORECASE)
# Litestar's own default limit: a body is read whole (and screened whole) up to this size.
MAX_BODY_BYTES = 10_000_000
# Answered before the app (and its templates) sees the request, so written out whole, in the
# language the browser asks for (no one is signed in yet at that point).
NUL_PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · Haven</title><link rel="stylesheet" href="/static/haven.css"></head>
<body><main id="main"><section class="card narrow">
<h1>{heading}</h1>
<p>{text}</p>
<p><a href="/">{home}</a></p>
</section></main></body></html>"""
NUL_WORDS = {"title": N_("Not saved"), "heading": N_("This could not be saved"),
             "text": N_("What was sent held a character that cannot be stored (a NUL, often from pasting out of "
                        "another program), so nothing was saved. Go back, retype the text, and try again."),
             "home": N_("Go to your home page")}


def nul_page(scope) -> str:
    code = i18n.choose(None, dict(scope.get("headers") or []).get(b"accept-language", b"").decode("latin-1"))
    with i18n.speaking(code):
        return NUL_PAGE.format(lang=code, **{k: html.escape(i18n.gettext(v)) for k, v in NUL_WORDS.items()})


def screen_bodies(app):
    """Refuse, up front, what no handler should see. No care record holds a NUL character, and
    PostgreSQL rejects one inside text: a request carrying one (in the query, a JSON escape, a
    form field) is a 400. An API body must say it is JSON: text sent as `text/plain` (as a
    cross-site form can) is a 415, not parsed anyway."""

    async def middleware(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        messages, body = await _read_body(receive)
        refusal = _too_large(scope) if body is None else _refusal(scope, body)
        if refusal is not None:
            return await refusal.to_asgi_response(app=None, request=None)(scope, receive, send)
        return await app(scope, _replay(messages, receive), send)

    return middleware


def _refusal(scope, body: bytes) -> Response | None:
    in_query = _NUL.search(scope.get("query_string", b""))
    page = _is_page_path(scope.get("path", ""))
    if in_query or _NUL.search(body):
        if page:
            return Response(nul_page(scope), status_code=400, media_type="text/html")
        return _json(400, "Some fields need attention.", {"query" if in_query else "body": "contains a NUL character"})
    if body.strip() and not page and not _is_json(scope):
        return _json(415, "Send the body as JSON.", {"Content-Type": "must be application/json"})
    return None


def _is_json(scope) -> bool:
    kind = dict(scope.get("headers", [])).get(b"content-type", b"").split(b";")[0].strip().lower()
    return kind == b"application/json" or kind.endswith(b"+json")


async def _read_body(receive):
    """Every message of the body, and the body itself (None when it is too large to take):
    the screen looks at all of it, not a first part that padding can push the rest beyond."""
    messages, chunks, size = [], [], 0
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        size += len(chunks[-1])
        if size > MAX_BODY_BYTES:
            return messages, None
        if not message.get("more_body"):
            break
    return messages, b"".join(chunks)


def _too_large(scope) -> Response:
    if _is_page_path(scope.get("path", "")):
        return Response("Too large to save.", status_code=413, media_type="text/plain")
    return _json(413, "The body is too large.", {"body": f"must be at most {MAX_BODY_BYTES} bytes"})


def _replay(messages, receive):
    pending = list(messages)

    async def replayed():
        return pending.pop(0) if pending else await receive()

    return replayed


SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    # Case records must not linger in shared or browser caches.
    "Cache-Control": "no-store",
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"),
}


HSTS = "max-age=31536000; includeSubDomains"


async def protect_message(message, scope) -> None:
    """On every response, errors, redirects and refusals made before any handler included: the
    security headers, each unless the response set its own; HSTS when cookies are secure
    (the service is behind TLS)."""
    if message.get("type") != "http.response.start":
        return
    headers = list(message.get("headers") or [])
    present = {bytes(k).lower() for k, _ in headers}
    for name, value in _protection(scope).items():
        if name.lower().encode() not in present:
            headers.append((name.lower().encode(), value.encode()))
    message["headers"] = headers


def _protection(scope) -> dict[str, str]:
    settings = getattr(getattr(scope.get("app"), "state", None), "settings", None)
    if settings is not None and settings.cookie_secure:
        return {**SECURITY_HEADERS, "Strict-Transport-Security": HSTS}
    return SECURITY_HEADERS


def _json(status: int, detail: str, fields: dict[str, str] | None = None) -> Response:
    body: dict[str, Any] = {"status_code": status, "detail": detail}
    if fields:
        body["errors"] = [{"field": k, "message": v} for k, v in fields.items()]
    return Response(body, status_code=status, media_type="application/json")


def _wants_page(request: Request) -> bool:
    return _is_page_path(request.url.path)


def _is_page_path(path: str) -> bool:
    """Pages answer problems as pages; the API, the schema and the charts (images the API
    documents) answer them as JSON."""
    return _is_browser_path(path) and not path.endswith((".png", ".svg"))


def _is_browser_path(path: str) -> bool:
    """Where a browser goes with its session cookie (pages, and the charts they show): someone
    not signed in, or with a step still to take, is sent to the page for it."""
    return not path.startswith(("/api/", "/schema"))


def on_invalid(request: Request, exc: errors.Invalid) -> Response:
    if _wants_page(request):
        return _page(request, 400)
    return _json(400, "Some fields need attention.", exc.fields)


def on_conflict(request: Request, exc: errors.Conflict) -> Response:
    if _wants_page(request):
        return _page(request, 409)
    return _json(409, str(exc), exc.fields)


NOT_FOUND = "Not found: there is no such record, or it is not one you work with."


def on_not_found(request: Request, exc: errors.NotFound) -> Response:
    if _wants_page(request):
        return _page(request, 404)
    # One wording whatever was looked up, so that "child not found" for a care plan's id
    # cannot tell a caller that the plan exists under a child beyond their reach.
    return _json(404, NOT_FOUND)


def on_too_soon(request: Request, exc: errors.TooSoon) -> Response:
    response = _page(request, 429) if _wants_page(request) else _json(429, str(exc))
    response.headers["Retry-After"] = str(exc.seconds)
    return response


def on_forbidden(request: Request, exc: errors.Forbidden) -> Response:
    if _wants_page(request):
        return _page(request, 403)
    return _json(403, str(exc) or "Not allowed.")


def on_validation(request: Request, exc: ValidationException) -> Response:
    """msgspec names only the first bad field; walk the body to name them all."""
    fields = {}
    data_field = request.route_handler.parsed_data_field
    body = ScopeState.from_scope(request.scope).body
    if data_field is not None and isinstance(body, bytes):
        fields = field_errors(data_field.annotation, body)
    for item in exc.extra or []:
        key = item.get("key") if isinstance(item, dict) else None
        # The parser's own note on the body ("data") repeats what the walk already named.
        if key and key not in fields and not (fields and key == "data"):
            fields[key] = _plain(item.get("message", "is not valid"))
    return _json(400, "Some fields need attention.", fields or {"body": "is not valid"})


def _plain(message: str) -> str:
    return message[0].lower() + message[1:] if message else message


def on_not_authorized(request: Request, exc: NotAuthorizedException) -> Response:
    if _is_browser_path(request.url.path):
        return Redirect(f"/login?next={request.url.path}")
    return _json(401, exc.detail or "Sign in first.")


def on_must_change(request: Request, exc: MustChangePassword) -> Response:
    if _is_browser_path(request.url.path):
        return Redirect("/account/password")
    return _json(403, exc.detail, {"password": "must be changed first"})


def on_must_set_up(request: Request, exc: MustSetUpTwoFactor) -> Response:
    if _is_browser_path(request.url.path):
        return Redirect("/account/two-factor")
    return _json(403, exc.detail, {"two_factor": "must be set up first"})


def on_http(request: Request, exc: HTTPException) -> Response:
    if _wants_page(request):
        return _page(request, exc.status_code, csrf="CSRF" in (exc.detail or ""))
    return _json(exc.status_code, exc.detail, None)


def _page(request: Request, status: int, csrf: bool = False) -> Response:
    """People in a browser get a page that says what happened and what to do next, in their
    language: a path no route matched is refused before the language is chosen, so it is
    chosen here (the same choice, from whoever is signed in and the browser)."""
    i18n.use(i18n.choose(getattr(request.scope.get("user"), "language", None),
                         request.headers.get("accept-language", "")))
    return Template("error.html", status_code=status, context={"status": status, "csrf": csrf})


async def before_request(request: Request) -> None:
    """Pages name staff by their full names (read again only when one is missing); every
    request's JSON body is checked strictly."""
    if _wants_page(request):
        await names.refresh(utcnow())
    return await strict_json_body(request)


async def strict_json_body(request: Request) -> None:
    """A JSON body means what it says: litestar converts loosely (the string "true" for a
    boolean, a number of seconds for a time), so the body is checked strictly first and any
    field that only fits loosely is named in a 400."""
    field = request.route_handler.parsed_data_field
    if field is None or _wants_page(request):
        return None
    body = await request.body()
    if body.strip():
        _refuse_repeated_keys(body)
    found = field_errors(field.annotation, body) if body.strip() else {}
    if found:
        raise errors.Invalid(found)
    return None


def _refuse_repeated_keys(body: bytes) -> None:
    """`{"birth_date": "2020-01-01", "birth_date": "2021-01-01"}` means two things; decoders
    quietly keep the last, and a proxy or a log may keep the first. Refuse it instead."""

    def pairs(items):
        seen = set()
        for key, _ in items:
            if key in seen:
                raise errors.Invalid({key: "is given more than once"})
            seen.add(key)
        return dict(items)

    try:
        json.loads(body, object_pairs_hook=pairs)
    except (ValueError, RecursionError):
        return  # not JSON (or too deep): the decoder names that itself


ANONYMOUS = Actor(id="", username="(not signed in)", role="none", team_id=None)


def _refusal_action(exc: Exception, actor) -> str | None:
    if isinstance(exc, NotAuthorizedException):
        return "access.unauthenticated"  # no token, or one that is unknown, expired or revoked
    if not isinstance(actor, Actor):
        return None
    if isinstance(exc, PermissionDeniedException) and "CSRF" in (exc.detail or ""):
        return "access.csrf_refused"
    if isinstance(exc, (errors.NotFound, errors.Forbidden, PermissionDeniedException)):  # the last: role guards
        return "access.refused"
    return None


async def audit_refusal(exc: Exception, scope) -> None:
    """A signed-in request refused as beyond its scope (404) or its role (403), a form post
    without its CSRF token, and a request without a valid sign-in (401) go into the trail as
    well, through the audit writer (the request's own work was rolled back): someone reaching
    for a child's record they do not work with is what the trail is for."""
    actor = scope.get("user")
    action = _refusal_action(exc, actor)
    if action is None:
        return
    actor = actor if isinstance(actor, Actor) else ANONYMOUS
    child = (scope.get("path_params") or {}).get("child_id")
    try:
        child = str(uuid.UUID(str(child))) if child else None
    except ValueError:
        child = None
    where = Where(actor=actor, source=client_address(scope), now=utcnow())
    try:
        await record_read(where, action, "request", f"{scope['method']} {scope['path']}"[:64], child)
    except Exception as failure:  # the refusal still goes out; the log says the entry is missing
        log.error("refusal not audited (%s) for %s %s", type(failure).__name__, scope["method"], scope["path"])


def on_too_deep(request: Request, exc: RecursionError) -> Response:
    """JSON nested hundreds of levels deep exhausts the decoder's recursion before any
    handler runs: it is the sender's input, so a 400, and nothing was written."""
    if _wants_page(request):
        return _page(request, 400)
    return _json(400, "Some fields need attention.", {"body": "is nested too deeply"})


def on_audit_unavailable(request: Request, exc: AuditUnavailable) -> Response:
    """A read whose audit entry could not be made durable is not answered: the trail must
    hold every read of a child's record. Nothing was changed; trying again is safe."""
    log.error("read not answered: audit unavailable on %s %s", request.method, request.url.path)
    if _wants_page(request):
        return _page(request, 503)
    return _json(503, "The service is busy and could not record this read; nothing was changed. "
                      "Please try again in a moment.")


def on_crash(request: Request, exc: Exception) -> Response:
    # Log the type and route only: exception text can carry a child's name or notes.
    log.error("unhandled %s on %s %s", type(exc).__name__, request.method, request.url.path)
    if _wants_page(request):
        return _page(request, 500)
    return _json(500, "Something went wrong on our side; nothing was saved.")


EXCEPTION_HANDLERS = {
    errors.Invalid: on_invalid,
    errors.Conflict: on_conflict,
    errors.NotFound: on_not_found,
    errors.Forbidden: on_forbidden,
    errors.TooSoon: on_too_soon,
    ValidationException: on_validation,
    NotAuthorizedException: on_not_authorized,
    MustChangePassword: on_must_change,
    MustSetUpTwoFactor: on_must_set_up,
    HTTPException: on_http,
    RecursionError: on_too_deep,
    AuditUnavailable: on_audit_unavailable,
    Exception: on_crash,
}
