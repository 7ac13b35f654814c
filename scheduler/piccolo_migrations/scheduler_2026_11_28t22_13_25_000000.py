"""The unique keys that make a repeated or concurrent scan harmless: one alert per cause, one
notification per change, recipient and channel, one digest per supervisor a day."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-11-28T22:13:25:000000"
VERSION = "1.38.0"
DESCRIPTION = "unique keys for alerts, notifications and digests"

UNIQUE_INDEXES = (
    "CREATE UNIQUE INDEX alert_cause ON alert (kind, child, cause_key)",
    "CREATE UNIQUE INDEX notification_once ON notification "
    "(alert, recipient, channel, event, sequence)",
    "CREATE UNIQUE INDEX digest_once ON digest_sent (recipient, day)",
)


class _Statement(Table, tablename="alert"):
    """Only a handle for running raw SQL inside the migration's transaction."""


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="scheduler", description=DESCRIPTION)

    async def create_indexes():
        for statement in UNIQUE_INDEXES:
            await _Statement.raw(statement)

    manager.add_raw(create_indexes)
    return manager
