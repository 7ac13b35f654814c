"""Accounts: passwords (argon2id), teams, and tokens hashed at rest."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import secrets
import uuid
from dataclasses import replace

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from service import db, i18n
from service.i18n import N_
from service.access import EVERY_ROLE, Actor
from service.accounts import names, notices, throttle, two_factor
from service.accounts.tables import Team, Token, User
from service.audit.services import Where, record
from service.errors import Conflict, Invalid, NotFound, TooSoon

_hasher = PasswordHasher()
# Verifying against this keeps a login for an unknown name as slow as one for a known name.
_DUMMY_HASH = _hasher.hash("not a password anyone has")
MIN_PASSWORD_LENGTH = 10
# ASCII and lowercase only, so that no two usernames look alike (`North.x`, a Cyrillic `е`).
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def operator(now: dt.datetime, source: str = "command line") -> Where:
    """Changes made from the `haven` command (or the demo loader): the person at the server's
    console, who has no account of their own."""
    return Where(actor=Actor(id="", username="haven", role="operator", team_id=None), source=source, now=now)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def actor_from_row(row: dict) -> Actor:
    team = row.get("team")
    return Actor(
        id=str(row["id"]),
        username=row["username"],
        role=row["role"],
        team_id=None if team is None else str(team),
        must_change_password=bool(row.get("must_change_password")),
        two_factor_on=row.get("totp_enabled_at") is not None,
        language=row.get("language") or "",
    )


async def team_named(name: str, now: dt.datetime):
    """The team with this name, created if new. `North` is the team `north`: names differing
    only in case would be two teams nobody could tell apart."""
    for team in await Team.select():
        if team["name"].casefold() == name.strip().casefold():
            return team
    name = name.strip()
    await Team.insert(Team(id=uuid.uuid4(), name=name, created_at=now)).on_conflict(
        target=Team.name, action="DO NOTHING"
    )
    return await Team.select().where(Team.name == name).first()


async def add_user(
    username: str,
    role: str,
    password: str,
    by: Where,
    team: str | None = None,
    full_name: str = "",
    email: str = "",
) -> dict:
    """A new account, audited as `account.create` (with its role and team) and told to the
    supervisors of its team, in the caller's transaction."""
    now = by.now
    problems = {}
    if role not in EVERY_ROLE:
        problems["role"] = f"must be one of {', '.join(EVERY_ROLE)}"
    if len(password) < MIN_PASSWORD_LENGTH:
        problems["password"] = f"must be at least {MIN_PASSWORD_LENGTH} characters"
    if not USERNAME.fullmatch(username):
        problems["username"] = ("must be 1-64 lowercase letters a-z, digits, dots, dashes or "
                                "underscores, starting with a letter or digit")
    if password.strip().casefold() == username.casefold():
        problems["password"] = N_("must not be the username")
    if email and not EMAIL.fullmatch(email):
        problems["email"] = "must be an email address, like name@example.org"
    if role in ("caseworker", "supervisor") and not team:
        problems["team"] = N_("is required for caseworkers and supervisors")
    if role == "manager" and team:
        problems["team"] = N_("must be empty: a manager reads the whole service")
    if problems:
        raise Invalid(problems)
    if await User.exists().where(User.username == username):
        raise Conflict("username is taken", {"username": "is taken"})
    team_row = await team_named(team, now) if team else None
    row = User(
        id=uuid.uuid4(),
        username=username,
        role=role,
        password_hash=hash_password(password),
        team=None if team_row is None else team_row["id"],
        full_name=full_name or username,
        email=email,
        active=True,
        created_at=now,
    )
    await row.save()
    saved = await User.select().where(User.id == row.id).first()
    team_name = None if team_row is None else team_row["name"]
    change = f"role {role}" + (f", team {team_name}" if team_name else ", no team") + ", password set"
    await _audit(by, "account.create", username, change)
    names.learn(username, row.full_name)
    if team_row is not None:
        await notices.tell_supervisors(team_row["id"], "member_added", username,
                                       f"{username} was added to your team as {role} by {by.actor.username}.", now)
    return {**saved, "team_name": team_name}


