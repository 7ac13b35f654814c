"""Sign-in for the API (bearer tokens) and for browsers (`/login`), and account management."""

from __future__ import annotations

import datetime as dt

from litestar import Request, Response, delete, get, patch, post
from litestar.exceptions import NotAuthorizedException
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from service import db, i18n
from service.i18n import N_
from service.access import ADMIN, EVERY_ROLE, ROLES_ALL
from service.accounts import services
from service.accounts import notices
from service.accounts.schemas import (
    Me,
    NoticeOut,
    PasswordChange,
    PasswordReset,
    TokenOut,
    RecoveryCodes,
    TokenRequest,
    TwoFactorCode,
    TwoFactorSetUp,
    UserChanged,
    UserIn,
    UserOut,
    UserPatch,
    notice_out,
    user_out,
)
from service.accounts import throttle, two_factor
from service.audit.services import Where, record
from service.errors import Conflict, Invalid, TooSoon
from service.settings import Settings
from service.web import ANONYMOUS, PUBLIC, SESSION_COOKIE, allow, client_address, utcnow, where


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _policy(request: Request) -> throttle.Policy:
    s = _settings(request)
    return throttle.Policy(s.login_failures_per_account, s.login_failures_per_address,
                           dt.timedelta(seconds=s.login_delay_seconds))


@post("/api/v1/auth/token", opt=PUBLIC, status_code=HTTP_201_CREATED, operation_id="createToken",
      tags=["auth"])
async def create_token(request: Request, data: JSONBody[TokenRequest]) -> TokenOut:
    """A token for these credentials. Failed attempts are counted per account and per client
    address; past the allowed number each further attempt must wait (429, Retry-After)."""
    now = utcnow()
    lifetime = dt.timedelta(days=_settings(request).token_days)
    async with db.writing():  # the failure count commits even when the answer is a 401
        user, code_failed = await services.sign_in(data.username, data.password, client_address(request.scope),
                                                   now, _policy(request), data.otp)
        token = await services.issue_token(user["id"], "api", now, lifetime) if user else None
    if code_failed:
        raise NotAuthorizedException("Give the current code from your authenticator app, or a recovery "
                                     "code, as `otp`.")
    if user is None:
        raise NotAuthorizedException("That username and password do not match.")
    return TokenOut(token=token, expires_at=(now + lifetime).isoformat(),
                    username=user["username"], role=user["role"])


@delete("/api/v1/auth/token", guards=[allow(*EVERY_ROLE)], operation_id="revokeToken", tags=["auth"])
async def revoke_token(request: Request) -> None:
    _, _, secret = request.headers.get("authorization", "").partition(" ")
    async with db.writing():
        await services.revoke_token(secret.strip(), utcnow())


@get("/api/v1/me", guards=[allow(*EVERY_ROLE, before_new_password=True)], operation_id="whoAmI", tags=["auth"])
async def who_am_i(request: Request) -> Me:
    a = request.user
    return Me(id=a.id, username=a.username, role=a.role, team_id=a.team_id,
              must_change_password=a.must_change_password)


@get("/api/v1/users", guards=[allow(ADMIN)], operation_id="listUsers", tags=["accounts"])
async def list_users() -> list[UserOut]:
    async with db.reading():
        return [user_out(r) for r in await services.list_users()]


@post("/api/v1/users", guards=[allow(ADMIN)], operation_id="createUser", tags=["accounts"],
      status_code=HTTP_201_CREATED)
async def create_user(request: Request, data: JSONBody[UserIn]) -> UserOut:
    async with db.writing():
        row = await services.add_user(data.username, data.role, data.password, where(request),
                                      team=data.team, full_name=data.full_name, email=data.email)
    return user_out({**row, "team": row["team_name"]})


@patch("/api/v1/users/{username:str}", guards=[allow(ADMIN)], operation_id="updateUser",
       tags=["accounts"])
async def update_user(request: Request, username: FromPath[str], data: JSONBody[UserPatch]) -> UserChanged:
    """Change a person's role, team or standing: each change is audited, and a change that
    brings someone into a team (or changes their role in it) is told to its supervisors."""
    if data.active is None and data.role is None and data.team is None:
        raise Invalid({"body": "name at least one of active, role, team"})
    async with db.writing():
        row = await services.update_user(username, where(request), role=data.role, team=data.team,
                                         active=data.active)
    return UserChanged(username=row["username"], role=row["role"], team=row["team"], active=row["active"])


