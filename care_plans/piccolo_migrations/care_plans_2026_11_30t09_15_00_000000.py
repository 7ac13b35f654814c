"""One version number per child's safety plan, so two writers starting from the same version
cannot both succeed; and open tasks found by their due instant (the overdue list)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-11-30T09:15:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "safety plan versions unique per child; open tasks by due instant"


class _Statement(Table, tablename="task"):
    """Only a handle for running raw SQL inside the migration's transaction."""


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="care_plans", description=DESCRIPTION)

    async def indexes():
        await _Statement.raw("CREATE UNIQUE INDEX safety_plan_child_version ON safety_plan (child, version)")
        await _Statement.raw("CREATE INDEX task_open_due ON task (due_at) WHERE done_at IS NULL")

    manager.add_raw(indexes)
    return manager
