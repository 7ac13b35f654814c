"""The case half of the demo: forty children of every age with months of history.

Deterministic: a seeded random generator, and every date relative to `now`. Each child's
story is a list of dated events told through the same services the API uses (with `now` set
to when each event was recorded), so the precomputed due dates are exactly what the rules
make them and every write has its audit entry. All names are invented.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from care_plans import cadence as rules
from care_plans import demo_duties
from care_plans import care_team, check_ins, children, missing, placements, plans
from care_plans.demo_stories import (
    Person,
    check_in_note,
    excuse_reason,
    goals_for,
    location_for,
    people,
    placement_kinds,
    review_summary,
    services_for,
    views_for,
)
from care_plans.schemas import (
    CarePlanIn,
    CheckInIn,
    ChildIn,
    MissingIn,
    PlacementIn,
    ReviewIn,
)
from service import access, db
from service.access import Actor
from service.audit.services import Where, record
from service.settings import Settings

SEED = 20270301
DAY = dt.timedelta(days=1)


@dataclass
class Story:
    person: Person
    caseworker: Actor
    supervisor: Actor
    therapist: Actor | None
    registered_at: dt.datetime
    review_every_days: int | None
    events: list[tuple[dt.datetime, str, object]] = field(default_factory=list)

    def add(self, at: dt.datetime, kind: str, payload: object = None) -> None:
        self.events.append((at, kind, payload))

    def has(self, tag: str) -> bool:
        return tag in self.person.tags


async def fill(now: dt.datetime, staff: dict[str, dict]) -> int:
    """Register and tell every child's story; returns how many children were added."""
    rng = random.Random(SEED)
    cadence = rules.Cadence.from_settings(Settings.from_env())
    everyone = people(now)
    for i, person in enumerate(everyone):
        story = _story(person, i, staff[person.team], rng, now, cadence)
        async with db.writing():
            await Teller(story, now, cadence).tell()
    return len(everyone)


def _at_work(day: dt.datetime, rng: random.Random) -> dt.datetime:
    """A time during a working day, on that date."""
    return day.replace(hour=rng.randint(9, 16), minute=rng.choice((0, 15, 30, 45)),
                       second=0, microsecond=0)


def _story(person: Person, i: int, team: dict, rng: random.Random, now: dt.datetime,
           cadence: rules.Cadence) -> Story:
    workers = team["caseworkers"]
    registered = _at_work(now - dt.timedelta(days=person.registered_days_ago), rng)
    story = Story(person, workers[i % len(workers)], team["supervisor"],
                  team["therapist"] if person.age_years < 5 or i % 3 == 0 else None, registered,
                  rng.choice((None, None, 182, 120)))
    if story.therapist:
        story.add(registered + 2 * DAY, "care_team")
    stop = _last_contact(story, now, rng)
    moves = _placements(story, now, rng)
    away = _missing(story, now, rng)
    _visits(story, stop, moves, away, rng)
    _plans(story, now, rng, cadence)
    return story


def _last_contact(story: Story, now: dt.datetime, rng: random.Random) -> dt.datetime:
    """When visits stop: now, or weeks ago for a child not seen lately."""
    if story.has("lapsed"):
        return now - dt.timedelta(days=rng.randint(21, 45))
    if story.has("still_missing") or story.has("recent_move"):
        return now - 3 * DAY
    return now - dt.timedelta(hours=rng.randint(6, 60))