@post("/api/v1/me/password", guards=[allow(*EVERY_ROLE, before_new_password=True)], status_code=HTTP_200_OK,
      operation_id="changeOwnPassword", tags=["auth"])
async def change_own_password(request: Request, data: JSONBody[PasswordChange]) -> Me:
    """Choose a new password (the current one must match); every other sign-in of yours ends."""
    async with db.writing():
        await services.change_password(request.user, data.current_password, data.new_password,
                                       where(request), _presented_secret(request))
    a = request.user
    return Me(id=a.id, username=a.username, role=a.role, team_id=a.team_id)


@post("/api/v1/users/{username:str}/password-reset", guards=[allow(ADMIN)], status_code=HTTP_200_OK,
      operation_id="resetPassword", tags=["accounts"])
async def reset_password(request: Request, username: FromPath[str]) -> PasswordReset:
    """A new password for someone who lost theirs, shown once; they must change it at next
    sign-in, and their current sign-ins end."""
    async with db.writing():
        password = await services.reset_password(username, where(request))
    return PasswordReset(username=username, password=password)


def _presented_secret(request: Request) -> str | None:
    scheme, _, secret = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and secret.strip():
        return secret.strip()
    return request.cookies.get(SESSION_COOKIE)


@post("/api/v1/me/two-factor", guards=[allow(*EVERY_ROLE, before_new_password=True)], status_code=HTTP_200_OK,
      operation_id="beginTwoFactor", tags=["auth"])
async def begin_two_factor(request: Request) -> TwoFactorSetUp:
    """Start setting up two-step sign-in: a secret for an authenticator app."""
    async with db.writing():
        found = await two_factor.begin(request.user)
    return TwoFactorSetUp(**found)


@post("/api/v1/me/two-factor/confirm", guards=[allow(*EVERY_ROLE, before_new_password=True)],
      status_code=HTTP_200_OK, operation_id="confirmTwoFactor", tags=["auth"])
async def confirm_two_factor(request: Request, data: JSONBody[TwoFactorCode]) -> RecoveryCodes:
    """Turn two-step sign-in on with a first code from the app; returns the recovery codes."""
    async with db.writing():
        codes = await two_factor.confirm(request.user, data.code, where(request))
    return RecoveryCodes(recovery_codes=codes)


@get("/account/two-factor", guards=[allow(*EVERY_ROLE, before_new_password=True)], operation_id="twoFactorPage",
     include_in_schema=False)
async def two_factor_page(request: Request) -> Template:
    if request.user.two_factor_on:
        async with db.reading():
            left = await two_factor.recovery_codes_left(request.user.id)
        return Template("accounts/two_factor.html", context={"on": True, "left": left, "errors": {}})
    async with db.writing():
        found = await two_factor.begin(request.user)
    return Template("accounts/two_factor.html", context={"on": False, **found, "errors": {}})


@post("/account/two-factor", guards=[allow(*EVERY_ROLE, before_new_password=True)], operation_id="twoFactorSubmit",
      include_in_schema=False)
async def two_factor_submit(request: Request) -> Template:
    code = str((await request.form()).get("code", ""))
    try:
        async with db.writing():
            codes = await two_factor.confirm(request.user, code, where(request))
    except (Invalid, Conflict) as problem:
        async with db.reading():
            row = await two_factor.pending(request.user)
        return Template("accounts/two_factor.html", status_code=400,
                        context={"on": False, **row, "errors": problem.fields})
    return Template("accounts/two_factor.html", context={"on": True, "codes": codes, "errors": {}})


@get("/api/v1/notices", guards=[allow(*ROLES_ALL)], operation_id="listNotices", tags=["accounts"])
async def list_notices(request: Request) -> list[NoticeOut]:
    """What changed about your team (new members, role changes, break-glass reads): for
    supervisors, newest first."""
    async with db.reading():
        rows = await notices.for_recipient(request.user.id)
    return [notice_out(r) for r in rows]


@get("/login", opt=PUBLIC, operation_id="loginPage", include_in_schema=False)
async def login_page(request: Request, next: FromQuery[str] = "/") -> Template:
    return Template("accounts/login.html", context={"next": _safe_next(next), "error": None})


