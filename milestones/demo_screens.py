"""The demo's screening results: each young child with a therapist has had the AAP screens of
the ages they have reached since coming into care (ASQ-3 at 9, 18 or 30 months; M-CHAT-R/F at
18 or 24), a week after reaching the age. The first such child's latest ASQ-3 finds
communication below the cutoff, so the demo shows a concern offering a referral."""

from __future__ import annotations

import datetime as dt

from milestones import instruments, screenings
from milestones.ages import age_on, reaches
from milestones.schemas import DomainResult, ScreeningIn
from service.audit.services import Where, record

SCREEN = {"general": "asq3", "autism": "mchat_rf"}


async def fill(children: list[dict], now: dt.datetime) -> None:
    low_given = False
    for child in children:
        if child["recorder"].role != "therapist":
            continue
        for kind, age in _reached(child, now.date()):
            low = kind == "general" and not low_given
            low_given = low_given or low
            await _record(child, _screen(SCREEN[kind], reaches(child["birth_date"], child["gestational_age_weeks"],
                                                              age) + dt.timedelta(days=7), low))


def _reached(child: dict, today: dt.date) -> list[tuple[str, int]]:
    """The AAP screens whose age the child reached since registration, a week or more ago."""
    used = age_on(child["birth_date"], child["gestational_age_weeks"], today).used_months
    registered = child["registered_at"].date()
    found = []
    for kind, (months, _, _) in instruments.AAP_SCREENS.items():
        for age in months:
            day = reaches(child["birth_date"], child["gestational_age_weeks"], age) + dt.timedelta(days=7)
            if age <= used and registered <= day < today:
                found.append((kind, age))
    return found


def _screen(code: str, on: dt.date, low: bool) -> ScreeningIn:
    if code == "mchat_rf":
        return ScreeningIn(instrument=code, screened_on=on, result="Low risk (score 1)", result_zone="above_cutoff")
    zones = {d: ("below_cutoff" if low and d == "communication" else "above_cutoff")
             for d in instruments.INSTRUMENTS["asq3"][1]}
    return ScreeningIn(instrument=code, screened_on=on, domains=[
        DomainResult(domain=d, zone=z, score=20.0 if z == "below_cutoff" else 50.0) for d, z in zones.items()])


async def _record(child: dict, data: ScreeningIn) -> None:
    recorder = child["recorder"]
    at = dt.datetime.combine(data.screened_on, dt.time(11, 0), tzinfo=dt.timezone.utc)
    sid = await screenings.record(recorder, child["id"], data, at)
    await record(Where(actor=recorder, source="demo", now=at), "screening.create", "screening", sid, child["id"])
