"""The case lifecycle: corrections to a child's details (kept before and after, since the audit
trail holds ids and actions only) and the closing of a case."""

from piccolo.columns import UUID, Text, Timestamptz, Varchar
from piccolo.table import Table

from care_plans.tables import Child, _fk
from service.accounts.tables import User


class ChildChange(Table):
    """One field of a child's details changed: a correction, or the case moved to another
    caseworker. Names are stored here, never in the audit trail, which points at this row."""

    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    field = Varchar(length=40)
    before = Text(default="")
    after = Text(default="")
    changed_by = _fk(User)
    changed_at = Timestamptz(index=True)


class CaseClosure(Table):
    """A request to close a case and the supervisor's decision on it. `status`: requested |
    approved | declined. An approved closure makes the child's record read-only."""

    id = UUID(primary_key=True)
    child = _fk(Child, index=True)
    reason = Varchar(length=32)
    note = Text(default="")
    status = Varchar(length=12, default="requested")
    requested_by = _fk(User)
    requested_at = Timestamptz()
    decided_by = _fk(User, null=True)
    decided_at = Timestamptz(null=True, default=None)
