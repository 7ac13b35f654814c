"""A caseload is listed by the team's or the caseworker's children, soonest check-in first
(then the case number, so pages never overlap): an index in that order gives a page of 50 by
reading 50 rows, where the index on the team alone read and sorted the whole team. The
composite indexes also find a team's or caseworker's children, so the single ones go."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import ForeignKey
from piccolo.table import Table

ID = "2026-11-30T12:55:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "caseload indexes in the default listing order"


class _Statement(Table, tablename="child"):
    """Only a handle for running raw SQL inside the migration's transaction."""


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="care_plans", description=DESCRIPTION)
    for column in ("caseworker", "team"):
        manager.alter_column(
            table_class_name="Child", tablename="child", column_name=column, db_column_name=column,
            params={"index": False}, old_params={"index": True},
            column_class=ForeignKey, old_column_class=ForeignKey, schema=None,
        )

    async def create_indexes():
        for column in ("caseworker", "team"):
            await _Statement.raw(f"CREATE INDEX child_{column}_due ON child ({column}, check_in_due_at, case_number)")

    manager.add_raw(create_indexes)
    return manager
