"""Recording a standardised screen's result and reading a child's screens back.

Refused whole (a 400 naming each bad field, nothing written) when dated in the future or before
birth, naming a domain the instrument does not score or one twice, giving neither a domain nor
a result, or a next due date not after the screen. A result below the cutoff is a developmental
concern for the alert scan, and offers a referral for a developmental evaluation.
"""

from __future__ import annotations

import datetime as dt
import uuid
from urllib.parse import urlencode

from care_plans.due_dates import lock_children
from milestones import ages, instruments
from milestones.assessments import child_facts
from milestones.tables import Screening
from service import clock, db
from service.access import Actor
from service.errors import Invalid


def problems(data, facts: dict, today: dt.date) -> dict[str, str]:
    found = {}
    if data.screened_on > today:
        found["screened_on"] = "cannot be in the future"
    elif data.screened_on < facts["birth_date"]:
        found["screened_on"] = "cannot be before the child's birth date"
    if not data.domains and data.result_zone is None:
        found["domains"] = "give each domain's zone, or the instrument's own result and its zone"
    if data.instrument == "other" and not data.instrument_name.strip():
        found["instrument_name"] = "is needed: which screen was used"
    if data.next_due is not None and data.next_due <= data.screened_on:
        found["next_due"] = "must be after the day of the screen"
    return found | _domain_problems(data)


def _domain_problems(data) -> dict[str, str]:
    scored, found, seen = instruments.INSTRUMENTS[data.instrument][1], {}, set()
    for n, d in enumerate(data.domains):
        if scored is not None and d.domain not in scored:
            found[f"domains[{n}].domain"] = f"is not scored by {instruments.name(data.instrument)}: " + ", ".join(scored)
        elif d.domain in seen:
            found[f"domains[{n}].domain"] = "is given twice"
        seen.add(d.domain)
    return found


def next_due(data, facts: dict) -> dt.date | None:
    """As given, or the next AAP screening age for this instrument after the screen."""
    if data.next_due is not None:
        return data.next_due
    birth, gestation = facts["birth_date"], facts["gestational_age_weeks"]
    used = ages.age_on(birth, gestation, data.screened_on).used_months
    later = [age for months, codes, _ in instruments.AAP_SCREENS.values() if data.instrument in codes
             for age in months if age > used]
    return ages.reaches(birth, gestation, min(later)) if later else None


async def record(actor: Actor, child_id, data, now: dt.datetime) -> uuid.UUID:
    await lock_children([child_id])
    facts = await child_facts(child_id)
    found = problems(data, facts, clock.today(now))
    if found:
        raise Invalid(found)
    age = ages.age_on(facts["birth_date"], facts["gestational_age_weeks"], data.screened_on)
    row = Screening(id=uuid.uuid4(), child=child_id, instrument=data.instrument,
                    instrument_name=data.instrument_name.strip(), screened_on=data.screened_on,
                    age_months_used=age.used_months, age_corrected=age.corrected_months is not None,
                    domains=[{"domain": d.domain, "zone": d.zone, "score": d.score} for d in data.domains],
                    result=data.result.strip(), result_zone=data.result_zone, next_due=next_due(data, facts),
                    screened_by=actor.id, created_at=now)
    await Screening.insert(row)
    return row.id


async def history(child_id) -> list[dict]:
    """Newest first, each with what was below the cutoff and the referral it offers."""
    return [_described(r) for r in await _HISTORY.run(child_id)]


_HISTORY = db.Prepared(lambda child_id: Screening.select(
    *Screening.all_columns(exclude=[Screening.screened_by]),
    Screening.screened_by.username.as_alias("screened_by"),
).where(Screening.child == child_id).order_by(Screening.screened_on, Screening.created_at,
                                               ascending=False).output(load_json=True), uuid.UUID)


def _described(row: dict) -> dict:
    below = [d["domain"] for d in row["domains"] if d["zone"] == "below_cutoff"]
    below += ["result"] if row["result_zone"] == "below_cutoff" else []
    label = instruments.name(row["instrument"], row["instrument_name"])
    return {**row, "instrument_label": label, "below_cutoff": below,
            "referral_link": referral_link(row["child"], label, row["screened_on"], below) if below else None}


def referral_link(child_id, label: str, screened_on: dt.date, below: list[str]) -> str:
    """The referral form for a developmental evaluation, with the screen's finding as the reason."""
    areas = ", ".join(a.replace("_", " ") for a in below)
    reason = f"{label} on {screened_on:%d %b %Y}: {areas} below the cutoff"
    return f"/children/{child_id}/referrals/new?" + urlencode(
        {"kind": "developmental_evaluation", "reason": reason})
