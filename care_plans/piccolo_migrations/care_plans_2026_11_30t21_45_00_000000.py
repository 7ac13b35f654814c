"""Excused contacts are read by the child and with their instant (the scan, for every batch of
children; the check-in due dates): the partial index on them holds the instant too, so the
read is answered from it instead of from each check-in row (the flag is in it too: SQLite
answers from an index alone only if it holds every column the statement names)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-11-30T21:45:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "excused check-ins indexed with their instant"


class _Statement(Table, tablename="check_in"):
    """Only a handle for running raw SQL inside the migration's transaction."""


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="care_plans", description=DESCRIPTION)

    async def replace_index():
        await _Statement.raw("DROP INDEX check_in_excused")
        await _Statement.raw("CREATE INDEX check_in_excused ON check_in (child, occurred_at, excused) "
                             "WHERE excused = true")

    manager.add_raw(replace_index)
    return manager
