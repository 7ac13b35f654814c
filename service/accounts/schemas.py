"""Request and response bodies for accounts, with their constraints in the types."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

Username = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
Role = Literal["caseworker", "therapist", "supervisor", "admin", "manager"]


Code = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]


class TokenRequest(msgspec.Struct, forbid_unknown_fields=True):
    username: Username
    password: Annotated[str, msgspec.Meta(min_length=1, max_length=1024)]
    # For those with two-step sign-in: the app's current code, or a recovery code.
    otp: Code | None = None


class TwoFactorSetUp(msgspec.Struct):
    """Add `secret` (or scan `uri`) in an authenticator app, then confirm with a code."""

    secret: str
    uri: str


class TwoFactorCode(msgspec.Struct, forbid_unknown_fields=True):
    code: Code


class RecoveryCodes(msgspec.Struct):
    """Each signs in once without the app; shown only this once."""

    recovery_codes: list[str]


class TokenOut(msgspec.Struct):
    token: str
    expires_at: str
    username: str
    role: str


class Me(msgspec.Struct):
    id: str
    username: str
    role: str
    team_id: str | None
    must_change_password: bool = False


class UserIn(msgspec.Struct, forbid_unknown_fields=True):
    username: Username
    role: Role
    password: Annotated[str, msgspec.Meta(min_length=10, max_length=1024)]
    team: Annotated[str, msgspec.Meta(min_length=1, max_length=100)] | None = None
    full_name: Annotated[str, msgspec.Meta(max_length=200)] = ""
    email: Annotated[str, msgspec.Meta(max_length=254)] = ""


class UserOut(msgspec.Struct):
    id: str
    username: str
    full_name: str
    email: str
    role: str
    team: str | None
    active: bool


class UserPatch(msgspec.Struct, forbid_unknown_fields=True):
    """What to change; a field left out stays as it is."""

    active: bool | None = None
    role: Role | None = None
    team: Annotated[str, msgspec.Meta(min_length=1, max_length=100)] | None = None


class PasswordChange(msgspec.Struct, forbid_unknown_fields=True):
    current_password: Annotated[str, msgspec.Meta(min_length=1, max_length=1024)]
    new_password: Annotated[str, msgspec.Meta(min_length=1, max_length=1024)]


class PasswordReset(msgspec.Struct):
    """The new password, shown this once: it is stored only as a hash."""

    username: str
    password: str
    must_change_password: bool = True


class UserChanged(msgspec.Struct):
    username: str
    role: str
    team: str | None
    active: bool


class NoticeOut(msgspec.Struct):
    id: str
    kind: str
    subject: str
    text: str
    link: str
    created_at: str


def notice_out(row: dict) -> NoticeOut:
    return NoticeOut(id=str(row["id"]), kind=row["kind"], subject=row["subject"], text=row["text"],
                     link=row["link"], created_at=row["created_at"].isoformat())


def user_out(row: dict) -> UserOut:
    return UserOut(
        id=str(row["id"]),
        username=row["username"],
        full_name=row["full_name"],
        email=row["email"],
        role=row["role"],
        team=row.get("team"),
        active=row["active"],
    )
