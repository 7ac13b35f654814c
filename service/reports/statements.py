"""One SQL statement per indicator, over every child in the scope at once.

Each is given one or more periods (the whole period first, then, for the trend, each month of
it) and returns one row per period, in their order: `p` (the period's index), `numerator`,
`denominator`, `population` (the children counted) and, for some, a `median_late` in days. The
rows a statement counts are found once, over the widest period, then put in each period they
fall in (a join to the `periods` table), so a twelve-month trend costs about one statement,
not twelve. The children in scope are a common table expression (`kids`)
with when they came into care and when they left it (a closed case: its last change), in days
since 1970, so a period's days in care are an overlap of two intervals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from care_plans.cadence import working_days_after_each
from service.reports.sql import Statement, epoch_days
from service import clock
from service.i18n import N_

NEVER = 1e9  # days since 1970 for "still in care"
MAX_CHECK_IN_DAYS = 90  # the longest interval a plan may set (care_plans.schemas.CheckInDays)
MAX_REVIEW_DAYS = 366  # the longest review cadence a plan may set (care_plans.schemas.ReviewDays)
CHECK_IN_LEVELS = ("critical", "high", "medium", "low")


@dataclass(frozen=True)
class Scope:
    """Which children: every child (`service`), a team's, or one caseworker's."""

    kind: str  # "service" | "team" | "caseworker"
    id: object = None  # the team's or caseworker's id
    label: str = N_("the whole service")


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


def spans(w: "Window | tuple[Window, ...]") -> tuple[Window, ...]:
    """The periods a statement is asked for: one window, or several seen from the same now."""
    return tuple(w) if isinstance(w, (tuple, list)) else (w,)


@dataclass(frozen=True)
class Reach:
    """The widest of several periods: what a statement reads before bucketing."""

    first: float
    last: float
    start: dt.date
    end: dt.date
    last_day: dt.date
    today: dt.date
    now: dt.datetime


def reach(ws: tuple[Window, ...]) -> Reach:
    return Reach(min(w.first for w in ws), max(w.last for w in ws), min(w.start for w in ws),
                 max(w.end for w in ws), max(w.last_day for w in ws), ws[0].today, ws[0].now)


def kids(s: Statement, scope: Scope, materialized: bool = False) -> str:
    """The children in scope, when they came into care and when they left. `materialized` when
    a statement reads each child many times over (else each time works out its columns again)."""
    where = "1 = 1" if scope.kind == "service" else f"c.{scope.kind} = {s.value(scope.id)}"
    return (f"kids AS {'MATERIALIZED ' if materialized else ''}(SELECT c.id, c.birth_date, c.gestational_age_weeks, "
            "c.risk_level, c.check_in_every_days, "
            f"{s.month_number('c.birth_date')} AS born, "
            f"{s.local_date('c.registered_at')} AS registered_on, {s.days('c.registered_at')} AS came, "
            f"CASE WHEN c.status = 'closed' THEN {s.days('c.updated_at')} ELSE {NEVER} END AS gone, "
            f"CASE WHEN c.status = 'closed' THEN {s.local_date('c.updated_at')} ELSE NULL END AS gone_on "
            f"FROM child c WHERE {where})")


def _care(s: Statement) -> str:
    """Each period's days in care of the children over `kids` and `periods`, and how many
    children spent any."""
    in_care = s.greatest("0", f"{s.least('k.gone', 'pr.p_last')} - {s.greatest('k.came', 'pr.p_first')}")
    return (f"care AS (SELECT pr.p, {in_care} AS days FROM kids k CROSS JOIN periods pr), "
            "care_by AS (SELECT p, COALESCE(SUM(days), 0) AS days, "
            "SUM(CASE WHEN days > 0 THEN 1 ELSE 0 END) AS children FROM care GROUP BY p)")


def _rate(counted: str) -> str:
    """Per period: the events counted (`counted(p)`) over the days in care (`care_by`)."""
    return ("SELECT pr.p, COALESCE(n.n, 0) AS numerator, COALESCE(c.days, 0) AS denominator, "
            f"COALESCE(c.children, 0) AS population FROM periods pr LEFT JOIN (SELECT p, COUNT(*) AS n FROM {counted} "
            "GROUP BY p) n ON n.p = pr.p LEFT JOIN care_by c ON c.p = pr.p ORDER BY pr.p")


def _share(counted: str, medians: bool = False) -> str:
    """Per period: the rows of `counted(p, child, done)` done, of all, and their children; with
    `medians`, also the median of `next - due` over its rows that came late (by ranks: neither
    engine shares a median function). One pass over `counted`: read from two places (a median
    beside the sums), SQLite worked it out twice, 7.5 s against 5.0 s at 100,000 children."""
    if not medians:
        sums = (f"SELECT p, SUM(done) AS done, COUNT(*) AS n, COUNT(DISTINCT child) AS children FROM {counted} x "
                "GROUP BY p")
    else:
        ranked = ("SELECT p, child, done, late, ROW_NUMBER() OVER (PARTITION BY p, late > 0 ORDER BY late) AS rn, "
                  f"COUNT(*) OVER (PARTITION BY p, late > 0) AS m FROM (SELECT p, child, done, next - due AS late "
                  f"FROM {counted}) l")
        sums = ("SELECT p, SUM(done) AS done, COUNT(*) AS n, COUNT(DISTINCT child) AS children, "
                "AVG(CASE WHEN late > 0 AND rn IN ((m + 1) / 2, (m + 2) / 2) THEN late END) AS median_late "
                f"FROM ({ranked}) x GROUP BY p")
    return ("SELECT pr.p, COALESCE(g.done, 0) AS numerator, COALESCE(g.n, 0) AS denominator, "
            f"COALESCE(g.children, 0) AS population{', g.median_late' if medians else ''} FROM periods pr "
            f"LEFT JOIN ({sums}) g ON g.p = pr.p ORDER BY pr.p")


def _in(day_sql: str, low: str, high: str) -> str:
    """A join of rows to the periods they fall in. CROSS JOIN keeps the rows the outer loop on
    SQLite (the periods, a dozen rows, are looked through for each), never the reverse, which
    would work the rows out again for each period; PostgreSQL reads it as a plain join."""
    return f"CROSS JOIN periods pr WHERE {day_sql} >= pr.{low} AND {day_sql} < pr.{high}"


def placement_stability(scope: Scope, w) -> Statement:
    """Moves: placements begun in the period that followed an earlier placement of the child."""
    ws, s = spans(w), Statement()
    r = reach(ws)
    s.sql = (f"WITH {kids(s, scope)}, {s.periods(ws)}, {_care(s)}, "
             "moves AS (SELECT pr.p FROM placement p JOIN kids k ON k.id = p.child "
             f"{_in('p.started_on', 'p_start', 'p_end')} "
             f"AND p.started_on >= {s.date(r.start)} AND p.started_on < {s.date(r.end)} "
             f"AND p.started_on <= {s.date(r.today)} AND EXISTS (SELECT 1 FROM placement q WHERE q.child = p.child "
             "AND (q.started_on < p.started_on OR (q.started_on = p.started_on AND q.recorded_at < p.recorded_at)))) "
             + _rate("moves"))
    return s


def missing_rate(scope: Scope, w) -> Statement:
    """Episodes begun in the period, over the children's years in care in it."""
    ws, s = spans(w), Statement()
    r = reach(ws)
    went = s.days("e.went_missing_at")
    s.sql = (f"WITH {kids(s, scope)}, {s.periods(ws)}, {_care(s)}, "
             f"began AS (SELECT pr.p FROM missing_episode e JOIN kids k ON k.id = e.child {_in(went, 'p_first', 'p_last')} "
             f"AND {went} >= {s.number(r.first)} AND {went} < {s.number(r.last)}) " + _rate("began"))
    return s


