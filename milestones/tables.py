"""The milestone catalogue (reference data) and a child's assessments with their observations.

Care records never cascade away: foreign keys restrict deletion. Observations name the
milestone by its stable code, checked against the catalogue when they are recorded.
"""

from piccolo.columns import UUID, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.table import Table

from care_plans.tables import Child
from service.accounts.tables import User


def _fk(table, index=False):
    return ForeignKey(references=table, null=False, on_delete=OnDelete.restrict, index=index)


class Milestone(Table):
    """One CDC 2022 checklist item, with where its wording comes from and how well it was checked."""

    code = Varchar(length=12, unique=True)
    domain = Varchar(length=24)
    age_months = Integer(index=True)
    description = Text()
    source = Text()
    check_status = Varchar(length=24)


class Assessment(Table):
    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    assessed_on = Date()
    assessed_by = _fk(User)
    notes = Text(default="")  # the therapist's own: care team and supervisor only
    created_at = Timestamptz()


class Observation(Table):
    id = UUID(primary_key=True)
    assessment = _fk(Assessment, index=True)
    milestone = Varchar(length=12)
    status = Varchar(length=12)  # achieved | emerging | not_yet
