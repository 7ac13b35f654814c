"""Staff accounts, the teams they work in, and the tokens that stand for a signed-in person."""

from piccolo.columns import UUID, Boolean, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

ROLES = ("caseworker", "therapist", "supervisor", "admin", "manager")


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
    # Set when an administrator gives a new password: the person must choose their own next.
    must_change_password = Boolean(default=False)
    # Two-step sign-in (TOTP, RFC 6238): the shared secret, set up once confirmed with a code;
    # the last time step used, so that a code cannot be replayed.
    totp_secret = Varchar(length=64, default="", secret=True)
    totp_enabled_at = Timestamptz(null=True, default=None)
    totp_last_step = Integer(default=0)
    # The language their pages and emails are in (a code from service.i18n.LANGUAGES); empty
    # follows the browser's.
    language = Varchar(length=16, default="")


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


class RecoveryCode(Table):
    """One-use codes for signing in without the authenticator app; only digests are kept."""

    id = UUID(primary_key=True)
    user = ForeignKey(references=User, null=False, on_delete=OnDelete.cascade, index=True)
    digest = Varchar(length=64, unique=True)
    used_at = Timestamptz(null=True, default=None)


class AccountNotice(Table):
    """Something a supervisor must hear about their team that no alert rule covers: a new
    member, a role change into the team, an administrator reading a child's record. Shown in
    the supervisor's inbox, and emailed when email is set up (the email columns are the
    delivery job's claim and retry state)."""

    id = UUID(primary_key=True)
    recipient = ForeignKey(references=User, null=False, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=24)
    subject = Varchar(length=64)  # the username the notice is about
    text = Text()
    link = Varchar(length=200, default="")
    created_at = Timestamptz(index=True)
    email_claimed_at = Timestamptz(null=True, default=None)
    email_sent_at = Timestamptz(null=True, default=None)
    email_attempts = Integer(default=0)
    email_next_at = Timestamptz(null=True, default=None, index=True)


class SignInFailure(Table):
    """Failed sign-ins in a row, per account (`account:NAME`) or per client address
    (`address:IP`), kept in the database so that every instance sees the same count."""

    key = Varchar(length=120, unique=True)
    failures = Integer(default=0)
    last_failure_at = Timestamptz()
    blocked_until = Timestamptz(null=True, default=None)