def missing_again(scope: Scope, w, within_days: int = 90) -> Statement:
    """Returns in the period whose following days have all passed; those followed by another
    episode of the same child within them. The later episodes are looked up child by child in
    the table's index: against the episodes as a set, each return read them all (8 s at
    100,000 children, 80 times as long as at 10,000)."""
    ws, s = spans(w), Statement()
    r = reach(ws)
    went = s.days("f.went_missing_at")
    s.sql = (f"WITH {kids(s, scope)}, {s.periods(ws)}, eps AS (SELECT e.child, "
             f"{s.days('e.returned_at')} AS back FROM missing_episode e JOIN kids k ON k.id = e.child), "
             "returns AS (SELECT r.child, r.back, CASE WHEN EXISTS (SELECT 1 FROM missing_episode f "
             f"WHERE f.child = r.child AND {went} > r.back AND {went} <= r.back + {s.number(within_days)}) "
             "THEN 1 ELSE 0 END AS done "
             f"FROM eps r WHERE r.back >= {s.number(r.first)} AND r.back < {s.number(r.last)} "
             f"AND r.back + {s.number(within_days)} <= {s.number(epoch_days(r.now))}), "
             f"counted AS (SELECT pr.p, x.child, x.done FROM returns x {_in('x.back', 'p_first', 'p_last')}) "
             + _share("counted"))
    return s