async def _audit(by: Where, action: str, username: str, change: str) -> None:
    """An account change in the trail: the actor is `by`'s, the target is the username (kept as
    text, as actors are), and what changed is in the entry's `reason`."""
    await record(replace(by, reason=change), action, "user", username)


async def user_named(username: str) -> dict | None:
    return await User.select().where(User.username == username).first()


async def check_login(username: str, password: str) -> dict | None:
    user = await user_named(username)
    if user is None or not user["active"]:
        password_matches(_DUMMY_HASH, password)
        return None
    return user if password_matches(user["password_hash"], password) else None


async def sign_in(username: str, password: str, address: str, now: dt.datetime,
                  policy: throttle.Policy, code: str | None = None) -> tuple[dict | None, bool]:
    """The account these credentials open (or None), and whether a one-time code was what was
    missing or wrong. Every failure counts against the account and the address; while either
    must wait, TooSoon is raised and no password is checked."""
    wait = await throttle.wait_left(username, address, now)
    if wait is not None:
        raise TooSoon(max(1, math.ceil(wait.total_seconds())))
    user = await check_login(username, password)
    code_failed = user is not None and user["totp_enabled_at"] is not None and not await two_factor.passes(
        user, code, now)
    if user is None or code_failed:
        await throttle.failed(username, address, now, policy)
        return None, code_failed
    await throttle.succeeded(username)
    return user, False


async def issue_token(user_id, kind: str, now: dt.datetime, lifetime: dt.timedelta) -> str:
    secret = secrets.token_urlsafe(32)
    await Token.insert(
        Token(
            id=uuid.uuid4(),
            user=user_id,
            digest=digest(secret),
            kind=kind,
            created_at=now,
            expires_at=now + lifetime,
            last_used_at=now,
        )
    )
    return secret


# How stale `last_used_at` may be before a use rewrites it: a write per minute, not per request.
TOUCH_EVERY = dt.timedelta(minutes=1)


def _token_lookup(idle: bool) -> db.Prepared:
    def build(token_digest, kind, now, cutoff=None):
        query = Token.select(
            Token.id, Token.last_used_at,
            Token.user.id.as_alias("id"),
            Token.user.username.as_alias("username"),
            Token.user.role.as_alias("role"),
            Token.user.team.as_alias("team"),
            Token.user.active.as_alias("active"),
            Token.user.must_change_password.as_alias("must_change_password"),
            Token.user.totp_enabled_at.as_alias("totp_enabled_at"),
            Token.user.language.as_alias("language"),
        ).where(
            (Token.digest == token_digest) & (Token.kind == kind) & Token.revoked_at.is_null()
            & (Token.expires_at > now)
        )
        if cutoff is not None:
            query = query.where(Token.last_used_at > cutoff)
        return query.first()

    return db.Prepared(build, str, str, dt.datetime, *([dt.datetime] if idle else []))


_TOKEN, _TOKEN_NOT_IDLE = _token_lookup(idle=False), _token_lookup(idle=True)
_touching: set[str] = set()  # digests whose `last_used_at` is being written now


async def actor_for_token(secret: str, kind: str, now: dt.datetime, idle: dt.timedelta | None = None) -> Actor | None:
    """The person a live, unrevoked token stands for, in one query run on every request, so
    revoking a token or deactivating its holder takes effect at once. A token unused for
    longer than `idle` has lapsed, even before its lifetime is up."""
    token_digest = digest(secret)
    if idle is None:
        row = await _TOKEN.run(token_digest, kind, now)
    else:
        row = await _TOKEN_NOT_IDLE.run(token_digest, kind, now, now - idle)
    if row is None or not row["active"]:
        return None
    if row["last_used_at"] is None or row["last_used_at"] < now - TOUCH_EVERY:
        await _touch(token_digest, now)
    return actor_from_row(row)


