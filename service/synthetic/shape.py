"""The shape of a synthetic caseload, as rows ready for bulk insertion.

Deterministic for a seed and `now`: one seeded generator draws every fact in the same order
(record ids come from a second one, so a later run on the same database gets new ids but the
same children). Children are registered evenly over the five years before `now`, in case
number order; each has a history of placements, check-ins, a care plan with reviews, the odd
missing episode, and developmental assessments for the under-fives against the real CDC
checklist items.

The precomputed columns on `child` (last seen, check-in due, next review due) are computed by
the same pure rules the service uses (`care_plans/cadence.py`) from the rows written, so a
recomputation over the generated children changes nothing.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from care_plans import cadence as rules
from milestones import catalogue
from milestones.ages import age_on, whole_months
from service.synthetic import words as w

UTC = dt.timezone.utc
DAY = dt.timedelta(days=1)
YEARS_OF_REGISTRATIONS = 5
CHILDREN_PER_TEAM = 500
CHILDREN_PER_CASEWORKER = 25
CHILDREN_PER_THERAPIST = 150
UNDER_FIVE_SHARE = 0.35
PRETERM_SHARE = 0.12  # of the under-fives
CHECK_IN_EVERY_DAYS = 45  # on average over a child's time in care: about 20 check-ins a child
LAPSED_SHARE = 0.12  # children whose visits stopped weeks ago
STILL_MISSING_EVERY = 100  # one child in this many is missing now
OVERDUE_REVIEW_SHARE = 0.04
ASSESSMENT_EVERY_DAYS = 90
ASSESSMENTS_KEPT = 3  # the latest few of each under-five
MOVES = (0,) * 4 + (1,) * 3 + (2,) * 2 + (3,)  # placements after the first: 40/30/20/10 %
AGAIN = ("achieved", "achieved", "emerging")  # an item not yet achieved, looked at again
RISK_LEVEL = "medium"  # the scan sets the real level; the due dates are computed for this one

# Insertion order is foreign-key order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "team": ("id", "name", "created_at"),
    "haven_user": ("id", "username", "full_name", "email", "role", "team", "password_hash",
                   "active", "created_at"),
    "child": ("id", "case_number", "display_name", "birth_date", "birth_date_estimated",
              "gestational_age_weeks", "sex", "documentation_status", "languages", "caseworker",
              "team", "status", "risk_level", "check_in_every_days", "registered_at",
              "last_seen_at", "check_in_due_at", "next_review_due", "updated_at"),
    "care_team_member": ("id", "child", "user", "added_at"),
    "placement": ("id", "child", "kind", "started_on", "ended_on", "planned", "reason",
                  "location", "recorded_by", "recorded_at"),
    "check_in": ("id", "child", "occurred_at", "mode", "child_seen", "seen_alone", "notes",
                 "excused", "excuse_reason", "recorded_by", "recorded_at"),
    "missing_episode": ("id", "child", "went_missing_at", "returned_at", "notes", "recorded_by",
                        "recorded_at"),
    "care_plan": ("id", "child", "version", "status", "review_every_days", "check_in_every_days",
                  "child_views", "child_views_not_obtained_reason", "services", "created_by",
                  "created_at", "updated_at", "submitted_at", "approved_by", "approved_at",
                  "next_review_due"),
    "care_plan_goal": ("id", "plan", "domain", "description", "target_date", "position"),
    "review": ("id", "plan", "child", "reviewed_on", "summary", "child_views",
               "child_views_not_obtained_reason", "outcome", "recorded_by", "recorded_at"),
    "assessment": ("id", "child", "assessed_on", "assessed_by", "notes", "created_at"),
    "observation": ("id", "assessment", "milestone", "status"),
    "audit_entry": ("id", "at", "actor", "actor_role", "action", "record_type", "record_id",
                    "child_id", "source"),
}

Rows = dict[str, list[tuple]]


def empty_rows() -> Rows:
    return {table: [] for table in COLUMNS}


EPOCH = dt.date(1970, 1, 1).toordinal()


class Codec:
    """How an engine takes instants and dates: PostgreSQL as Python objects; SQLite as text
    in piccolo's format (UTC, `2027-03-01 09:00:00+00:00`). Instants on a whole minute are
    also taken as epoch seconds (`stamp`), the cheap form for the many check-ins."""

    text = False

    def instant(self, value: dt.datetime):
        return value

    def day(self, value: dt.date):
        return value

    def stamp(self, seconds: int):
        return dt.datetime.fromtimestamp(seconds, UTC)

    def at(self, day: dt.date, minute: int):
        """That day at that minute (from midnight, UTC)."""
        return self.stamp((day.toordinal() - EPOCH) * 86400 + minute * 60)


class TextCodec(Codec):
    text = True

    def __init__(self):
        self.days: dict[int, str] = {}
        self.minutes = [f"{m // 60:02d}:{m % 60:02d}:00+00:00" for m in range(1440)]

    def instant(self, value: dt.datetime) -> str:
        if value.microsecond or value.second:
            return str(value.astimezone(UTC))
        return self.stamp(int(value.timestamp()))

    def day(self, value: dt.date) -> str:
        return value.isoformat()

    def stamp(self, seconds: int) -> str:
        days, rest = divmod(int(seconds), 86400)
        text = self.days.get(days)
        if text is None:
            text = self.days[days] = dt.date.fromordinal(EPOCH + days).isoformat() + " "
        return text + self.minutes[rest // 60]


SQLITE, POSTGRES = TextCodec(), Codec()


def id_maker(rng: random.Random, ordered: bool = False) -> Callable[[], str]:
    """Version-4 UUIDs as text, drawn from `rng` (so repeatable), made a thousand at a time.

    `ordered`: the first 48 bits count up from a random start (as UUIDv7's timestamp does),
    for the many rows nothing refers to (check-ins, observations, reviews…): their primary
    key index is then appended to instead of updated all over, about twice as fast to load.
    Ids that other rows refer to (children, plans, assessments) stay random, as the service
    makes them, so joins meet the same scattered keys as in use."""
    start = rng.getrandbits(46)

    def ids():
        n = start
        while True:
            h = rng.randbytes(16_000).hex()
            if ordered:
                yield from [f"{p[:8]}-{p[8:]}-4{h[i + 13:i + 16]}-{VARIANT[h[i + 16]]}{h[i + 17:i + 20]}-{h[i + 20:i + 32]}"
                            for p, i in zip(map("{:012x}".format, range(n, n + 1000)), range(0, 32_000, 32))]
                n += 1000
                continue
            yield from [f"{h[i:i + 8]}-{h[i + 8:i + 12]}-4{h[i + 13:i + 16]}-"
                        f"{VARIANT[h[i + 16]]}{h[i + 17:i + 20]}-{h[i + 20:i + 32]}"
                        for i in range(0, 32_000, 32)]

    return ids().__next__


VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}


# -- staff -----------------------------------------------------------------------------------

@dataclass
class Member:
    id: str
    username: str
    role: str


@dataclass
class Team:
    id: str
    name: str
    supervisor: Member | None = None
    caseworkers: list[Member] = field(default_factory=list)
    therapists: list[Member] = field(default_factory=list)


@dataclass
class Staff:
    teams: list[Team]
    caseworkers: list[tuple[Member, Team]]  # in the order children are shared out
    rows: Rows


def staff(count: int, prefix: str, new_id, now: dt.datetime, password_hash: str,
          codec: Codec) -> Staff:
    """A team per ~500 children, each with a supervisor, caseworkers for ~25 children each and
    therapists for its under-fives; one admin. Usernames start with `prefix`."""
    n_teams = max(1, math.ceil(count / CHILDREN_PER_TEAM))
    n_workers = max(1, math.ceil(count / CHILDREN_PER_CASEWORKER))
    rows, created = empty_rows(), codec.instant(now)
    teams = [Team(new_id(), f"{prefix}.t{t + 1:03d}") for t in range(n_teams)]
    workers = []
    for j in range(n_workers):
        team = teams[j * n_teams // n_workers]
        workers.append((_member(f"{team.name}.cw{len(team.caseworkers) + 1:03d}", "caseworker", new_id), team))
        team.caseworkers.append(workers[-1][0])
    for team in teams:
        team.supervisor = _member(f"{team.name}.supervisor", "supervisor", new_id)
        children = count * len(team.caseworkers) // n_workers
        team.therapists = [_member(f"{team.name}.th{k + 1:02d}", "therapist", new_id)
                           for k in range(max(1, math.ceil(children / CHILDREN_PER_THERAPIST)))]
        rows["team"].append((team.id, team.name, created))
    admin = _member(f"{prefix}.admin", "admin", new_id)
    rows["haven_user"].append(_user_row(admin, None, password_hash, created))
    for team in teams:  # the supervisor first: the first supervisor added to a team leads it
        for m in (team.supervisor, *team.caseworkers, *team.therapists):
            rows["haven_user"].append(_user_row(m, team.id, password_hash, created))
    return Staff(teams, workers, rows)


def _member(username: str, role: str, new_id) -> Member:
    return Member(new_id(), username, role)


def _user_row(m: Member, team_id, password_hash: str, created) -> tuple:
    full_name = m.username.replace(".", " ").title()
    return (m.id, m.username, full_name, f"{m.username}@synthetic.haven.invalid", m.role, team_id,
            password_hash, True, created)


# -- children --------------------------------------------------------------------------------

CHECKPOINT_ITEMS: dict[int, tuple[str, ...]] = {
    c: tuple(i.code for i in catalogue.items() if i.age_months == c) for c in catalogue.CHECKPOINTS
}


class Caseload:
    """Generates `count` children in numbered chunks of `size`, each chunk a dict of rows per
    table. A chunk depends only on the seed and its number, so several processes can each
    generate some of the chunks and the result is the same."""

    def __init__(self, count: int, seed: int, now: dt.datetime, cadence: rules.Cadence,
                 staff: Staff, counters: dict[int, int], codec: Codec, ids_seed: str, size: int):
        self.count, self.seed, self.now, self.cadence, self.staff = count, seed, now, cadence, staff
        self.codec, self.ids_seed, self.size = codec, ids_seed, size
        self.counters = dict(counters)  # year -> the last case number issued before this data set
        self.today = now.date()
        self.five_ago = rules.add_months(self.today, -60)
        self.eighteen_ago = rules.add_months(self.today, -216)
        self.span_days = round(YEARS_OF_REGISTRATIONS * 365.25)
        self.first_day = self.today - dt.timedelta(days=self.span_days)
        self.now_ts = now.timestamp()
        self.first_reviews: dict[dt.date, dt.date] = {}
        self.first_of_year: dict[int, int] = {}

    @property
    def chunk_count(self) -> int:
        return math.ceil(self.count / self.size)

    def chunk(self, k: int) -> Rows:
        self.rng = random.Random(f"{self.seed}:{k}")
        self.new_id = id_maker(random.Random(f"{self.ids_seed}:{k}"))  # ids other rows refer to
        self.row_id = id_maker(random.Random(f"{self.ids_seed}:{k}:rows"), ordered=True)
        self.rows = empty_rows()
        for i in range(k * self.size, min((k + 1) * self.size, self.count)):
            self._child(i)
        return self.rows

    def pick(self, seq):
        return seq[int(self.rng.random() * len(seq))]

    def randint(self, low: int, high: int) -> int:
        """Like `random.randint`, at a fraction of its cost."""
        return low + int(self.rng.random() * (high - low + 1))

    # Each step appends its rows; `c` carries what later steps need to know about the child.
    def _child(self, i: int) -> None:
        rng, new_id = self.rng, self.new_id
        worker, team = self.staff.caseworkers[i % len(self.staff.caseworkers)]
        c = _Child(new_id(), worker, team, self._registered(i))
        c.born, c.weeks, c.estimated = self._birth(c.registered)
        c.months = whole_months(c.born, self.today)
        c.four = rules.add_months(c.born, 48)
        c.therapist = team.therapists[i % len(team.therapists)] if c.months < 60 else None
        c.band = "infant" if c.months < 36 else "child" if c.months < 156 else "teen"
        missing = self._missing(c, i)
        current = self._placements(c)
        self._plan(c)
        self._check_ins(c, missing)
        self._assessments(c)
        due = rules.check_in_due(self.cadence, registered_at=c.registered, last_seen_at=c.last_seen,
                                 risk_level=RISK_LEVEL, plan_days=c.check_in_days,
                                 placement=current, excused=c.excused)
        review_due = (rules.next_review_due(self.cadence, c.registered.date(), c.reviews, c.review_every_days)
                      if c.reviews else self._first_review(c.registered.date()))
        if c.plan_row is not None:  # the plan in force carries the child's next review date
            plans = self.rows["care_plan"]
            plans[c.plan_row] = plans[c.plan_row][:-1] + (self.codec.day(review_due),)
        self._child_row(c, i, rng, due, review_due)
        self._audit(c)

    def _first_review(self, registered_on: dt.date) -> dt.date:
        """The same as the rule's date for a child with no review yet, counted once a day
        (children registered on the same day share it)."""
        due = self.first_reviews.get(registered_on)
        if due is None:
            due = self.first_reviews[registered_on] = rules.next_review_due(
                self.cadence, registered_on, [], None)
        return due

    def _registered(self, i: int) -> dt.datetime:
        """Evenly over the years, in order (so case numbers follow registration), in working
        hours; the i-th child's instant depends on i alone."""
        pos = i * self.span_days / self.count
        day = int(pos)
        minutes = 9 * 60 + int((pos - day) * 8 * 60)
        return rules.start_of(self.first_day + dt.timedelta(days=day)) + dt.timedelta(minutes=minutes)

    def _case_number(self, i: int, year: int) -> str:
        """HV-<year>-<serial>, counting from the first child registered that year (found by
        bisection: registration instants grow with i) after those issued before."""
        first = self.first_of_year.get(year)
        if first is None:
            first = self.first_of_year[year] = bisect.bisect_left(
                range(self.count), year, key=lambda j: self._registered(j).year)
        return f"HV-{year}-{self.counters.get(year, 0) + i - first + 1:06d}"

    def _birth(self, registered: dt.datetime) -> tuple[dt.date, int | None, bool]:
        rng, on = self.rng, registered.date()
        if rng.random() < UNDER_FIVE_SHARE and on > self.five_ago:
            low, high = self.five_ago + DAY, on
        else:
            low, high = self.eighteen_ago + DAY, min(on, self.five_ago)
        born = low + dt.timedelta(days=self.randint(0, (high - low).days))
        young = born > self.five_ago
        weeks = None
        roll = rng.random()
        if young and roll < PRETERM_SHARE:
            weeks = self.randint(27, 36)
        elif young and roll < 0.45:
            weeks = self.randint(37, 41)
        estimated = rng.random() < (0.1 if young else 0.25)
        if estimated:  # an estimated birth date is usually recorded as the 1st
            guess = born.replace(day=1) if young else born.replace(month=1, day=1)
            estimated = guess >= low
            born = guess if estimated else born
        return born, weeks, estimated

    def _missing(self, c: "_Child", i: int) -> list[tuple[dt.datetime, dt.datetime | None]]:
        """Closed episodes of a few days for some children; one child in a hundred missing now."""
        rng, codec, span = self.rng, self.codec, (self.now - c.registered).days
        episodes = []
        roll = rng.random()
        count = 2 if roll < 0.03 else 1 if roll < 0.12 else 0
        for _ in range(count if span > 30 else 0):
            went = rules.start_of(c.registered.date() + dt.timedelta(days=self.randint(10, span - 10)))
            went += dt.timedelta(hours=self.randint(16, 23))
            back = went + dt.timedelta(hours=self.randint(14, 96))
            if back < self.now - DAY:
                episodes.append((went, back))
        if i % STILL_MISSING_EVERY == STILL_MISSING_EVERY // 3:
            hours = min(self.randint(20, 240), max(2, int((self.now - c.registered).total_seconds() // 3600) - 1))
            episodes.append(((self.now - dt.timedelta(hours=hours)).replace(second=0, microsecond=0), None))
        episodes.sort(key=lambda e: e[0])
        for went, back in episodes:
            self.rows["missing_episode"].append((
                self.row_id(), c.id, codec.instant(went), back and codec.instant(back),
                w.RETURN_NOTES if back else w.MISSING_NOTES, c.worker.id,
                codec.instant(min(went + dt.timedelta(hours=2), self.now))))
        return episodes

    def _placements(self, c: "_Child") -> rules.PlacementChange:
        """The first placement on the day of registration, then up to three moves; the current
        one has no end."""
        rng, codec = self.rng, self.codec
        span = (self.today - c.registered.date()).days
        moves = self.pick(MOVES) if span > 30 else 0
        starts = sorted({c.registered.date() + dt.timedelta(days=self.randint(14, span - 1))
                         for _ in range(moves)})
        starts = [(c.registered.date(), rng.random() < 0.3)] + [(d, rng.random() < 0.7) for d in starts]
        for n, (on, planned) in enumerate(starts):
            ends = starts[n + 1][0] if n + 1 < len(starts) else None
            kinds = w.FIRST_KINDS[c.band] if n == 0 else w.LATER_KINDS[c.band]
            kind = self.pick(kinds)
            if kind == "independent" and c.months < 192:
                kind = "foster"
            reason = "" if n == 0 else self.pick(w.MOVE_REASONS[planned])
            location = (f"{kind.title()} placement, {self.randint(1, 120)} "
                        f"{self.pick(w.STREETS)} ({self.pick(w.DISTRICTS)} district)")
            recorded = min(rules.start_of(on) + dt.timedelta(hours=self.randint(10, 18)), self.now)
            self.rows["placement"].append((
                self.row_id(), c.id, kind, codec.day(on), ends and codec.day(ends), planned, reason,
                location, c.worker.id, codec.instant(recorded)))
        on, planned = starts[-1]
        return rules.PlacementChange(on, planned)

    def _check_ins(self, c: "_Child", missing: list) -> None:
        """About one every six weeks over the time in care, the latest recent for most children;
        a few excused (with a reason) or with the child not seen; none while missing.
        Instants are whole minutes in working hours, handled as epoch seconds for speed."""
        rnd, stamp, now_ts = self.rng.random, self.codec.stamp, int(self.now_ts) // 60 * 60
        reg_ts = int(c.registered.timestamp())
        stop_ts = now_ts - 86400 * (15 + 45 * rnd() if rnd() < LAPSED_SHARE else 0.1 + 12 * rnd())
        open_since = [went for went, back in missing if back is None]
        if open_since:
            stop_ts = min(stop_ts, open_since[0].timestamp() - 86400 * (1 + 5 * rnd()))
        closed = [(went.timestamp(), back.timestamp()) for went, back in missing if back is not None]
        if stop_ts <= reg_ts + 3600:
            return
        width = stop_ts - reg_ts
        k = max(1, round(width / 86400 / CHECK_IN_EVERY_DAYS * (0.8 + 0.4 * rnd())))
        stamps = sorted([reg_ts + rnd() * width for _ in range(k - 1)])
        stamps.append(stop_ts)
        rows, worker, child, older, new_id = self.rows["check_in"], c.worker.id, c.id, c.months >= 96, self.row_id
        last_seen = None
        for t in stamps:
            day = t // 86400 * 86400
            t = int(min(max(day + 32400 + (t - day) / 3, reg_ts + 600), now_ts - 60)) // 60 * 60
            if closed and any(went <= t <= back for went, back in closed):
                continue
            at = stamp(t)
            recorded = stamp(t + 7200 if t + 7200 < now_ts else now_ts)
            roll = rnd()
            if roll < 0.04:
                c.excused.append(dt.datetime.fromtimestamp(t, UTC))
                rows.append((new_id(), child, at, "", False, None, "", True,
                             w.EXCUSE_REASONS[int(roll * 1000) % len(w.EXCUSE_REASONS)], worker, recorded))
            elif roll < 0.09:
                rows.append((new_id(), child, at, "phone", False, None,
                             w.NOT_SEEN_NOTES[int(roll * 1000) % len(w.NOT_SEEN_NOTES)], False, "", worker, recorded))
            else:
                last_seen = t
                rows.append((new_id(), child, at, "video" if roll < 0.15 else "in_person", True,
                             True if older and roll < 0.9 else None,
                             w.VISIT_NOTES[int(roll * 10000) % len(w.VISIT_NOTES)], False, "", worker, recorded))
        if last_seen is not None:
            c.last_seen = dt.datetime.fromtimestamp(last_seen, UTC)

    def _plan(self, c: "_Child") -> None:
        """Drafted within a week of registration and, for most, approved and reviewed on time
        ever since; a few still in draft or waiting for approval, a few reviews overdue."""
        rng, codec = self.rng, self.codec
        drafted = c.registered + dt.timedelta(days=self.randint(3, 6), hours=2)
        if drafted >= self.now:
            return
        roll = rng.random()
        approved = drafted + dt.timedelta(days=3)
        status = ("draft" if roll < 0.03 else "submitted" if roll < 0.07 or approved >= self.now
                  else "active")
        if status == "submitted" and drafted + 2 * DAY >= self.now:
            status = "draft"
        every = 120 if rng.random() < 0.15 else None  # None: the default, in calendar months
        check_in_days = 7 if rng.random() < 0.1 else None
        views, not_obtained = self._views(c, drafted.date())
        band = "young" if c.months < 36 else "child" if c.months < 156 else "teen"
        services = w.SERVICES[band]
        plan_id = self.new_id()
        submitted = drafted + 2 * DAY if status != "draft" else None
        active = status == "active"
        self.rows["care_plan"].append((
            plan_id, c.id, {"draft": 1, "submitted": 2, "active": 3}[status], status, every,
            check_in_days, views, not_obtained,
            json.dumps(list(services[:self.randint(1, len(services))])), c.worker.id,
            codec.instant(drafted), codec.instant(approved if active else submitted or drafted),
            submitted and codec.instant(submitted), c.team.supervisor.id if active else None,
            codec.instant(approved) if active else None, None))
        goals = w.GOALS[band]
        for n in range(self.randint(2, len(goals))):
            domain, text = goals[n]
            target = codec.day(rules.add_months(drafted.date(), 6)) if n == 0 else None
            self.rows["care_plan_goal"].append((self.row_id(), plan_id, domain, text, target, n))
        if active:
            c.check_in_days, c.review_every_days = check_in_days, every
            c.plan_row = len(self.rows["care_plan"]) - 1
            self._reviews(c, plan_id, approved)

    def _views(self, c: "_Child", on: dt.date) -> tuple[str, str]:
        if on >= c.four:  # old enough to give views in words
            return self.pick(w.VIEWS), ""
        return "", w.TOO_YOUNG

    def _reviews(self, c: "_Child", plan_id: str, approved: dt.datetime) -> None:
        rng, codec, registered_on = self.rng, self.codec, c.registered.date()
        stops_after_first = rng.random() < OVERDUE_REVIEW_SHARE
        while not (stops_after_first and c.reviews):
            due = (rules.next_review_due(self.cadence, registered_on, c.reviews, c.review_every_days)
                   if c.reviews else self._first_review(registered_on))
            on = max(due - dt.timedelta(days=self.randint(0, 4)), approved.date() + DAY)
            if on >= self.today:
                return
            c.reviews.append(on)
            views, not_obtained = self._views(c, on)
            recorded = codec.at(on, self.randint(11 * 60, 17 * 60) // 15 * 15)
            self.rows["review"].append((
                self.row_id(), plan_id, c.id, codec.day(on),
                self.pick(w.REVIEW_SUMMARIES), views, not_obtained,
                "revise" if rng.random() < 0.1 else "continue", c.worker.id, recorded))

    def _assessments(self, c: "_Child") -> None:
        """Under-fives: the therapist's visit every three months from two weeks after
        registration (the latest few kept), each observing the items of the checkpoint reached
        at the age used (corrected for the preterm) and any earlier item not yet achieved.
        Older children: the latest six-monthly review in words, for most of them."""
        if c.therapist is None:
            self._review_in_words(c)
            return
        rng, first = self.rng, c.registered.date() + dt.timedelta(days=14)
        if first > self.today:
            return
        visits = (self.today - first).days // ASSESSMENT_EVERY_DAYS + 1
        status: dict[str, str] = {}
        for v in range(max(0, visits - ASSESSMENTS_KEPT), visits):
            day = first + dt.timedelta(days=v * ASSESSMENT_EVERY_DAYS)
            used = age_on(c.born, c.weeks, day).used_months
            reached = [m for m in catalogue.CHECKPOINTS if m <= used] or catalogue.CHECKPOINTS[:1]
            seen = {code: self.pick(AGAIN)
                    for code, s in status.items() if s != "achieved"}
            for code in CHECKPOINT_ITEMS[reached[-1]]:
                if code not in status:
                    roll = rng.random()
                    seen[code] = "achieved" if roll < 0.75 else "emerging" if roll < 0.9 else "not_yet"
            status.update(seen)
            aid = self._assessment(c, day, c.therapist, self.pick(w.ASSESSMENT_NOTES))
            self.rows["observation"].extend((self.row_id(), aid, code, s) for code, s in seen.items())

    def _review_in_words(self, c: "_Child") -> None:
        months = 60 + (c.months - 60) // 6 * 6  # the latest six-monthly check age reached
        day = max(rules.add_months(c.born, months) + dt.timedelta(days=self.randint(0, 10)),
                  c.registered.date() + dt.timedelta(days=14))
        if day <= self.today and self.rng.random() < 0.88:
            self._assessment(c, day, c.team.supervisor,
                             self.pick(w.REVIEW_IN_WORDS))

    def _assessment(self, c: "_Child", day: dt.date, by: Member, notes: str) -> str:
        aid = self.new_id()
        at = min(rules.start_of(day) + dt.timedelta(hours=10, minutes=30), self.now)
        self.rows["assessment"].append((aid, c.id, self.codec.day(day), by.id, notes, self.codec.instant(at)))
        return aid

    def _child_row(self, c: "_Child", i: int, rng: random.Random, due: dt.datetime,
                   review_due: dt.date) -> None:
        codec = self.codec
        name = f"{self.pick(w.GIVEN_NAMES)} {self.pick(w.INITIALS)}."
        roll = rng.random()
        sex = "female" if roll < 0.52 else "male" if roll < 0.97 else "intersex" if roll < 0.975 else "unknown"
        roll = rng.random()
        documents = ("none" if roll < 0.25 else "pending" if roll < 0.45 else "partial" if roll < 0.65
                     else "full" if roll < 0.9 else "unknown")
        languages = [self.pick(w.LANGUAGES)]
        if rng.random() < 0.3:
            languages.append("en")
        self.rows["child"].append((
            c.id, self._case_number(i, c.registered.year), name, codec.day(c.born), c.estimated,
            c.weeks, sex, documents, json.dumps(languages), c.worker.id, c.team.id, "active",
            RISK_LEVEL, c.check_in_days, codec.instant(c.registered),
            c.last_seen and codec.instant(c.last_seen), codec.instant(due), codec.day(review_due),
            codec.instant(self.now)))
        if c.therapist is not None:
            self.rows["care_team_member"].append((
                self.row_id(), c.id, c.therapist.id, codec.instant(min(c.registered + 2 * DAY, self.now))))

    def _audit(self, c: "_Child") -> None:
        self.rows["audit_entry"].append((
            self.row_id(), self.codec.instant(c.registered), c.worker.username, "caseworker",
            "child.register", "child", c.id, c.id, "synthetic"))


@dataclass
class _Child:
    id: str
    worker: Member
    team: Team
    registered: dt.datetime
    born: dt.date | None = None
    weeks: int | None = None
    estimated: bool = False
    months: int = 0
    band: str = "child"
    therapist: Member | None = None
    last_seen: dt.datetime | None = None
    excused: list[dt.datetime] = field(default_factory=list)
    reviews: list[dt.date] = field(default_factory=list)
    check_in_days: int | None = None
    review_every_days: int | None = None
    plan_row: int | None = None
    four: dt.date | None = None  # the fourth birthday