def _where(s: Statement, scope: Scope) -> str:
    """The scope as a condition on `child c` (its value kept each time it is written)."""
    return "1 = 1" if scope.kind == "service" else f"c.{scope.kind} = {s.value(scope.id)}"


def _gone(s: Statement) -> str:
    return f"CASE WHEN c.status = 'closed' THEN {s.days('c.updated_at')} ELSE {NEVER} END"


def check_ins_on_time(scope: Scope, w, every_days: dict[str, int]) -> Statement:
    """Each contact at which the child was seen, and registration before the first, starts an
    interval (the plan's own, or the child's risk level's); its end is a due check-in. Dues in
    the period are on time when the next contact with the child seen came by then. An interval
    holding an excused contact is not counted: excused is not missed. Only contacts from the
    longest interval before the period on are read: no earlier one can fall due in it."""
    ws, s = spans(w), Statement()
    r = reach(ws)
    periods = s.periods(ws)
    levels = " ".join(f"WHEN '{level}' THEN {s.number(every_days[level])}" for level in CHECK_IN_LEVELS)
    every = (f"COALESCE(CAST(c.check_in_every_days AS double precision), CASE c.risk_level {levels} "
             f"ELSE {s.number(every_days['medium'])} END)")
    since = clock.start_of_day(r.start) - dt.timedelta(days=max(MAX_CHECK_IN_DAYS, *every_days.values()))
    s.sql = (f"WITH {periods}, origins AS (SELECT c.id AS child, {s.days('c.registered_at')} AS at, {every} AS every, "
             f"{_gone(s)} AS gone FROM child c WHERE {_where(s, scope)} AND c.registered_at >= {s.value(since)} "
             f"UNION ALL SELECT ci.child, {s.days('ci.occurred_at')}, {every}, {_gone(s)} FROM check_in ci "
             f"JOIN child c ON c.id = ci.child WHERE {_where(s, scope)} AND ci.child_seen = true "
             f"AND ci.excused = false AND ci.occurred_at >= {s.value(since)}), "
             "chain AS (SELECT child, at + every AS due, every, gone, "
             "LEAD(at) OVER (PARTITION BY child ORDER BY at) AS next FROM origins), "
             f"dues AS (SELECT child, due, next FROM chain d WHERE due >= {s.number(r.first)} "
             f"AND due < {s.number(r.last)} AND due < gone AND NOT EXISTS (SELECT 1 FROM check_in x "
             f"WHERE x.child = d.child AND x.excused = true AND {s.days('x.occurred_at')} > d.due - d.every "
             f"AND {s.days('x.occurred_at')} <= d.due)), "
             "counted AS (SELECT pr.p, d.child, d.due, d.next, CASE WHEN d.next <= d.due THEN 1 ELSE 0 END AS done "
             f"FROM dues d {_in('d.due', 'p_first', 'p_last')}) "
             + _share("counted", medians=True))
    return s


