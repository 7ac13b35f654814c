"""A placement's start time, and a care plan's review cadence left unset by default.

`placement.started_at` (nullable) is the moment a move happened, from which its visit window
runs. `care_plan.review_every_days` becomes nullable with no default: unset means the default
cadence, counted in calendar months. Plans holding 182 (the old default, written whenever a
plan set none) become unset, so their reviews fall due 6 calendar months on, never later.
SQLite cannot drop a NOT NULL constraint, so the column is rebuilt on both engines alike:
renamed, added afresh, copied, and the old one dropped."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Timestamptz
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-11-30T06:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "placement start time; plan review cadence unset by default"


class _Statement(Table, tablename="care_plan"):
    """Only a handle for running raw SQL inside the migration's transaction."""


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="care_plans", description=DESCRIPTION)

    manager.add_column(
        table_class_name="Placement",
        tablename="placement",
        column_name="started_at",
        db_column_name="started_at",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    async def unset_review_cadence():
        for sql in (
            'ALTER TABLE care_plan RENAME COLUMN review_every_days TO review_every_days_before',
            'ALTER TABLE care_plan ADD COLUMN review_every_days INTEGER NULL DEFAULT NULL',
            'UPDATE care_plan SET review_every_days = NULLIF(review_every_days_before, 182)',
            'ALTER TABLE care_plan DROP COLUMN review_every_days_before',
        ):
            await _Statement.raw(sql)

    manager.add_raw(unset_review_cadence)
    return manager
