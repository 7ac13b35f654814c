"""The risk level history starts from what is known: each child's current level, in force
since the day the scan last found it changed (`risk_state.since`). A unique key keeps a
repeated write of the same change harmless."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-11-30T09:13:16:000000"
VERSION = "1.38.0"
DESCRIPTION = "risk level history: unique per child and instant, seeded from the risk state"

STATEMENTS = (
    "CREATE UNIQUE INDEX risk_level_history_once ON risk_level_history (child, since)",
    "INSERT INTO risk_level_history (child, level, since) SELECT child, level, since FROM risk_state",
)


class _Statement(Table, tablename="risk_level_history"):
    """Only a handle for running raw SQL inside the migration's transaction."""


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="scheduler", description=DESCRIPTION)

    async def seed():
        for statement in STATEMENTS:
            await _Statement.raw(statement)

    manager.add_raw(seed)
    return manager
