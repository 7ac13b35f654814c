"""One draft per child and author: saving a step replaces the author's draft for that child."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.table import Table

ID = "2026-11-30T12:07:30:000000"
VERSION = "1.38.0"
DESCRIPTION = "assessment drafts unique per child and author"


class _Statement(Table, tablename="assessment_draft"):
    """Only a handle for running raw SQL inside the migration's transaction."""


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="milestones", description=DESCRIPTION)

    async def one_per_child_and_author():
        await _Statement.raw(
            "CREATE UNIQUE INDEX assessment_draft_child_author ON assessment_draft (child, author)")

    manager.add_raw(one_per_child_and_author)
    return manager
