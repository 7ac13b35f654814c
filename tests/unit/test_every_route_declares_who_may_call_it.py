"""No route can be added without a decision about who may call it.

Walks the app's own route table: each handler must carry a role guard made by
`service.web.allow`, or say it is public. The public list is short and checked by name.
"""

from service.app import create_app
from service.settings import Settings

PUBLIC_PATHS = {"/healthz", "/metrics", "/calendar", "/login", "/api/v1/auth/token", "/static"}


def _handlers():
    app = create_app(Settings.from_env(), run_scheduler=False)
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if set(handler.http_methods) != {"OPTIONS"}:  # litestar answers CORS preflight itself
                yield route.path, handler


def _roles(handler):
    guards = [getattr(g, "func", g) for g in handler.resolve_guards()]
    return [g.roles for g in guards if hasattr(g, "roles")]


def _is_public(handler):
    return bool(handler.opt.get("public"))


def test_every_route_has_a_role_guard_or_is_declared_public():
    undecided = []
    for path, handler in _handlers():
        if path.startswith("/schema"):
            continue  # the OpenAPI document describes routes; it reveals no case data
        if not _roles(handler) and not _is_public(handler):
            undecided.append(path)
    assert undecided == []


def test_only_the_expected_routes_are_public():
    public = {path.split("/{")[0] for path, h in _handlers()
              if _is_public(h) and not path.startswith("/schema")}
    assert public <= PUBLIC_PATHS


def test_no_route_is_both_public_and_guarded():
    both = [path for path, h in _handlers() if _is_public(h) and _roles(h)]
    assert both == []


MANAGER_PATHS = {"/", "/reports", "/api/v1/indicators", "/api/v1/indicators/{code:str}/chart.png",
                 "/api/v1/me", "/api/v1/me/password", "/api/v1/me/two-factor", "/api/v1/me/two-factor/confirm",
                 "/api/v1/auth/token", "/account/password", "/account/language", "/account/two-factor", "/logout"}


def test_a_manager_reaches_the_indicators_and_their_own_account_and_nothing_else():
    reached = {path for path, h in _handlers() if any("manager" in roles for roles in _roles(h))}
    assert reached == MANAGER_PATHS