def _review_dues(s: Statement, scope: Scope, ws: tuple[Window, ...], cadence) -> str:
    """Registration and each review start the wait for the next review: the first is due 20
    working days after registration, the second 3 months after the first, then at the plan's
    own cadence in days or every 6 calendar months (the settings' numbers). Only origins that
    could fall due in the period are read (a registration up to 40 days before it, a review up
    to the longest cadence before it); a review is the first when none came before it."""
    r = reach(ws)
    periods = s.periods(ws)
    second_due = s.add_months("o.on_day", s.integer(cadence.second_review_months))
    later_due = (f"COALESCE({s.add_days('o.on_day', 'o.every_days')}, "
                 f"{s.add_months('o.on_day', s.integer(cadence.review_every_months))})")
    longest = max(MAX_REVIEW_DAYS, 31 * max(cadence.review_every_months, cadence.second_review_months))
    gone_on = _gone_on(s)
    return (f"WITH {periods}, {_first_dues(s, r, cadence)}, origins AS (SELECT c.id AS child, "
            f"{s.local_date('c.registered_at')} AS on_day, 0 AS k, c.registered_at AS recorded_at, "
            f"CAST(NULL AS integer) AS every_days, {gone_on} AS gone_on "
            f"FROM child c WHERE {_where(s, scope)} AND c.registered_at >= {s.value(_first_due_from(r, cadence))} "
            "UNION ALL SELECT r.child, r.reviewed_on, CASE WHEN EXISTS (SELECT 1 FROM review q WHERE q.child = r.child "
            "AND (q.reviewed_on < r.reviewed_on OR (q.reviewed_on = r.reviewed_on AND q.recorded_at < r.recorded_at))) "
            f"THEN 2 ELSE 1 END, r.recorded_at, p.review_every_days, {gone_on} FROM review r "
            f"JOIN child c ON c.id = r.child JOIN care_plan p ON p.id = r.plan WHERE {_where(s, scope)} "
            f"AND r.reviewed_on >= {s.date(r.start - dt.timedelta(days=longest))}), "
            "chain AS (SELECT o.child, o.k, o.gone_on, CASE WHEN o.k = 0 THEN "
            f"f.due WHEN o.k = 1 THEN {second_due} ELSE {later_due} END AS due, "
            "LEAD(o.on_day) OVER (PARTITION BY o.child ORDER BY o.on_day, o.k, o.recorded_at) AS next FROM origins o "
            "LEFT JOIN first_dues f ON o.k = 0 AND f.on_day = o.on_day), "
            f"dues AS (SELECT child, k, due, next FROM chain WHERE due >= {s.date(r.start)} "
            f"AND due < {s.date(r.last_day)} AND (gone_on IS NULL OR due < gone_on)), "
            "counted AS (SELECT pr.p, d.child, d.k, CASE WHEN d.next <= d.due THEN 1 ELSE 0 END AS done "
            f"FROM dues d {_in('d.due', 'p_start', 'p_day')}) ")


def _gone_on(s: Statement) -> str:
    return f"CASE WHEN c.status = 'closed' THEN {s.local_date('c.updated_at')} ELSE NULL END"


def _first_due_from(r: Reach, cadence) -> dt.datetime:
    """The earliest registration whose first review could fall due in the period."""
    return clock.start_of_day(_first_registration_day(r, cadence))


def _first_registration_day(r: Reach, cadence) -> dt.date:
    return r.start - dt.timedelta(days=40 + cadence.first_review_working_days * 2)


def _first_dues(s: Statement, r: Reach, cadence) -> str:
    """`first_dues(on_day, due)`: each registration day in reach with its first review's due
    day, worked out as the service works it out (`care_plans.cadence.add_working_days`, the
    public holidays of HAVEN_REVIEW_HOLIDAYS included), so the report and the child's page
    name the same day, and a day to spare before the first registration in reach."""
    first = _first_registration_day(r, cadence) - dt.timedelta(days=1)
    return s.day_pairs("first_dues", working_days_after_each(
        first, r.last_day, cadence.first_review_working_days, cadence.holidays))


def reviews_on_time(scope: Scope, w, cadence) -> Statement:
    s = Statement()
    s.sql = _review_dues(s, scope, spans(w), cadence) + _share("counted")
    return s


