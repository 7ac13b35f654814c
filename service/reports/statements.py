"""One SQL statement per indicator, over every child in the scope at once.

Each returns one row: `numerator`, `denominator`, `population` (the children counted) and, for
some, a `median_late` in days. The children in scope are a common table expression (`kids`)
with when they came into care and when they left it (a closed case: its last change), in days
since 1970, so a period's days in care are an overlap of two intervals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from service.reports.sql import Statement, epoch_days
from service import clock

NEVER = 1e9  # days since 1970 for "still in care"
CHECK_IN_LEVELS = ("critical", "high", "medium", "low")


@dataclass(frozen=True)
class Scope:
    """Which children: every child (`service`), a team's, or one caseworker's."""

    kind: str  # "service" | "team" | "caseworker"
    id: object = None  # the team's or caseworker's id
    label: str = "the whole service"


@dataclass(frozen=True)
class Window:
    """A period [start, end) of local days, seen from `now` (nothing after now is counted)."""

    start: dt.date
    end: dt.date
    now: dt.datetime

    @property
    def first(self) -> float:
        return epoch_days(clock.start_of_day(self.start))

    @property
    def last(self) -> float:
        """The end of the period, or now if that comes first."""
        return min(epoch_days(clock.start_of_day(self.end)), epoch_days(self.now))

    @property
    def today(self) -> dt.date:
        return clock.today(self.now)

    @property
    def last_day(self) -> dt.date:
        """Dates before this are over: the period's end, or today if that comes first."""
        return min(self.end, self.today)


def kids(s: Statement, scope: Scope) -> str:
    """The children in scope, when they came into care and when they left."""
    where = "1 = 1" if scope.kind == "service" else f"c.{scope.kind} = {s.value(scope.id)}"
    return (f"kids AS (SELECT c.id, c.birth_date, c.gestational_age_weeks, c.risk_level, c.check_in_every_days, "
            f"{s.local_date('c.registered_at')} AS registered_on, {s.days('c.registered_at')} AS came, "
            f"CASE WHEN c.status = 'closed' THEN {s.days('c.updated_at')} ELSE {NEVER} END AS gone, "
            f"CASE WHEN c.status = 'closed' THEN {s.local_date('c.updated_at')} ELSE NULL END AS gone_on "
            f"FROM child c WHERE {where})")


def _in_care(s: Statement, w: Window) -> str:
    """Each child's days in care within the window, an expression over `kids`."""
    until = s.least("gone", s.number(w.last))
    since = s.greatest("came", s.number(w.first))
    return s.greatest("0", f"{until} - {since}")


def placement_stability(scope: Scope, w: Window) -> Statement:
    """Moves: placements begun in the period that followed an earlier placement of the child."""
    s = Statement()
    head = kids(s, scope)
    in_care = _in_care(s, w)
    s.sql = (f"WITH {head}, care AS (SELECT id, {in_care} AS days FROM kids) "
             "SELECT (SELECT COUNT(*) FROM placement p JOIN kids k ON k.id = p.child "
             f"WHERE p.started_on >= {s.date(w.start)} AND p.started_on < {s.date(w.end)} "
             f"AND p.started_on <= {s.date(w.today)} AND EXISTS (SELECT 1 FROM placement q WHERE q.child = p.child "
             "AND (q.started_on < p.started_on OR (q.started_on = p.started_on AND q.recorded_at < p.recorded_at)))"
             ") AS numerator, (SELECT COALESCE(SUM(days), 0) FROM care) AS denominator, "
             "(SELECT COUNT(*) FROM care WHERE days > 0) AS population")
    return s


def missing_rate(scope: Scope, w: Window) -> Statement:
    """Episodes begun in the period, over the children's years in care in it."""
    s = Statement()
    head = kids(s, scope)
    in_care = _in_care(s, w)
    went = s.days("e.went_missing_at")
    s.sql = (f"WITH {head}, care AS (SELECT id, {in_care} AS days FROM kids) "
             f"SELECT (SELECT COUNT(*) FROM missing_episode e JOIN kids k ON k.id = e.child "
             f"WHERE {went} >= {s.number(w.first)} AND {went} < {s.number(w.last)}) AS numerator, "
             "(SELECT COALESCE(SUM(days), 0) FROM care) AS denominator, "
             "(SELECT COUNT(*) FROM care WHERE days > 0) AS population")
    return s


