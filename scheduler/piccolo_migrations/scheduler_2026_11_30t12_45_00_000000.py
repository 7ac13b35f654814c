"""A notification's alert is the first column of its unique key (alert, recipient, channel,
event, sequence), which finds an alert's notifications as well: the index on the alert alone
only cost every queued notification one more b-tree write."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import ForeignKey

ID = "2026-11-30T12:45:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "A notification's alert is found through the outbox's unique key"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="scheduler", description=DESCRIPTION)
    manager.alter_column(
        table_class_name="Notification",
        tablename="notification",
        column_name="alert",
        db_column_name="alert",
        params={"index": False},
        old_params={"index": True},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )
    return manager
