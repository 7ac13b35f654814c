"""The append-only audit trail. Rows are never updated or deleted by the application."""

from piccolo.columns import UUID, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table


class AuditEntry(Table):
    id = UUID(primary_key=True)
    at = Timestamptz(index=True)
    actor = Varchar(length=64)  # a username, kept as text so the trail outlives accounts
    actor_role = Varchar(length=16)
    action = Varchar(length=64)
    record_type = Varchar(length=32)
    record_id = Varchar(length=64)
    child_id = Varchar(length=64, null=True, default=None, index=True)
    source = Varchar(length=64)  # the client address
    reason = Text(null=True, default=None)  # why, when the actor had to give one (break-glass)
    # The tamper-evident chain: `seq` orders the trail; `hash` is SHA-256 over the entry's
    # canonical form and the hash before it (service/audit/chain.py).
    seq = Integer(null=True, default=None)
    hash = Varchar(length=64, null=True, default=None)
