"""The audit trail becomes a hash chain: entries already written are sealed in order, `seq` is
unique, and triggers refuse UPDATE and DELETE (only sealing an unsealed entry may touch one)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-11-30T07:24:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "audit trail: hash chain, unique order, append-only triggers"


class _Statement(Table, tablename="audit_entry"):
    """Only a handle for running raw SQL inside the migration's transaction."""


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="audit", description=DESCRIPTION)

    async def chain_and_guard():
        from service import db
        from service.audit import chain

        await chain.seal_unsealed()
        await _Statement.raw("CREATE UNIQUE INDEX audit_entry_seq ON audit_entry (seq)")
        for statement in chain.SQLITE_TRIGGERS if db.is_sqlite() else chain.POSTGRES_TRIGGERS:
            await _Statement.raw(statement)

    manager.add_raw(chain_and_guard)
    return manager
