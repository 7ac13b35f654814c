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
MAX_CHECK_IN_DAYS = 90  # the longest interval a plan may set (care_plans.schemas.CheckInDays)
MAX_REVIEW_DAYS = 366  # the longest review cadence a plan may set (care_plans.schemas.ReviewDays)
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
            f"{s.month_number('c.birth_date')} AS born, "
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


def _where(s: Statement, scope: Scope) -> str:
    """The scope as a condition on `child c` (its value kept each time it is written)."""
    return "1 = 1" if scope.kind == "service" else f"c.{scope.kind} = {s.value(scope.id)}"


def _gone(s: Statement) -> str:
    return f"CASE WHEN c.status = 'closed' THEN {s.days('c.updated_at')} ELSE {NEVER} END"


def check_ins_on_time(scope: Scope, w: Window, every_days: dict[str, int]) -> Statement:
    """Each contact at which the child was seen, and registration before the first, starts an
    interval (the plan's own, or the child's risk level's); its end is a due check-in. Dues in
    the period are on time when the next contact with the child seen came by then. An interval
    holding an excused contact is not counted: excused is not missed. Only contacts from the
    longest interval before the period on are read: no earlier one can fall due in it."""
    s = Statement()
    levels = " ".join(f"WHEN '{level}' THEN {s.number(every_days[level])}" for level in CHECK_IN_LEVELS)
    every = (f"COALESCE(CAST(c.check_in_every_days AS double precision), CASE c.risk_level {levels} "
             f"ELSE {s.number(every_days['medium'])} END)")
    since = clock.start_of_day(w.start) - dt.timedelta(days=max(MAX_CHECK_IN_DAYS, *every_days.values()))
    s.sql = (f"WITH origins AS (SELECT c.id AS child, {s.days('c.registered_at')} AS at, {every} AS every, "
             f"{_gone(s)} AS gone FROM child c WHERE {_where(s, scope)} AND c.registered_at >= {s.value(since)} "
             f"UNION ALL SELECT ci.child, {s.days('ci.occurred_at')}, {every}, {_gone(s)} FROM check_in ci "
             f"JOIN child c ON c.id = ci.child WHERE {_where(s, scope)} AND ci.child_seen = true "
             f"AND ci.excused = false AND ci.occurred_at >= {s.value(since)}), "
             "chain AS (SELECT child, at + every AS due, every, gone, "
             "LEAD(at) OVER (PARTITION BY child ORDER BY at) AS next FROM origins), "
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
    own cadence in days or every 6 calendar months (the settings' numbers). Only origins that
    could fall due in the period are read (a registration up to 40 days before it, a review up
    to the longest cadence before it); a review is the first when none came before it."""
    first_due = s.add_working_days("o.on_day", cadence.first_review_working_days)
    second_due = s.add_months("o.on_day", s.integer(cadence.second_review_months))
    later_due = (f"COALESCE({s.add_days('o.on_day', 'o.every_days')}, "
                 f"{s.add_months('o.on_day', s.integer(cadence.review_every_months))})")
    reach = max(MAX_REVIEW_DAYS, 31 * max(cadence.review_every_months, cadence.second_review_months))
    gone_on = f"CASE WHEN c.status = 'closed' THEN {s.local_date('c.updated_at')} ELSE NULL END"
    return (f"WITH origins AS (SELECT c.id AS child, {s.local_date('c.registered_at')} AS on_day, 0 AS k, "
            f"c.registered_at AS recorded_at, CAST(NULL AS integer) AS every_days, {gone_on} AS gone_on "
            f"FROM child c WHERE {_where(s, scope)} "
            f"AND c.registered_at >= {s.value(clock.start_of_day(w.start - dt.timedelta(days=40 + cadence.first_review_working_days * 2)))} "
            "UNION ALL SELECT r.child, r.reviewed_on, CASE WHEN EXISTS (SELECT 1 FROM review q WHERE q.child = r.child "
            "AND (q.reviewed_on < r.reviewed_on OR (q.reviewed_on = r.reviewed_on AND q.recorded_at < r.recorded_at))) "
            f"THEN 2 ELSE 1 END, r.recorded_at, p.review_every_days, {gone_on} FROM review r "
            f"JOIN child c ON c.id = r.child JOIN care_plan p ON p.id = r.plan WHERE {_where(s, scope)} "
            f"AND r.reviewed_on >= {s.date(w.start - dt.timedelta(days=reach))}), "
            "chain AS (SELECT o.child, o.k, o.gone_on, CASE WHEN o.k = 0 THEN "
            f"{first_due} WHEN o.k = 1 THEN {second_due} ELSE {later_due} END AS due, "
            "LEAD(o.on_day) OVER (PARTITION BY o.child ORDER BY o.on_day, o.k, o.recorded_at) AS next FROM origins o), "
            f"dues AS (SELECT child, k, due, next FROM chain WHERE due >= {s.date(w.start)} "
            f"AND due < {s.date(w.last_day)} AND (gone_on IS NULL OR due < gone_on)) ")


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
             f"WHERE a.months BETWEEN {_month(w.start) - 8} - k.born AND {_month(w.end) + 1} - k.born), "
             f"counted AS (SELECT d.child, CASE WHEN EXISTS (SELECT 1 FROM assessment x WHERE x.child = d.child "
             f"AND x.assessed_on >= d.due AND x.assessed_on <= {window_open}) THEN 1 ELSE 0 END AS done "
             f"FROM dues d WHERE d.due >= {s.date(w.start)} AND d.due < {s.date(w.end)} "
             f"AND d.due >= d.registered_on AND (d.gone_on IS NULL OR d.due < d.gone_on) "
             f"AND {s.add_days('d.due', s.integer(within_days))} < {s.date(w.today)}) "
             "SELECT COALESCE(SUM(done), 0) AS numerator, COUNT(*) AS denominator, "
             "COUNT(DISTINCT child) AS population FROM counted")
    return s


def _month(day: dt.date) -> int:
    return day.year * 12 + day.month


def concerns_followed_by_referral(scope: Scope, w: Window, within_days: int = 30) -> Statement:
    """Developmental concerns raised in the period (their alerts), whose days to act have
    passed; those followed by a referral of the same child within them."""
    s = Statement()
    raised = s.days("a.raised_at")
    s.sql = (f"WITH concerns AS (SELECT a.child, {raised} AS raised FROM alert a JOIN child c ON c.id = a.child "
             f"WHERE {_where(s, scope)} AND a.kind = 'developmental_concern' AND {raised} >= {s.number(w.first)} "
             f"AND {raised} < {s.number(w.last)} AND {raised} + {s.number(within_days)} <= {s.number(epoch_days(w.now))}), "
             "counted AS (SELECT k.child, CASE WHEN EXISTS (SELECT 1 FROM referral r WHERE r.child = k.child "
             f"AND {s.days('r.created_at')} >= k.raised AND {s.days('r.created_at')} <= k.raised + {s.number(within_days)}) "
             "THEN 1 ELSE 0 END AS done FROM concerns k) "
             "SELECT COALESCE(SUM(done), 0) AS numerator, COUNT(*) AS denominator, "
             "COUNT(DISTINCT child) AS population FROM counted")
    return s


def referrals_accepted(scope: Scope, w: Window) -> Statement:
    """Referrals sent in the period; those the receiving organisation accepted."""
    s = Statement()
    sent = s.days("r.sent_at")
    s.sql = ("WITH sent AS (SELECT r.child, CASE WHEN EXISTS (SELECT 1 FROM referral_step x WHERE x.referral = r.id "
             "AND x.state = 'accepted') THEN 1 ELSE 0 END AS done FROM referral r JOIN child c ON c.id = r.child "
             f"WHERE {_where(s, scope)} AND r.sent_at IS NOT NULL AND {sent} >= {s.number(w.first)} "
             f"AND {sent} < {s.number(w.last)}) "
             "SELECT COALESCE(SUM(done), 0) AS numerator, COUNT(*) AS denominator, "
             "COUNT(DISTINCT child) AS population FROM sent")
    return s


def referrals_completed(scope: Scope, w: Window) -> Statement:
    """Referrals that ended in the period (declined, closed or revoked); those closed, which
    only follows the service having started."""
    s = Statement()
    ended = s.days("x.at")
    s.sql = ("WITH ended AS (SELECT r.child, r.state FROM referral r JOIN child c ON c.id = r.child "
             f"JOIN referral_step x ON x.referral = r.id WHERE {_where(s, scope)} "
             f"AND x.state IN ('declined', 'closed', 'revoked') AND {ended} >= {s.number(w.first)} "
             f"AND {ended} < {s.number(w.last)}) "
             "SELECT COALESCE(SUM(CASE WHEN state = 'closed' THEN 1 ELSE 0 END), 0) AS numerator, "
             "COUNT(*) AS denominator, COUNT(DISTINCT child) AS population FROM ended")
    return s
