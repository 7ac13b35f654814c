"""Registering children, reading and correcting their record, and their care team."""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
import uuid
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from piccolo.columns.combination import WhereRaw
from piccolo.query.functions.aggregate import Count
from piccolo.querystring import QueryString

from care_plans import cadence as rules
from care_plans.queries import caseload_clause, caseload_of, caseload_values
from care_plans.tables import CaseNumberCounter, CheckIn, Child, MissingEpisode, Placement
from service import access, clock, db
from service.access import Actor
from service.accounts.services import actor_from_row, user_named
from service.errors import Invalid, noting

OLDEST_YEARS = 18  # Haven registers children: under 18 on the day they are registered


async def next_case_number(now: dt.datetime) -> str:
    """HV-<year>-<serial>: the counter row is locked by the increment until commit."""
    year = now.year
    await CaseNumberCounter.insert(CaseNumberCounter(year=year, last_number=0)).on_conflict(
        target=CaseNumberCounter.year, action="DO NOTHING"
    )
    rows = await CaseNumberCounter.update(
        {CaseNumberCounter.last_number: CaseNumberCounter.last_number + 1}
    ).where(CaseNumberCounter.year == year).returning(CaseNumberCounter.last_number)
    return f"HV-{year}-{rows[0]['last_number']:06d}"


async def caseworker_for(actor: Actor, username: str | None) -> Actor:
    """The caseworker a child is registered to: the caller, or one of a supervisor's team."""
    row = await user_named(username or actor.username)
    worker = actor_from_row(row) if row and row["active"] else None
    if worker is None or not access.can_register_child(actor, worker):
        message = "must be you" if actor.role == access.CASEWORKER else "must be a caseworker of your team"
        raise Invalid({"caseworker": message})
    return worker


def check_birth_date(birth_date: dt.date, registered_on: dt.date) -> None:
    if birth_date > registered_on:
        raise Invalid({"birth_date": "cannot be in the future"})
    if _add_years(birth_date, OLDEST_YEARS) <= registered_on:
        raise Invalid({"birth_date": f"Haven registers children under {OLDEST_YEARS}"})


# Characters that reorder the text around them: a name must read as it is stored.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_name(name: str) -> str:
    """A name people can read: no control characters, and at least one letter, digit, mark
    or symbol (a name of only spaces or zero-width characters would be a blank link)."""
    name = name.strip()
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") or c in BIDI_CONTROLS for c in name):
        raise Invalid({"display_name": "cannot contain control characters or line breaks"})
    if not any(unicodedata.category(c)[0] in "LNPS" for c in name):
        raise Invalid({"display_name": "needs at least one visible character"})
    return name


def _add_years(day: dt.date, years: int) -> dt.date:
    return day + relativedelta(years=years)


async def register(actor: Actor, data, now: dt.datetime, cadence: rules.Cadence) -> dict:
    found: dict[str, str] = {}
    with noting(found):
        name = clean_name(data.display_name)
    with noting(found):
        check_birth_date(data.birth_date, clock.today(now))
    with noting(found):
        worker = await caseworker_for(actor, data.caseworker)
    if found:
        raise Invalid(found)
    child = Child(
        id=uuid.uuid4(), case_number=await next_case_number(now),
        display_name=name, birth_date=data.birth_date,
        birth_date_estimated=data.birth_date_estimated,
        gestational_age_weeks=data.gestational_age_weeks, sex=data.sex,
        documentation_status=data.documentation_status, languages=list(data.languages),
        caseworker=worker.id, team=worker.team_id, status="active", risk_level="medium",
        registered_at=now, updated_at=now,
        check_in_due_at=rules.check_in_due(cadence, registered_at=now, last_seen_at=None,
                                           risk_level="medium", plan_days=None),
        next_review_due=rules.next_review_due(cadence, clock.today(now), [], None),
    )
    await Child.insert(child)
    return {"id": child.id, "case_number": child.case_number}


def _columns(only: tuple[str, ...] | None = None):
    """Every column of a child's row, or `only` those named (what a list answers with)."""
    columns = (
        *Child.all_columns(exclude=[Child.caseworker, Child.team]),
        Child.caseworker.as_alias("caseworker_id"),
        Child.team.as_alias("team_id"),
        Child.caseworker.username.as_alias("caseworker"),
        Child.team.name.as_alias("team"),
    )
    return columns if only is None else tuple(c for c in columns if (c._alias or c._meta.name) in only)


_ONE = db.Prepared(lambda child_id: Child.select(*_columns()).where(Child.id == child_id).output(
    load_json=True).first(), uuid.UUID)
# The care team and those asked onto it, in one statement.
_CARE_TEAM_NAMES = ('SELECT u.username, \'member\' AS tag FROM care_team_member m JOIN haven_user u ON u.id = m."user" '
                    'WHERE m.child = ? UNION ALL SELECT u.username, \'pending\' FROM care_team_request r '
                    'JOIN haven_user u ON u.id = r."user" WHERE r.child = ?')


async def get(child_id) -> dict:
    row = await _ONE.run(child_id)
    names = sorted((r["username"], r["tag"]) for r in await db.lookup(_CARE_TEAM_NAMES, [child_id, child_id]))
    row["care_team"] = [name for name, tag in names if tag == "member"]
    row["care_team_pending"] = [name for name, tag in names if tag == "pending"]
    return row


@dataclass(frozen=True)
class Filters:
    status: str | None = None
    risk_level: str | None = None
    caseworker: str | None = None
    q: str | None = None
    limit: int = 200
    offset: int = 0
    sort: str = "next_check_in"  # a key of SORTS
    descending: bool = False