async def _touch(token_digest: str, now: dt.datetime) -> None:
    """Once a minute a use is written down; requests arriving meanwhile with the same token
    do not write it again."""
    if token_digest in _touching:
        return
    _touching.add(token_digest)
    try:
        await Token.update({Token.last_used_at: now}).where(Token.digest == token_digest)
    finally:
        _touching.discard(token_digest)


async def change_password(actor: Actor, current: str, new: str, by: Where, keep_token: str | None) -> None:
    """Someone choosing their own password: the current one must match. Every other sign-in of
    theirs ends (a stolen session does not outlive the change)."""
    user = await User.select().where(User.id == actor.id).first()
    if user is None or not password_matches(user["password_hash"], current):
        raise Invalid({"current_password": N_("does not match")})
    _check_new_password(user["username"], new)
    if password_matches(user["password_hash"], new):
        raise Invalid({"new_password": N_("must differ from the current one")})
    await User.update({User.password_hash: hash_password(new), User.must_change_password: False}).where(
        User.id == user["id"])
    await Token.update({Token.revoked_at: by.now}).where(
        (Token.user == user["id"]) & Token.revoked_at.is_null() & (Token.digest != digest(keep_token or "")))
    await _audit(by, "account.password_set", user["username"], "password changed by its owner")


async def set_language(actor: Actor, code: str, by: Where) -> None:
    """Someone chooses the language of their own pages and emails; audited with the choice."""
    if code not in i18n.LANGUAGES:
        raise Invalid({"language": f"must be one of {', '.join(i18n.LANGUAGES)}"})
    await User.update({User.language: code}).where(User.id == actor.id)
    await _audit(by, "account.language_set", actor.username, f"language set to {code}")


