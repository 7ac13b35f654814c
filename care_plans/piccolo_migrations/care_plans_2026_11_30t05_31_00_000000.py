"""A partial index on excused contacts: the alert scan reads them for a batch of children
(to recompute a due time when a risk level changes) without visiting every check-in."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-11-30T05:31:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "partial index on excused check-ins"


class _Statement(Table, tablename="check_in"):
    """Only a handle for running raw SQL inside the migration's transaction."""


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="care_plans", description=DESCRIPTION)

    async def create_index():
        await _Statement.raw("CREATE INDEX check_in_excused ON check_in (child) WHERE excused = true")

    manager.add_raw(create_index)
    return manager
