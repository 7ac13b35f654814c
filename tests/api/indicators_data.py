"""A caseload built by hand for the indicator tests, with every answer worked out by hand.

Five children (A to E) on `cw`'s caseload in team north, each pattern copied `copies` times, so
that with five copies every count is a multiple of five (no figure is suppressed) while every
share and rate is the same as for one copy. The period is 2025-01-01 to 2025-07-01 (181 days),
long past, so every window has closed. The hand counts for one copy are in `ONE_COPY`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid

from care_plans.tables import (CarePlan, CheckIn, Child, MissingEpisode, PartnerOrganisation, Placement, Referral,
                               ReferralStep, Review)
from milestones.tables import Assessment
from scheduler.tables import Alert
from service.accounts.tables import User

PERIOD = {"from": "2025-01-01", "to": "2025-07-01"}
_numbers = itertools.count(1)


def at(day: str, hour: int = 0) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=dt.timezone.utc)


def d(day: str) -> dt.date:
    return dt.date.fromisoformat(day)


# Per copy, worked by hand from the patterns below.
ONE_COPY = {
    # Days in care in the period: A 181, B 122 (from 1 Mar), C 90 (closed 1 Apr), D 181, E 181.
    "days_in_care": 755,
    "moves": 5,  # A: 10 Feb, 1 Apr, 1 May; C: 1 Feb, 1 Mar
    "episodes": 5,  # A: 10 Jan, 1 Mar; B: 1 Apr; D: 1 Feb; E: 1 Jun (E's December one is before)
    "returns": 5, "again_within_90": 1,  # A returned 12 Jan and went again on 1 Mar
    # Check-ins due: A 19 Jan (on time), 29 Jan (7 days late), 19 Feb (excused: left out);
    # B 31 Mar (on time), 19 Apr (3 days late), 22 May (on time), 19 Jun (not yet); C 8 Jan (not yet).
    "check_ins_due": 7, "check_ins_on_time": 3, "check_in_children": 3,
    # Reviews due: A 20 Mar (held 25 Mar: late); B 28 Mar (first, on time), 28 Jun (held 27 Jun);
    # C 29 Jan (first, none held); D 15 Mar (held 10 Mar).
    "reviews_due": 5, "reviews_on_time": 3, "review_children": 4,
    "first_reviews_due": 2, "first_reviews_on_time": 1,
    # Developmental checks due: A 9 months 15 Mar (assessed 20 Mar), 12 months 15 Jun (assessed
    # 1 Aug: late); B (born at 32 weeks, corrected) 2 months 5 Mar (assessed that day), 4 months
    # 5 May (assessed 10 Jun: late); C 15 years 1 Jan (20 Jan); D 10 years 15 Mar (none);
    # E 36 months 30 Apr (assessed 30 May, the 30th day).
    "checks_due": 7, "checks_on_time": 4,
    # Referrals sent in the period: A's (accepted, started, closed 1 May), B's (declined 20 Mar),
    # D's (accepted); E's is only drafted. Ended in the period: A's (closed), B's (declined).
    "referrals_sent": 3, "referrals_accepted": 2, "referrals_ended": 2, "referrals_closed": 1,
    # Developmental concerns raised: A 25 Jan (A's referral 1 Feb), B 1 Mar (B's 10 Mar),
    # D 15 May (none after it), E 20 Jun (E's referral came before it).
    "concerns": 4, "concerns_referred": 2,
}


async def _ids() -> dict:
    users = {u["username"]: u for u in await User.select(User.id, User.username, User.team)}
    partner = uuid.uuid4()
    await PartnerOrganisation.insert(PartnerOrganisation(id=partner, name=f"Partner {partner.hex[:8]}",
                                                         created_at=at("2024-01-01"), updated_at=at("2024-01-01")))
    return {"cw": users["cw"]["id"], "sup": users["sup"]["id"], "th": users["th"]["id"],
            "team": users["cw"]["team"], "partner": partner}


async def _child(ids, name: str, registered: str, birth: str, *, risk="medium", every=None, closed=None,
                 weeks=None) -> uuid.UUID:
    cid = uuid.uuid4()
    await Child.insert(Child(
        id=cid, case_number=f"HV-2025-{next(_numbers):06d}", display_name=name, birth_date=d(birth),
        gestational_age_weeks=weeks, caseworker=ids["cw"], team=ids["team"],
        status="closed" if closed else "active", risk_level=risk, check_in_every_days=every,
        registered_at=at(registered), check_in_due_at=at(registered), updated_at=at(closed or registered)))
    return cid


async def _placements(ids, cid, *days: str) -> None:
    for i, day in enumerate(days):
        await Placement.insert(Placement(id=uuid.uuid4(), child=cid, kind="foster", started_on=d(day),
                                         planned=True, recorded_by=ids["cw"], recorded_at=at(day, 12)))


async def _check_ins(ids, cid, *days: str, excused: tuple = ()) -> None:
    for day in (*days, *excused):
        gone = day in excused
        await CheckIn.insert(CheckIn(id=uuid.uuid4(), child=cid, occurred_at=at(day, 10), mode="in_person",
                                     child_seen=not gone, excused=gone, excuse_reason="ill" if gone else "",
                                     recorded_by=ids["cw"], recorded_at=at(day, 10)))


async def _missing(ids, cid, *spans: tuple[str, str]) -> None:
    for went, back in spans:
        await MissingEpisode.insert(MissingEpisode(id=uuid.uuid4(), child=cid, went_missing_at=at(went, 20),
                                                   returned_at=at(back, 20), recorded_by=ids["cw"],
                                                   recorded_at=at(back, 21)))


async def _reviews(ids, cid, every_days, *days: str) -> None:
    plan = uuid.uuid4()
    await CarePlan.insert(CarePlan(id=plan, child=cid, status="active", review_every_days=every_days,
                                   created_by=ids["cw"], created_at=at("2024-06-01"), updated_at=at("2024-06-01")))
    for day in days:
        await Review.insert(Review(id=uuid.uuid4(), plan=plan, child=cid, reviewed_on=d(day), summary="Steady",
                                   child_views="Fine", recorded_by=ids["sup"], recorded_at=at(day, 15)))


async def _assessed(ids, cid, *days: str) -> None:
    for day in days:
        await Assessment.insert(Assessment(id=uuid.uuid4(), child=cid, assessed_on=d(day), assessed_by=ids["th"],
                                           created_at=at(day, 16)))


async def _referral(ids, cid, created: str, *steps: tuple[str, str]) -> None:
    """A referral created on a day, then its steps (state, day) in order."""
    rid, sent = uuid.uuid4(), next((at(day, 9) for state, day in steps if state == "sent"), None)
    last = steps[-1] if steps else ("drafted", created)
    await Referral.insert(Referral(id=rid, child=cid, partner=ids["partner"], kind="early_intervention",
                                   reason="Speech", state=last[0], state_at=at(last[1], 9), sent_at=sent,
                                   created_by=ids["cw"], created_at=at(created, 9)))
    for state, day in steps:
        await ReferralStep.insert(ReferralStep(id=uuid.uuid4(), referral=rid, state=state, at=at(day, 9),
                                               by=ids["cw"]))


async def _concern(cid, day: str) -> None:
    await Alert.insert(Alert(id=uuid.uuid4(), kind="developmental_concern", child=cid, cause_key=f"c{day}",
                             severity="warning", raised_at=at(day, 6), last_seen_at=at(day, 6)))


async def _referrals(ids, a, b, dd, e) -> None:
    await _referral(ids, a, "2025-02-01", ("sent", "2025-02-02"), ("accepted", "2025-02-10"),
                    ("started", "2025-02-20"), ("closed", "2025-05-01"))
    await _referral(ids, b, "2025-03-10", ("sent", "2025-03-11"), ("declined", "2025-03-20"))
    await _referral(ids, dd, "2025-04-01", ("sent", "2025-04-02"), ("accepted", "2025-04-05"))
    await _referral(ids, e, "2025-06-01")
    for child, day in ((a, "2025-01-25"), (b, "2025-03-01"), (dd, "2025-05-15"), (e, "2025-06-20")):
        await _concern(child, day)


async def one_copy(ids, n: int) -> None:
    a = await _child(ids, f"Amira {n}", "2024-12-01", "2024-06-15")
    await _placements(ids, a, "2024-12-01", "2025-02-10", "2025-04-01", "2025-05-01")
    await _check_ins(ids, a, "2024-12-10", "2025-01-05", "2025-01-15", "2025-02-05", excused=("2025-02-10",))
    await _missing(ids, a, ("2025-01-10", "2025-01-12"), ("2025-03-01", "2025-03-02"))
    await _reviews(ids, a, None, "2024-12-20", "2025-03-25")
    await _assessed(ids, a, "2025-03-20", "2025-08-01")
    b = await _child(ids, f"Bilal {n}", "2025-03-01", "2024-11-10", every=30, weeks=32)
    await _placements(ids, b, "2025-03-01", "2025-08-01")
    await _check_ins(ids, b, "2025-03-20", "2025-04-22", "2025-05-20")
    await _missing(ids, b, ("2025-04-01", "2025-04-03"))
    await _reviews(ids, b, 30, "2025-03-28", "2025-06-27")
    await _assessed(ids, b, "2025-03-05", "2025-06-10")
    c = await _child(ids, f"Chen {n}", "2025-01-01", "2010-01-01", risk="high", closed="2025-04-01")
    await _placements(ids, c, "2025-01-01", "2025-02-01", "2025-03-01")
    await _assessed(ids, c, "2025-01-20")
    dd = await _child(ids, f"Dana {n}", "2024-06-01", "2015-03-15", risk="low")
    await _missing(ids, dd, ("2025-02-01", "2025-02-05"))
    await _reviews(ids, dd, None, "2024-06-20", "2024-09-15", "2025-03-10")
    e = await _child(ids, f"Eli {n}", "2024-06-01", "2022-04-30", risk="low")
    await _missing(ids, e, ("2024-12-20", "2024-12-22"), ("2025-06-01", "2025-06-02"))
    await _assessed(ids, e, "2025-05-30")
    await _referrals(ids, a, b, dd, e)


async def build(copies: int) -> None:
    ids = await _ids()
    for n in range(copies):
        await one_copy(ids, n)


def names(copies: int) -> list[str]:
    return [f"{who} {n}" for n in range(copies) for who in ("Amira", "Bilal", "Chen", "Dana", "Eli")]