# What a list may be sorted by. The default, the next check-in due, puts the longest overdue
# first. Risk sorts by severity, not alphabetically; ties fall back to the case number, so
# pages never overlap or skip.
RISK_ORDER = "CASE risk_level WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END"
SORTS = {
    "name": lambda: Child.display_name, "case_number": lambda: Child.case_number,
    "risk": lambda: QueryString(RISK_ORDER), "last_seen": lambda: Child.last_seen_at,
    "next_check_in": lambda: Child.check_in_due_at, "review_due": lambda: Child.next_review_due,
    "caseworker": lambda: Child.caseworker.username, "registered": lambda: Child.registered_at,
}


SEARCH_MAX_CHARS = 200  # longer than any name or case number; far below any engine's limit


async def caseload(actor: Actor, filters: Filters, only: tuple[str, ...] | None = None) -> list[dict]:
    """The children `actor` may see that match `filters`, in one query; of each, `only` the
    fields named, when a list answers with no more (each value read costs a conversion)."""
    statement, values = _statement(actor, filters, counted=False, only=only)
    return await statement.run(*values)


async def caseload_count(actor: Actor, filters: Filters) -> int:
    """How many children match `filters` in all, so a list can say which of them it shows."""
    statement, values = _statement(actor, filters, counted=True)
    return (await statement.run(*values))[0]["count"]


def _statement(actor: Actor, filters: Filters, counted: bool, only=None) -> tuple[db.Prepared, list]:
    """The prepared statement for this shape of list, and its values: the caseload's, then
    each filter given (a search twice, for the name and the case number)."""
    if filters.q and len(filters.q) > SEARCH_MAX_CHARS:
        raise Invalid({"q": f"must be at most {SEARCH_MAX_CHARS} characters"})
    if filters.sort not in SORTS:
        raise Invalid({"sort": "must be one of " + ", ".join(SORTS)})
    column, values = caseload_values(actor)
    given = tuple(bool(getattr(filters, f)) for f in _FILTERED)
    values += [getattr(filters, f) for f in _FILTERED[:3] if getattr(filters, f)]
    values += [_pattern(filters.q)] * 2 if filters.q else []
    page = None if counted else (filters.sort, filters.descending, filters.limit, filters.offset)
    return _prepared(column, given, page, only), values


_FILTERED = ("status", "risk_level", "caseworker", "q")


# Built once for each shape of list (whose caseload, which filters, which order and page, or
# the count); a shape asked for rarely is built again when it comes back.
@functools.lru_cache(maxsize=256)
def _prepared(column: str, given: tuple[bool, ...], page: tuple | None, only: tuple | None = None) -> db.Prepared:
    def build(*markers):
        values = list(markers)
        query = Child.select(Count()) if page is None else Child.select(*_columns(only))
        query = query.where(caseload_clause(caseload_of(column, values)))
        status, risk_level, caseworker, q = given
        if status:
            query = query.where(Child.status == values.pop(0))
        if risk_level:
            query = query.where(Child.risk_level == values.pop(0))
        if caseworker:
            query = query.where(Child.caseworker.username == values.pop(0))
        if q:
            query = query.where(_like(Child.display_name, values.pop(0)) | _like(Child.case_number, values.pop(0)))
        if page is None:
            return query
        sort, descending, limit, offset = page
        query = query.order_by(SORTS[sort](), ascending=not descending)
        return query.order_by(Child.case_number).limit(limit).offset(offset).output(load_json=True)

    return db.Prepared(build, *([] if column == "none" else [str]), *[str] * (sum(given[:3]) + 2 * given[3]))


def _pattern(text: str) -> str:
    """Case-insensitive on both engines (SQLite's LIKE already ignores case, PostgreSQL's does
    not), and literal: `%` and `_` typed in a search are themselves, not wildcards."""
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _like(column, pattern):
    like = "LIKE" if db.is_sqlite() else "ILIKE"
    return WhereRaw(f'"{column._meta.table._meta.tablename}"."{column._meta.db_column_name}" '
                    f"{like} {{}} ESCAPE '\\'", pattern)


async def update(actor: Actor, child_id, patch: dict, now: dt.datetime) -> None:
    """`patch` holds only the fields sent; none is a 400, not a change of nothing."""
    if not patch:
        raise Invalid({"body": "names no field to change"})
    current = await Child.select(Child.birth_date, Child.registered_at).where(Child.id == child_id).first()
    values, found = dict(patch), {}
    if "birth_date" in values:
        with noting(found):
            check_birth_date(values["birth_date"], clock.today(current["registered_at"]))
            await _check_nothing_before(child_id, values["birth_date"])
    if "display_name" in values:
        with noting(found):
            values["display_name"] = clean_name(values["display_name"])
    if "caseworker" in values:
        with noting(found):
            worker = await caseworker_for(actor, values.pop("caseworker"))
            values.update(caseworker=worker.id, team=worker.team_id)
    if found:
        raise Invalid(found)
    values["updated_at"] = now
    await Child.update({getattr(Child, k): v for k, v in values.items()}).where(Child.id == child_id)


async def _check_nothing_before(child_id, birth_date: dt.date) -> None:
    """A corrected birth date cannot fall after anything already recorded of the child's case."""
    days = []
    for table, column in ((Placement, Placement.started_on), (CheckIn, CheckIn.occurred_at),
                          (MissingEpisode, MissingEpisode.went_missing_at)):
        first = await table.select(column).where(table.child == child_id).order_by(column).first()
        if first is not None:
            value = first[column._meta.name]
            days.append(clock.today(value) if isinstance(value, dt.datetime) else value)
    if days and birth_date > min(days):
        raise Invalid({"birth_date": f"is after something already recorded for the child, on {min(days):%d %b %Y}"})