def first_review_in_window(scope: Scope, w, cadence) -> Statement:
    """The first reviews of `_review_dues`, read on their own: due 20 working days after
    registration, and had by then when a review is dated from the registration day to the due
    day (the one that follows registration in that chain). No chain of every review to build:
    a whole service of 100,000 children in a tenth of the time."""
    ws, s = spans(w), Statement()
    r = reach(ws)
    periods = s.periods(ws)
    s.sql = (f"WITH {periods}, registered AS (SELECT c.id AS child, {s.local_date('c.registered_at')} AS on_day, "
             f"{_gone_on(s)} AS gone_on FROM child c WHERE {_where(s, scope)} "
             f"AND c.registered_at >= {s.value(_first_due_from(r, cadence))}), "
             f"{_first_dues(s, r, cadence)}, dues AS MATERIALIZED (SELECT o.child, o.on_day, o.gone_on, f.due "
             "FROM registered o JOIN first_dues f ON f.on_day = o.on_day), "
             "counted AS (SELECT pr.p, d.child, CASE WHEN EXISTS (SELECT 1 FROM review x WHERE x.child = d.child "
             "AND x.reviewed_on >= d.on_day AND x.reviewed_on <= d.due) THEN 1 ELSE 0 END AS done "
             f"FROM dues d {_in('d.due', 'p_start', 'p_day')} AND d.due >= {s.date(r.start)} "
             f"AND d.due < {s.date(r.last_day)} AND (d.gone_on IS NULL OR d.due < d.gone_on)) "
             + _share("counted"))
    return s


def developmental_checks_on_time(scope: Scope, w, ages, within_days: int, *, full_term_weeks: int,
                                 corrected_up_to_weeks: int, correct_until_months: int) -> Statement:
    """Each check age (the CDC checkpoints, then every few months to 18) reached while in care
    is a due check, reached by the age used (corrected for babies born early, until the
    correction ends, as `milestones.ages.reaches`). Dues in the period whose days to act have
    passed; on time when an assessment is dated from the due day to `within_days` after it."""
    ws, s = spans(w), Statement()
    r = reach(ws)
    head = kids(s, scope, materialized=True)  # a child a check age: 3.8 million pairs at 100,000 children
    periods = s.periods(ws)
    checks = ", ".join(f"({int(m)})" for m in ages)
    term, until = s.integer(full_term_weeks), s.integer(correct_until_months)
    corrected = s.add_months(s.add_days("k.birth_date", f"({term} - k.gestational_age_weeks) * 7"), "a.months")
    plain = s.add_months("k.birth_date", "a.months")
    ends = s.add_months("k.birth_date", until)
    corrects = f"k.gestational_age_weeks IS NOT NULL AND k.gestational_age_weeks <= {s.integer(corrected_up_to_weeks)}"
    due = (f"CASE WHEN {corrects} AND {corrected} < {ends} THEN {corrected} "
           f"WHEN {corrects} THEN {s.greatest(plain, ends)} ELSE {plain} END")
    window_open = s.add_days("d.due", s.integer(within_days))
    # Materialized, the children and the dues are each worked out once; inlined, both engines
    # worked a child's columns out again for each check age, and the date arithmetic again at
    # each mention of `d.due` (whole service of 100,000 children: SQLite 3.8 s against 1.0 s,
    # PostgreSQL 2.0 s against 0.6 s).
    s.sql = (f"WITH {head}, {periods}, ages(months) AS (VALUES {checks}), "
             f"dues AS MATERIALIZED (SELECT k.id AS child, k.registered_on, k.gone_on, {due} AS due FROM kids k CROSS JOIN ages a "
             f"WHERE a.months BETWEEN {_month(r.start) - 8} - k.born AND {_month(r.end) + 1} - k.born), "
             f"checked AS (SELECT d.child, d.due, CASE WHEN EXISTS (SELECT 1 FROM assessment x WHERE x.child = d.child "
             f"AND x.assessed_on >= d.due AND x.assessed_on <= {window_open}) THEN 1 ELSE 0 END AS done "
             f"FROM dues d WHERE d.due >= {s.date(r.start)} AND d.due < {s.date(r.end)} "
             f"AND d.due >= d.registered_on AND (d.gone_on IS NULL OR d.due < d.gone_on) "
             f"AND {s.add_days('d.due', s.integer(within_days))} < {s.date(r.today)}), "
             f"counted AS (SELECT pr.p, x.child, x.done FROM checked x {_in('x.due', 'p_start', 'p_end')}) "
             + _share("counted"))
    return s


def _month(day: dt.date) -> int:
    return day.year * 12 + day.month


