"""Accounts: passwords (argon2id), teams, and tokens hashed at rest."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import uuid

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from service import db
from service.access import ROLES_ALL, Actor
from service.accounts.tables import Team, Token, User
from service.errors import Conflict, Invalid, NotFound

_hasher = PasswordHasher()
# Verifying against this keeps a login for an unknown name as slow as one for a known name.
_DUMMY_HASH = _hasher.hash("not a password anyone has")
MIN_PASSWORD_LENGTH = 10
# ASCII and lowercase only, so that no two usernames look alike (`North.x`, a Cyrillic `е`).
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


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
    now: dt.datetime,
    team: str | None = None,
    full_name: str = "",
    email: str = "",
) -> dict:
    problems = {}
    if role not in ROLES_ALL:
        problems["role"] = f"must be one of {', '.join(ROLES_ALL)}"
    if len(password) < MIN_PASSWORD_LENGTH:
        problems["password"] = f"must be at least {MIN_PASSWORD_LENGTH} characters"
    if not USERNAME.fullmatch(username):
        problems["username"] = ("must be 1-64 lowercase letters a-z, digits, dots, dashes or "
                                "underscores, starting with a letter or digit")
    if password.strip().casefold() == username.casefold():
        problems["password"] = "must not be the username"
    if email and not EMAIL.fullmatch(email):
        problems["email"] = "must be an email address, like name@example.org"
    if role in ("caseworker", "supervisor") and not team:
        problems["team"] = "is required for caseworkers and supervisors"
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
    return {**saved, "team_name": None if team_row is None else team_row["name"]}


async def user_named(username: str) -> dict | None:
    return await User.select().where(User.username == username).first()


async def check_login(username: str, password: str) -> dict | None:
    user = await user_named(username)
    if user is None or not user["active"]:
        password_matches(_DUMMY_HASH, password)
        return None
    return user if password_matches(user["password_hash"], password) else None


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


_TOKEN_HOLDER = db.Prepared(
    lambda token_digest, kind, now: Token.select(
        Token.user.id.as_alias("id"),
        Token.user.username.as_alias("username"),
        Token.user.role.as_alias("role"),
        Token.user.team.as_alias("team"),
        Token.user.active.as_alias("active"),
    ).where(
        (Token.digest == token_digest)
        & (Token.kind == kind)
        & Token.revoked_at.is_null()
        & (Token.expires_at > now)
    ).first(),
    str, str, dt.datetime,
)


async def actor_for_token(secret: str, kind: str, now: dt.datetime) -> Actor | None:
    """The person a live, unrevoked token stands for, in one query (every request asks)."""
    row = await _TOKEN_HOLDER.run(digest(secret), kind, now)
    if row is None or not row["active"]:
        return None
    return actor_from_row(row)


async def revoke_token(secret: str, now: dt.datetime) -> None:
    await Token.update({Token.revoked_at: now}).where(Token.digest == digest(secret))


async def list_users() -> list[dict]:
    return await User.select(
        User.id, User.username, User.full_name, User.email, User.role,
        User.team.name.as_alias("team"), User.active,
    ).order_by(User.username)


async def list_teams() -> list[dict]:
    return await Team.select(Team.id, Team.name).order_by(Team.name)


async def set_active(username: str, active: bool, now: dt.datetime) -> None:
    user = await user_named(username)
    if user is None:
        raise NotFound("user")
    if not active and user["role"] == "admin" and user["active"] and await User.count().where(
            (User.role == "admin") & (User.active == True)) == 1:  # noqa: E712 (piccolo builds SQL)
        raise Conflict("This is the only active admin: add another admin before deactivating it.",
                       {"active": "would leave no admin to manage accounts"})
    await User.update({User.active: active}).where(User.id == user["id"])
    if not active:
        await Token.update({Token.revoked_at: now}).where(
            (Token.user == user["id"]) & Token.revoked_at.is_null()
        )