def _check_new_password(username: str, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid({"new_password": f"must be at least {MIN_PASSWORD_LENGTH} characters"})
    if password.strip().casefold() == username.casefold():
        raise Invalid({"new_password": N_("must not be the username")})


async def reset_password(username: str, by: Where) -> str:
    """An admin gives someone a new password, shown once to the admin; the person must choose
    their own at next sign-in, and every sign-in of theirs ends now."""
    user = await user_named(username)
    if user is None:
        raise NotFound("user")
    password = "-".join(secrets.token_urlsafe(4) for _ in range(4))
    await User.update({User.password_hash: hash_password(password), User.must_change_password: True}).where(
        User.id == user["id"])
    await _revoke_all(user["id"], by.now)
    await _audit(by, "account.password_reset", username, "password reset; must be changed at next sign-in")
    return password


async def set_password(username: str, password: str, by: Where) -> None:
    """An operator sets someone's password (`haven user passwd`): the person keeps it, and every
    sign-in of theirs ends now."""
    user = await user_named(username)
    if user is None:
        raise NotFound("user")
    _check_new_password(username, password)
    await User.update({User.password_hash: hash_password(password), User.must_change_password: False}).where(
        User.id == user["id"])
    await _revoke_all(user["id"], by.now)
    await _audit(by, "account.password_set", username, "password set by an operator; every sign-in ended")


async def revoke_token(secret: str, now: dt.datetime) -> None:
    await Token.update({Token.revoked_at: now}).where(Token.digest == digest(secret))


async def list_users() -> list[dict]:
    return await User.select(
        User.id, User.username, User.full_name, User.email, User.role,
        User.team.name.as_alias("team"), User.active,
    ).order_by(User.username)


def _active_staff(of_team: bool) -> db.Prepared:
    def build(role, team_id=None):
        query = User.select(User.username, User.full_name).where((User.role == role) & (User.active == True))  # noqa: E712
        if of_team:
            query = query.where(User.team == team_id)
        return query.order_by(User.username)

    return db.Prepared(build, str, *([str] if of_team else []))


_ACTIVE_STAFF, _ACTIVE_STAFF_OF_TEAM = _active_staff(False), _active_staff(True)


async def active_staff(role: str, team_id=None) -> list[dict]:
    """Active accounts of one role (of one team, if given), by username: the choices a form
    offers, found by the database rather than by reading every account."""
    if team_id is None:
        return await _ACTIVE_STAFF.run(role)
    return await _ACTIVE_STAFF_OF_TEAM.run(role, team_id)


async def list_teams() -> list[dict]:
    return await Team.select(Team.id, Team.name).order_by(Team.name)


async def set_active(username: str, active: bool, by: Where) -> None:
    await update_user(username, by, active=active)


async def update_user(username: str, by: Where, role: str | None = None, team: str | None = None,
                      active: bool | None = None) -> dict:
    """Change an account's role, team or standing. Each change is its own audit entry; joining
    a team, or a role change within it, is told to that team's supervisors."""
    user = await user_named(username)
    if user is None:
        raise NotFound("user")
    new_team = await _team_for(team, by.now) if team is not None else None
    new_role = user["role"] if role is None else role
    _check_role_and_team(new_role, new_team["id"] if new_team else user["team"])
    if active is False or (role is not None and role != "admin"):
        await _keep_an_admin(user, active, role)
    if role is not None and role != user["role"]:
        await _change_role(user, role, by)
    if new_team is not None and new_team["id"] != user["team"]:
        await _change_team(user, new_team, new_role, by)
    if active is not None and active != user["active"]:
        await _change_active(user, active, by)
    return await User.select(User.username, User.role, User.team.name.as_alias("team"), User.active).where(
        User.id == user["id"]).first()


async def _team_for(name: str, now: dt.datetime) -> dict:
    if not name.strip():
        raise Invalid({"team": N_("must name a team")})
    return await team_named(name, now)


def _check_role_and_team(role: str, team_id) -> None:
    if role not in EVERY_ROLE:
        raise Invalid({"role": f"must be one of {', '.join(EVERY_ROLE)}"})
    if role in ("caseworker", "supervisor") and team_id is None:
        raise Invalid({"team": N_("is required for caseworkers and supervisors")})
    if role == "manager" and team_id is not None:
        raise Invalid({"team": N_("must be empty: a manager reads the whole service")})


async def _keep_an_admin(user: dict, active: bool | None, role: str | None) -> None:
    """The last active admin can be neither deactivated nor given another role."""
    leaving = user["role"] == "admin" and user["active"] and (active is False or (role or "admin") != "admin")
    if leaving and await User.count().where((User.role == "admin") & (User.active == True)) == 1:  # noqa: E712
        field = "active" if active is False else "role"
        raise Conflict("This is the only active admin: add another admin before deactivating it.",
                       {field: "would leave no admin to manage accounts"})


async def _change_role(user: dict, role: str, by: Where) -> None:
    await User.update({User.role: role}).where(User.id == user["id"])
    await _audit(by, "account.role", user["username"], f"role {user['role']} -> {role}")
    await notices.tell_supervisors(
        user["team"], "role_changed", user["username"],
        f"{user['username']}'s role in your team was changed from {user['role']} to {role} by {by.actor.username}.",
        by.now)


async def _change_team(user: dict, team: dict, role: str, by: Where) -> None:
    before = await notices.team_name(user["team"]) if user["team"] else "no team"
    await User.update({User.team: team["id"]}).where(User.id == user["id"])
    await _audit(by, "account.team", user["username"], f"team {before} -> {team['name']}")
    await notices.tell_supervisors(
        team["id"], "member_added", user["username"],
        f"{user['username']} joined your team as {role} (moved from {before}) by {by.actor.username}.", by.now)


async def _change_active(user: dict, active: bool, by: Where) -> None:
    await User.update({User.active: active}).where(User.id == user["id"])
    if not active:
        await _revoke_all(user["id"], by.now)
    action = "account.activate" if active else "account.deactivate"
    await _audit(by, action, user["username"], "active" if active else "deactivated")


async def _revoke_all(user_id, now: dt.datetime) -> None:
    await Token.update({Token.revoked_at: now}).where((Token.user == user_id) & Token.revoked_at.is_null())