def concerns_followed_by_referral(scope: Scope, w, within_days: int = 30) -> Statement:
    """Developmental concerns raised in the period (their alerts), whose days to act have
    passed; those followed by a referral of the same child within them."""
    ws, s = spans(w), Statement()
    r = reach(ws)
    periods = s.periods(ws)
    raised = s.days("a.raised_at")
    s.sql = (f"WITH {periods}, concerns AS (SELECT a.child, {raised} AS raised FROM alert a JOIN child c ON c.id = a.child "
             f"WHERE {_where(s, scope)} AND a.kind = 'developmental_concern' AND {raised} >= {s.number(r.first)} "
             f"AND {raised} < {s.number(r.last)} AND {raised} + {s.number(within_days)} <= {s.number(epoch_days(r.now))}), "
             "followed AS (SELECT k.child, k.raised, CASE WHEN EXISTS (SELECT 1 FROM referral r WHERE r.child = k.child "
             f"AND {s.days('r.created_at')} >= k.raised AND {s.days('r.created_at')} <= k.raised + {s.number(within_days)}) "
             "THEN 1 ELSE 0 END AS done FROM concerns k), "
             f"counted AS (SELECT pr.p, x.child, x.done FROM followed x {_in('x.raised', 'p_first', 'p_last')}) "
             + _share("counted"))
    return s


def referrals_accepted(scope: Scope, w) -> Statement:
    """Referrals sent in the period; those the receiving organisation accepted."""
    ws, s = spans(w), Statement()
    r = reach(ws)
    periods = s.periods(ws)
    sent = s.days("r.sent_at")
    s.sql = (f"WITH {periods}, sent AS (SELECT r.child, {sent} AS sent, CASE WHEN EXISTS (SELECT 1 FROM referral_step x "
             "WHERE x.referral = r.id AND x.state = 'accepted') THEN 1 ELSE 0 END AS done FROM referral r "
             f"JOIN child c ON c.id = r.child WHERE {_where(s, scope)} AND r.sent_at IS NOT NULL "
             f"AND {sent} >= {s.number(r.first)} AND {sent} < {s.number(r.last)}), "
             f"counted AS (SELECT pr.p, x.child, x.done FROM sent x {_in('x.sent', 'p_first', 'p_last')}) "
             + _share("counted"))
    return s


def referrals_completed(scope: Scope, w) -> Statement:
    """Referrals that ended in the period (declined, closed or revoked); those closed, which
    only follows the service having started."""
    ws, s = spans(w), Statement()
    r = reach(ws)
    periods = s.periods(ws)
    ended = s.days("x.at")
    s.sql = (f"WITH {periods}, ended AS (SELECT r.child, {ended} AS ended, "
             "CASE WHEN r.state = 'closed' THEN 1 ELSE 0 END AS done FROM referral r JOIN child c ON c.id = r.child "
             f"JOIN referral_step x ON x.referral = r.id WHERE {_where(s, scope)} "
             f"AND x.state IN ('declined', 'closed', 'revoked') AND {ended} >= {s.number(r.first)} "
             f"AND {ended} < {s.number(r.last)}), "
             f"counted AS (SELECT pr.p, x.child, x.done FROM ended x {_in('x.ended', 'p_first', 'p_last')}) "
             + _share("counted"))
    return s


def episode_duty_on_time(scope: Scope, w, instant: str, kind: str, within_hours: int) -> Statement:
    """Missing episodes whose `instant` (`went_missing_at` or `returned_at`) fell in the period
    and whose hours to act have passed; those whose duty of `kind` (care_plans.duties, a task
    of the episode) was done within them. A duty not recorded as done counts as not yet done."""
    ws, s = spans(w), Statement()
    r = reach(ws)
    periods = s.periods(ws)
    at, within = s.days(f"e.{instant}"), s.number(within_hours / 24)
    s.sql = (f"WITH {periods}, episodes AS (SELECT e.child, {at} AS at, CASE WHEN EXISTS (SELECT 1 FROM task t "
             f"WHERE t.episode = e.id AND t.kind = {s.value(kind)} AND t.done_at IS NOT NULL "
             f"AND {s.days('t.done_at')} <= {at} + {within}) THEN 1 ELSE 0 END AS done FROM missing_episode e "
             f"JOIN child c ON c.id = e.child WHERE {_where(s, scope)} AND e.{instant} IS NOT NULL "
             f"AND {at} >= {s.number(r.first)} AND {at} < {s.number(r.last)} "
             f"AND {at} + {within} <= {s.number(epoch_days(r.now))}), "
             f"counted AS (SELECT pr.p, x.child, x.done FROM episodes x {_in('x.at', 'p_first', 'p_last')}) "
             + _share("counted"))
    return s