@post("/login", opt=PUBLIC, operation_id="login", include_in_schema=False)
async def login(request: Request) -> Response:
    form = await request.form()
    username, password = str(form.get("username", "")), str(form.get("password", ""))
    code = str(form.get("code", "")).strip() or None
    next_url = _safe_next(str(form.get("next", "/")))
    now, hours, address = utcnow(), _settings(request).session_hours, client_address(request.scope)
    try:
        async with db.writing():
            user, code_failed = await services.sign_in(username, password, address, now, _policy(request), code)
            if user is None:
                await record(Where(ANONYMOUS, address, now), "access.unauthenticated", "request", "POST /login")
            secret = await services.issue_token(user["id"], "session", now, dt.timedelta(hours=hours)) if user else None
    except TooSoon as wait:
        return _login_again(next_url, str(wait), 429, {"Retry-After": str(wait.seconds)})
    if code_failed:
        return _login_again(next_url, N_("Enter the code from your authenticator app (or a recovery code)."), 401)
    if user is None:
        return _login_again(next_url, N_("That username and password do not match."), 401)
    response = Redirect("/account/password" if user["must_change_password"] else next_url)
    response.set_cookie(SESSION_COOKIE, secret, max_age=hours * 3600, httponly=True,
                        samesite="lax", secure=_settings(request).cookie_secure)
    return response


@post("/logout", guards=[allow(*EVERY_ROLE, before_new_password=True)], operation_id="logout", include_in_schema=False)
async def logout(request: Request) -> Response:
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        async with db.writing():
            await services.revoke_token(secret, utcnow())
    response = Redirect("/login?done=signed_out", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


@get("/account/password", guards=[allow(*EVERY_ROLE, before_new_password=True)], operation_id="passwordPage",
     include_in_schema=False)
async def password_page(request: Request) -> Template:
    return _account_page(request, {})


def _account_page(request: Request, errors: dict, status: int = 200) -> Template:
    """The person's own page: their password, and the language Haven speaks to them in."""
    return Template("accounts/password.html", status_code=status, context={
        "errors": errors, "must": request.user.must_change_password, "languages": i18n.LANGUAGES,
        "chosen": request.user.language or i18n.current()})


@post("/account/password", guards=[allow(*EVERY_ROLE, before_new_password=True)], operation_id="passwordSubmit",
      include_in_schema=False)
async def password_submit(request: Request) -> Template | Redirect:
    form = await request.form()
    current, new = str(form.get("current_password", "")), str(form.get("new_password", ""))
    errors = {} if new == str(form.get("confirm_password", "")) else {"confirm_password": N_("does not match the new password")}
    try:
        if not errors:
            async with db.writing():
                await services.change_password(request.user, current, new, where(request), _presented_secret(request))
    except Invalid as problem:
        errors = problem.fields
    if errors:
        return _account_page(request, errors, 400)
    return Redirect("/?done=password_changed", status_code=303)


@post("/account/language", guards=[allow(*EVERY_ROLE, before_new_password=True)], operation_id="languageSubmit",
      include_in_schema=False)
async def language_submit(request: Request) -> Template | Redirect:
    """Save the language of the person's own pages and emails (audited), and show it in it."""
    code = str((await request.form()).get("language", ""))
    try:
        async with db.writing():
            await services.set_language(request.user, code, where(request))
    except Invalid as problem:
        return _account_page(request, problem.fields, 400)
    return Redirect("/account/password?done=language_changed", status_code=303)


def _login_again(next_url: str, error: str, status: int, headers: dict | None = None) -> Template:
    return Template("accounts/login.html", status_code=status, headers=headers,
                    context={"next": next_url, "error": error, "throttled": status == 429})


def _safe_next(url: str) -> str:
    """Only local paths: a login link must not bounce anyone to another site."""
    return url if url.startswith("/") and not url.startswith("//") else "/"


# TooSoon's words (service/errors.py) as the catalogue holds them: the sign-in page shows them.
N_("Too many attempts that did not match. Try again in %(num)s seconds.")

ROUTES = [create_token, revoke_token, who_am_i, list_users, create_user, update_user, list_notices,
          change_own_password, reset_password, password_page, password_submit, language_submit,
          begin_two_factor, confirm_two_factor, two_factor_page, two_factor_submit,
          login_page, login, logout]