def _placements(story: Story, now: dt.datetime, rng: random.Random) -> list[tuple[dt.datetime, bool]]:
    """The first placement at registration, then any moves: (when, planned) of each start."""
    kinds = placement_kinds(story.person)
    starts = [(story.registered_at, False)]
    span = (now - story.registered_at).days
    if story.has("moves") and span > 60:
        starts += [(story.registered_at + dt.timedelta(days=d), rng.random() < 0.7)
                   for d in sorted(rng.sample(range(25, span - 20), k=min(2, (span - 45) // 30)))]
    if story.has("unplanned") and span > 40:
        starts.append((story.registered_at + dt.timedelta(days=rng.randint(20, span - 15)), False))
    if story.has("recent_move"):
        starts.append((now - 2 * DAY, False))
    starts.sort()
    for n, (at, planned) in enumerate(starts):
        kind = kinds[min(n, len(kinds) - 1)] if n < 2 else rng.choice(kinds)
        story.add(at, "placement", PlacementIn(
            kind=kind, started_on=at.date(), planned=planned,
            reason="" if n == 0 else rng.choice(_MOVE_REASONS[planned]),
            location=location_for(story.person, kind, n)))
    return starts


_MOVE_REASONS = {
    True: ["Move to a long-term foster family, planned with the child",
           "Step down from residential care to a family setting",
           "Move closer to school and to a sibling"],
    False: ["Placement ended at short notice by the provider",
            "Emergency move after concerns about contact from unknown adults",
            "Carer taken ill; emergency respite placement"],
}


def _missing(story: Story, now: dt.datetime, rng: random.Random) -> list[tuple[dt.datetime, dt.datetime]]:
    """Missing episodes as (went missing, returned); the child still missing has no return."""
    span = (now - story.registered_at).days
    count = 2 if story.has("repeat_missing") else 1 if story.has("missing") else 0
    windows = []
    offsets = range(15, span - 20, 12)  # twelve days apart, so one episode ends before the next
    for offset in sorted(rng.sample(offsets, k=min(count, len(offsets)))):
        went = (story.registered_at + dt.timedelta(days=offset)).replace(hour=rng.randint(18, 23))
        windows.append((went, went + dt.timedelta(hours=rng.randint(14, 96))))
    if story.has("still_missing"):
        windows.append(((now - dt.timedelta(hours=rng.randint(30, 44))).replace(microsecond=0), None))
    for went, back in windows:
        story.add(went, "missing", MissingIn(went_missing_at=went))
        if back is not None:
            story.add(back, "returned", back)
            story.add(back + dt.timedelta(hours=20), "visit", "return")
    return windows


def _visits(story: Story, stop: dt.datetime, moves, away, rng: random.Random) -> None:
    """Regular visits at about the cadence, a visit soon after each move, the odd excuse."""
    late = story.has("late")
    for at, _ in moves:
        story.add(at + dt.timedelta(days=rng.randint(8, 10) if late else rng.randint(1, 4)), "visit", "move")
    t = story.registered_at
    while True:
        t = _at_work(t + dt.timedelta(days=_visit_gap(story, rng)), rng)
        if t >= stop:
            break
        excused = story.has("excused") and rng.random() < 0.2
        story.add(t, "excused" if excused else "visit", "routine")
    story.events = [(at, kind, p) for at, kind, p in story.events
                    if kind not in ("visit", "excused") or p == "return"
                    or (at < stop and not any(w <= at <= (b or stop) for w, b in away))]


_WATCHFUL = {"missing", "repeat_missing", "still_missing", "unplanned", "recent_move"}


def _visit_gap(story: Story, rng: random.Random) -> int:
    """Days to the next routine visit: weekly for a child at more risk, fortnightly otherwise,
    and past the due date for the children whose visits run late."""
    if story.has("late"):
        return rng.randint(16, 22)
    return rng.randint(5, 7) if story.person.tags & _WATCHFUL else rng.randint(9, 13)


def _plans(story: Story, now: dt.datetime, rng: random.Random, cadence: rules.Cadence) -> None:
    drafted = story.registered_at + dt.timedelta(days=rng.randint(3, 6), hours=2)
    if drafted >= now:
        return
    story.add(drafted, "plan", _plan_content(story, rng))
    if rng.random() < 0.4:
        story.add(drafted + dt.timedelta(hours=20), "plan_change", None)
    if not story.has("draft"):
        story.add(drafted + 2 * DAY, "submit")
    if not story.has("draft") and not story.has("submitted"):
        story.add(drafted + dt.timedelta(days=3, hours=3), "approve")
        _reviews(story, now, rng, cadence)  # only a plan in force is reviewed


def _plan_content(story: Story, rng: random.Random) -> CarePlanIn:
    views, not_obtained = views_for(story.person, rng)
    return CarePlanIn(
        goals=goals_for(story.person), services=services_for(story.person),
        review_every_days=story.review_every_days,
        check_in_every_days=7 if story.person.tags & _WATCHFUL else None,
        child_views=views, child_views_not_obtained_reason=not_obtained,
    )


def _reviews(story: Story, now: dt.datetime, rng: random.Random, cadence: rules.Cadence) -> None:
    """Each review a few days before it is due; the overdue child's stop after the first."""
    held: list[dt.date] = []
    registered_on = story.registered_at.date()
    while True:
        due = rules.next_review_due(cadence, registered_on, held, story.review_every_days)
        on = due - dt.timedelta(days=rng.randint(0, 4))
        if on >= now.date() or (story.has("overdue_review") and held):
            return
        revise = story.has("revised") and len(held) == 1
        story.add(_at_work(dt.datetime.combine(on, dt.time(12), tzinfo=dt.timezone.utc), rng),
                  "review", (revise, len(held)))
        held.append(on)
        if revise:
            story.add(_at_work(dt.datetime.combine(on + 3 * DAY, dt.time(12), tzinfo=dt.timezone.utc), rng),
                      "plan", _plan_content(story, rng))
            story.add(dt.datetime.combine(on + 4 * DAY, dt.time(16), tzinfo=dt.timezone.utc), "submit")
            story.add(dt.datetime.combine(on + 6 * DAY, dt.time(11), tzinfo=dt.timezone.utc), "approve")


class Teller:
    """Tells one story through the services, in date order, each event recorded soon after
    it happened (never after `now`)."""

    def __init__(self, story: Story, now: dt.datetime, cadence: rules.Cadence):
        self.story, self.now, self.cadence = story, now, cadence
        self.rng = random.Random(story.person.name)
        self.child_id = None
        self.plan_id = None
        self.episode_id = None

    async def tell(self) -> None:
        s = self.story
        created = await children.register(s.caseworker, _child_in(s.person, s.caseworker),
                                           s.registered_at, self.cadence)
        self.child_id = created["id"]
        await self._audit(s.caseworker, s.registered_at, "child.register", "child", self.child_id)
        for at, kind, payload in sorted(s.events, key=lambda e: e[0]):
            if at < self.now:
                await getattr(self, "_" + kind)(at, payload)
        await demo_duties.plans_written(self, [at for at, kind, _ in s.events if kind == "returned"])
        await demo_duties.duties_done(self)

    def _recorded(self, at: dt.datetime) -> dt.datetime:
        return min(at + dt.timedelta(hours=2), self.now)

    async def _audit(self, actor: Actor, at: dt.datetime, action: str, kind: str, record_id) -> None:
        await record(Where(actor=actor, source="demo", now=self._recorded(at)), action, kind,
                     record_id, self.child_id)

    async def _care_team(self, at, _):
        scope = access.ChildScope(self.story.caseworker.id, self.story.caseworker.team_id)
        await care_team.add(self.story.caseworker, scope, self.child_id, self.story.therapist.username,
                            self._recorded(at))
        await self._audit(self.story.caseworker, at, "care_team.add", "child", self.child_id)

    async def _placement(self, at, data: PlacementIn):
        pid = await placements.start(self.story.caseworker, self.child_id, data, self._recorded(at),
                                     self.cadence)
        await self._audit(self.story.caseworker, at, "placement.create", "placement", pid)

    async def _visit(self, at, why: str):
        person = self.story.person
        phone = "phone" in person.tags and self.rng.random() < 0.4
        data = CheckInIn(
            occurred_at=at, mode="phone" if phone else self.rng.choice(("in_person",) * 4 + ("video",)),
            child_seen=not phone, seen_alone=(person.age_years >= 8 and not phone) or None,
            notes=check_in_note(person, why, self.rng))
        await self._check_in(at, data)

    async def _excused(self, at, _):
        await self._check_in(at, CheckInIn(occurred_at=at, excused=True,
                                           excuse_reason=excuse_reason(self.rng)))

    async def _check_in(self, at, data: CheckInIn):
        cid = await check_ins.record(self.story.caseworker, self.child_id, data, self._recorded(at),
                                     self.cadence)
        await self._audit(self.story.caseworker, at, "check_in.create", "check_in", cid)

    async def _missing(self, at, data: MissingIn):
        self.episode_id = await missing.went_missing(self.story.caseworker, self.child_id, data,
                                                     self._recorded(at))
        await self._audit(self.story.caseworker, at, "missing.create", "missing_episode", self.episode_id)

    async def _returned(self, at, back: dt.datetime):
        await missing.returned(self.child_id, self.episode_id, back,
                               "Came back by themselves; return conversation offered.",
                               self._recorded(at))
        await self._audit(self.story.caseworker, at, "missing.return", "missing_episode", self.episode_id)

    async def _plan(self, at, data: CarePlanIn):
        self.plan_id = await plans.create(self.story.caseworker, self.child_id, data,
                                          self._recorded(at), self.cadence)
        await self._audit(self.story.caseworker, at, "care_plan.create", "care_plan", self.plan_id)

    async def _plan_change(self, at, _):
        current = await plans.get(self.plan_id)
        await plans.update(self.story.caseworker, self.plan_id, current["version"],
                           {"services": current["services"] + ["independent advocate"]},
                           self._recorded(at))
        await self._audit(self.story.caseworker, at, "care_plan.update", "care_plan", self.plan_id)

    async def _submit(self, at, _):
        await plans.submit(self.plan_id, self._recorded(at))
        await self._audit(self.story.caseworker, at, "care_plan.submit", "care_plan", self.plan_id)

    async def _approve(self, at, _):
        await plans.approve(self.story.supervisor, self.plan_id, self.child_id, self._recorded(at),
                            self.cadence)
        await self._audit(self.story.supervisor, at, "care_plan.approve", "care_plan", self.plan_id)

    async def _review(self, at, payload):
        revise, number = payload
        views, not_obtained = views_for(self.story.person, self.rng)
        data = ReviewIn(reviewed_on=at.date(), summary=review_summary(number, self.rng),
                        child_views=views, child_views_not_obtained_reason=not_obtained,
                        outcome="revise" if revise else "continue")
        rid = await plans.review(self.story.caseworker, self.plan_id, self.child_id, data,
                                 self._recorded(at), self.cadence)
        await self._audit(self.story.caseworker, at, "review.create", "review", rid)


def _child_in(person: Person, caseworker: Actor) -> ChildIn:
    return ChildIn(
        display_name=person.name, birth_date=person.birth_date, birth_date_estimated=person.estimated,
        gestational_age_weeks=person.gestational_weeks, sex=person.sex,
        documentation_status=person.documentation, languages=list(person.languages),
        caseworker=caseworker.username,
    )
