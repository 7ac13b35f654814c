"""The choices a form offers (every active therapist for a care team, a team's caseworkers for a
case) are read on every child's page: in username order straight from an index holding the
names, where without one each page read and sorted every account."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-11-30T21:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "active staff of a role, and of a team, in username order"


class _Statement(Table, tablename="haven_user"):
    """Only a handle for running raw SQL inside the migration's transaction."""


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="accounts", description=DESCRIPTION)

    async def create_indexes():
        await _Statement.raw("CREATE INDEX haven_user_role_staff ON haven_user (role, active, username, full_name)")
        await _Statement.raw(
            "CREATE INDEX haven_user_team_staff ON haven_user (team, role, active, username, full_name)")

    manager.add_raw(create_indexes)
    return manager