def missing_again(scope: Scope, w: Window, within_days: int = 90) -> Statement:
    """Returns in the period whose following days have all passed; those followed by another
    episode of the same child within them."""
    s = Statement()
    head = kids(s, scope)
    s.sql = (f"WITH {head}, eps AS (SELECT e.child, {s.days('e.went_missing_at')} AS went, "
             f"{s.days('e.returned_at')} AS back FROM missing_episode e JOIN kids k ON k.id = e.child), "
             "returns AS (SELECT r.child, CASE WHEN EXISTS (SELECT 1 FROM eps f WHERE f.child = r.child "
             f"AND f.went > r.back AND f.went <= r.back + {s.number(within_days)}) THEN 1 ELSE 0 END AS again "
             f"FROM eps r WHERE r.back >= {s.number(w.first)} AND r.back < {s.number(w.last)} "
             f"AND r.back + {s.number(within_days)} <= {s.number(epoch_days(w.now))}) "
             "SELECT COALESCE(SUM(again), 0) AS numerator, COUNT(*) AS denominator, "
             "COUNT(DISTINCT child) AS population FROM returns")
    return s


def _median_late(late_sql: str) -> str:
    """The median of a column `late` over rows `late_rows`, by ranks (neither engine shares a
    median function)."""
    return (f"ranked AS (SELECT late, ROW_NUMBER() OVER (ORDER BY late) AS rn, COUNT(*) OVER () AS n "
            f"FROM ({late_sql}) l)")


def check_ins_on_time(scope: Scope, w: Window, every_days: dict[str, int]) -> Statement:
    """Each contact at which the child was seen, and registration before the first, starts an
    interval (the plan's own, or the child's risk level's); its end is a due check-in. Dues in
    the period are on time when the next contact with the child seen came by then. An interval
    holding an excused contact is not counted: excused is not missed."""
    s = Statement()
    head = kids(s, scope)
    levels = " ".join(f"WHEN '{level}' THEN {s.number(every_days[level])}" for level in CHECK_IN_LEVELS)
    seen_at = s.days("ci.occurred_at")
    s.sql = (f"WITH {head}, every AS (SELECT id, came, gone, COALESCE(CAST(check_in_every_days AS double precision), "
             f"CASE risk_level {levels} ELSE {s.number(every_days['medium'])} END) AS every FROM kids), "
             f"seen AS (SELECT ci.child, {seen_at} AS at FROM check_in ci JOIN kids k ON k.id = ci.child "
             "WHERE ci.child_seen = true AND ci.excused = false), "
             "origins AS (SELECT id AS child, came AS at FROM kids UNION ALL SELECT child, at FROM seen), "
             "chain AS (SELECT o.child, o.at + e.every AS due, e.every, e.gone, "
             "LEAD(o.at) OVER (PARTITION BY o.child ORDER BY o.at) AS next FROM origins o JOIN every e ON e.id = o.child), "
             f"dues AS (SELECT child, due, next FROM chain d WHERE due >= {s.number(w.first)} "
             f"AND due < {s.number(w.last)} AND due < gone AND NOT EXISTS (SELECT 1 FROM check_in x "
             f"WHERE x.child = d.child AND x.excused = true AND {s.days('x.occurred_at')} > d.due - d.every "
             f"AND {s.days('x.occurred_at')} <= d.due)), "
             f"{_median_late('SELECT next - due AS late FROM dues WHERE next > due')} "
             "SELECT (SELECT COALESCE(SUM(CASE WHEN next <= due THEN 1 ELSE 0 END), 0) FROM dues) AS numerator, "
             "(SELECT COUNT(*) FROM dues) AS denominator, (SELECT COUNT(DISTINCT child) FROM dues) AS population, "
             "(SELECT AVG(late) FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2)) AS median_late")
    return s


