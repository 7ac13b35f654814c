"""Two-step sign-in: a time-based one-time code (TOTP, RFC 6238) from an authenticator app, or
one of ten recovery codes, after the password.

Setting up stores a secret that counts only once a code from it is confirmed; confirming
returns the recovery codes, shown once (only their digests are kept). A code's time step is
remembered, so the same code cannot be used twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import replace

import pyotp

from service.access import Actor
from service.accounts.tables import RecoveryCode, User
from service.audit.services import Where, record
from service.errors import Conflict, Invalid
from service.i18n import N_

ISSUER = "Haven"
RECOVERY_CODES = 10
STEP_SECONDS = 30


def _digest(code: str) -> str:
    return hashlib.sha256(code.strip().lower().replace(" ", "").encode()).hexdigest()


async def begin(actor: Actor) -> dict:
    """A new secret to add to an authenticator app (not in force until confirmed)."""
    user = await User.select(User.totp_enabled_at).where(User.id == actor.id).first()
    if user["totp_enabled_at"] is not None:
        raise Conflict("Two-step sign-in is already on.", {"two_factor": "is already on"})
    secret = pyotp.random_base32()
    await User.update({User.totp_secret: secret}).where(User.id == actor.id)
    uri = pyotp.TOTP(secret).provisioning_uri(name=actor.username, issuer_name=ISSUER)
    return {"secret": secret, "uri": uri}


async def confirm(actor: Actor, code: str, by: Where) -> list[str]:
    """Turn it on with a first code from the app; returns the recovery codes, this once."""
    user = await User.select(User.totp_secret, User.totp_enabled_at).where(User.id == actor.id).first()
    if user["totp_enabled_at"] is not None:
        raise Conflict("Two-step sign-in is already on.", {"two_factor": "is already on"})
    step = _matching_step(user["totp_secret"], code, by.now)
    if step is None:
        raise Invalid({"code": N_("does not match the app's code; check the time on your phone and try again")})
    await User.update({User.totp_enabled_at: by.now, User.totp_last_step: step}).where(User.id == actor.id)
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODES)]
    await RecoveryCode.delete().where(RecoveryCode.user == actor.id)
    await RecoveryCode.insert(*[RecoveryCode(id=uuid.uuid4(), user=actor.id, digest=_digest(c)) for c in codes])
    await record(replace(by, reason="two-step sign-in turned on"), "account.two_factor_on", "user", actor.username)
    return codes


async def pending(actor: Actor) -> dict:
    """The secret being set up, to show again beside a code that did not match."""
    user = await User.select(User.totp_secret).where(User.id == actor.id).first()
    secret = user["totp_secret"]
    return {"secret": secret, "uri": pyotp.TOTP(secret).provisioning_uri(name=actor.username, issuer_name=ISSUER)}


def _matching_step(secret: str, code: str, now: dt.datetime) -> int | None:
    """The time step (this one, or one either side for clock drift) whose code this is."""
    if not secret or not code.strip().isdigit():
        return None
    totp, step = pyotp.TOTP(secret), int(now.timestamp()) // STEP_SECONDS
    for candidate in (step, step - 1, step + 1):
        if secrets.compare_digest(totp.at(candidate * STEP_SECONDS), code.strip()):
            return candidate
    return None


async def passes(user: dict, code: str | None, now: dt.datetime) -> bool:
    """Whether `code` is this person's current app code (not used before) or an unused
    recovery code; either is used up by passing."""
    if not code:
        return False
    step = _matching_step(user["totp_secret"], code, now)
    if step is not None:
        taken = await User.update({User.totp_last_step: step}).where(
            (User.id == user["id"]) & (User.totp_last_step < step)).returning(User.id)
        return len(taken) == 1
    used = await RecoveryCode.update({RecoveryCode.used_at: now}).where(
        (RecoveryCode.user == user["id"]) & (RecoveryCode.digest == _digest(code))
        & RecoveryCode.used_at.is_null()).returning(RecoveryCode.id)
    return len(used) == 1


async def recovery_codes_left(user_id) -> int:
    return await RecoveryCode.count().where((RecoveryCode.user == user_id) & RecoveryCode.used_at.is_null())
