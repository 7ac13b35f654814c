"""The milestone catalogue (reference data) and a child's assessments with their observations.

Care records never cascade away: foreign keys restrict deletion. Observations name the
milestone by its stable code, checked against the catalogue when they are recorded.
"""

from piccolo.columns import JSON, UUID, Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
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
    child = _fk(Child)  # indexed with the day and id: assessment_child_days
    assessed_on = Date()
    assessed_by = _fk(User)
    notes = Text(default="")  # the therapist's own: care team and supervisor only
    created_at = Timestamptz()


class Observation(Table):
    id = UUID(primary_key=True)
    assessment = _fk(Assessment)  # indexed with what was seen: observation_seen
    milestone = Varchar(length=12)
    status = Varchar(length=12)  # achieved | emerging | not_yet


class AssessmentDraft(Table):
    """An assessment being filled in, step by step: one per child and author, kept on the server
    so that answers survive leaving the page; finishing it records the assessment and drops it."""

    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    author = _fk(User)
    checkpoint = Integer(default=0)  # the checklist age the child had reached when it was started
    answers = JSON(default={})  # {"assessed_on", "notes", "observed": {code: status or ""}}
    updated_at = Timestamptz()


class Screening(Table):
    """A standardised screen's result, never its (copyrighted) items: per domain a score and
    zone, or the instrument's own result, with the age it was scored at."""

    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    instrument = Varchar(length=16)  # asq3 | asqse2 | mchat_rf | sdq | cse_it | other
    instrument_name = Varchar(length=80, default="")  # for `other`
    screened_on = Date()
    age_months_used = Integer()
    age_corrected = Boolean(default=False)
    domains = JSON(default=[])  # [{"domain", "score", "zone"}]
    result = Text(default="")  # the instrument's own result, in its words
    result_zone = Varchar(length=16, null=True, default=None)  # when the instrument gives one overall
    next_due = Date(null=True, default=None)
    screened_by = ForeignKey(references=User, null=False, on_delete=OnDelete.restrict)
    created_at = Timestamptz()