def _review_dues(s: Statement, scope: Scope, w: Window, cadence) -> str:
    """Registration and each review start the wait for the next review: the first is due 20
    working days after registration, the second 3 months after the first, then at the plan's
    own cadence in days or every 6 calendar months (the settings' numbers)."""
    head = kids(s, scope)
    first_due = s.add_working_days("o.on_day", cadence.first_review_working_days)
    second_due = s.add_months("o.on_day", s.integer(cadence.second_review_months))
    later_due = (f"COALESCE({s.add_days('o.on_day', 'o.every_days')}, "
                 f"{s.add_months('o.on_day', s.integer(cadence.review_every_months))})")
    return (f"WITH {head}, origins AS (SELECT id AS child, registered_on AS on_day, 0 AS k, "
            "CAST(NULL AS integer) AS every_days FROM kids UNION ALL "
            "SELECT r.child, r.reviewed_on, ROW_NUMBER() OVER (PARTITION BY r.child ORDER BY r.reviewed_on, r.recorded_at), "
            "p.review_every_days FROM review r JOIN kids k ON k.id = r.child JOIN care_plan p ON p.id = r.plan), "
            "chain AS (SELECT o.child, o.k, CASE WHEN o.k = 0 THEN "
            f"{first_due} WHEN o.k = 1 THEN {second_due} ELSE {later_due} END AS due, "
            "LEAD(o.on_day) OVER (PARTITION BY o.child ORDER BY o.k) AS next FROM origins o), "
            f"dues AS (SELECT c.child, c.k, c.due, c.next FROM chain c JOIN kids k ON k.id = c.child "
            f"WHERE c.due >= {s.date(w.start)} AND c.due < {s.date(w.last_day)} "
            "AND (k.gone_on IS NULL OR c.due < k.gone_on)) ")


def reviews_on_time(scope: Scope, w: Window, cadence) -> Statement:
    s = Statement()
    s.sql = (_review_dues(s, scope, w, cadence)
             + "SELECT COALESCE(SUM(CASE WHEN next <= due THEN 1 ELSE 0 END), 0) AS numerator, "
               "COUNT(*) AS denominator, COUNT(DISTINCT child) AS population FROM dues")
    return s


def first_review_in_window(scope: Scope, w: Window, cadence) -> Statement:
    s = Statement()
    s.sql = (_review_dues(s, scope, w, cadence)
             + "SELECT COALESCE(SUM(CASE WHEN next <= due THEN 1 ELSE 0 END), 0) AS numerator, "
               "COUNT(*) AS denominator, COUNT(DISTINCT child) AS population FROM dues WHERE k = 0")
    return s


def developmental_checks_on_time(scope: Scope, w: Window, ages, within_days: int, *, full_term_weeks: int,
                                 corrected_up_to_weeks: int, correct_until_months: int) -> Statement:
    """Each check age (the CDC checkpoints, then every few months to 18) reached while in care
    is a due check, reached by the age used (corrected for babies born early, until the
    correction ends, as `milestones.ages.reaches`). Dues in the period whose days to act have
    passed; on time when an assessment is dated from the due day to `within_days` after it."""
    s = Statement()
    head = kids(s, scope)
    checks = ", ".join(f"({int(m)})" for m in ages)
    term, until = s.integer(full_term_weeks), s.integer(correct_until_months)
    corrected = s.add_months(s.add_days("k.birth_date", f"({term} - k.gestational_age_weeks) * 7"), "a.months")
    plain = s.add_months("k.birth_date", "a.months")
    ends = s.add_months("k.birth_date", until)
    corrects = f"k.gestational_age_weeks IS NOT NULL AND k.gestational_age_weeks <= {s.integer(corrected_up_to_weeks)}"
    due = (f"CASE WHEN {corrects} AND {corrected} < {ends} THEN {corrected} "
           f"WHEN {corrects} THEN {s.greatest(plain, ends)} ELSE {plain} END")
    window_open = s.add_days("d.due", s.integer(within_days))
    s.sql = (f"WITH {head}, ages(months) AS (VALUES {checks}), "
             f"dues AS (SELECT k.id AS child, k.registered_on, k.gone_on, {due} AS due FROM kids k CROSS JOIN ages a "
             f"WHERE {plain} >= {s.date(w.start - dt.timedelta(days=200))} AND {plain} < {s.date(w.end)}), "
             f"counted AS (SELECT d.child, CASE WHEN EXISTS (SELECT 1 FROM assessment x WHERE x.child = d.child "
             f"AND x.assessed_on >= d.due AND x.assessed_on <= {window_open}) THEN 1 ELSE 0 END AS done "
             f"FROM dues d WHERE d.due >= {s.date(w.start)} AND d.due < {s.date(w.end)} "
             f"AND d.due >= d.registered_on AND (d.gone_on IS NULL OR d.due < d.gone_on) "
             f"AND {s.add_days('d.due', s.integer(within_days))} < {s.date(w.today)}) "
             "SELECT COALESCE(SUM(done), 0) AS numerator, COUNT(*) AS denominator, "
             "COUNT(DISTINCT child) AS population FROM counted")
    return s
