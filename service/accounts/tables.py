"""Staff accounts, the teams they work in, and the tokens that stand for a signed-in person."""

from piccolo.columns import UUID, Boolean, ForeignKey, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

ROLES = ("caseworker", "therapist", "supervisor", "admin")


class Team(Table):
    id = UUID(primary_key=True)
    name = Varchar(length=100, unique=True)
    created_at = Timestamptz()


class User(Table, tablename="haven_user"):
    id = UUID(primary_key=True)
    username = Varchar(length=64, unique=True)
    full_name = Varchar(length=200)
    email = Varchar(length=254)
    role = Varchar(length=16, choices=None)
    team = ForeignKey(references=Team, null=True, on_delete=OnDelete.restrict)
    password_hash = Varchar(length=255)
    active = Boolean(default=True)
    created_at = Timestamptz()


class Token(Table):
    """An API token or a browser session. Only a SHA-256 digest is stored, never the secret."""

    id = UUID(primary_key=True)
    user = ForeignKey(references=User, null=False, on_delete=OnDelete.cascade)
    digest = Varchar(length=64, unique=True)
    kind = Varchar(length=8)  # "api" or "session"
    created_at = Timestamptz()
    expires_at = Timestamptz()
    last_used_at = Timestamptz(null=True, default=None)
    revoked_at = Timestamptz(null=True, default=None)
