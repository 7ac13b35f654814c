"""Assessments filled in step by step: the answers so far are kept on the server, one draft per
child and author, so leaving the page loses nothing. Finishing records the assessment through
`assessments.record` (the same checks, refused whole) and drops the draft in that transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid

from milestones import assessments, catalogue
from milestones.ages import age_on
from milestones.schemas import AssessmentIn, DraftIn, ObservationIn
from milestones.tables import AssessmentDraft
from service import clock
from service.access import Actor
from service.errors import Invalid
from service.i18n import N_


async def read(child_id, author_id) -> dict | None:
    return await AssessmentDraft.select().where(
        (AssessmentDraft.child == child_id) & (AssessmentDraft.author == author_id)
    ).output(load_json=True).first()


def merged(answers: dict, data: DraftIn) -> dict:
    """What was kept, with this step's answers over it; a taken-back answer is dropped."""
    observed = {**answers.get("observed", {}), **data.observed}
    out = {**answers, "observed": {code: status for code, status in observed.items() if status}}
    if data.assessed_on is not None:
        out["assessed_on"] = data.assessed_on.isoformat()
    if data.notes is not None:
        out["notes"] = data.notes
    if data.step:
        out["step"] = data.step
    return out


def problems(data: DraftIn) -> dict[str, str]:
    known = catalogue.by_code()
    return {f"observed.{code}": assessments.NOT_A_MILESTONE
            for code in data.observed if code not in known}


def reached(used_months: int) -> int | None:
    """The latest checklist age reached at this (corrected, where that applies) age."""
    return max((c for c in catalogue.CHECKPOINTS if c <= used_months), default=None)


async def checkpoint(child_id, today: dt.date) -> int | None:
    facts = await assessments.child_facts(child_id)
    return reached(age_on(facts["birth_date"], facts["gestational_age_weeks"], today).used_months)


async def save(actor: Actor, child_id, data: DraftIn, now: dt.datetime) -> uuid.UUID:
    found = problems(data)
    if found:
        raise Invalid(found)
    current = await read(child_id, actor.id)
    if current is None:
        draft = AssessmentDraft(id=uuid.uuid4(), child=child_id, author=actor.id, updated_at=now,
                                checkpoint=await checkpoint(child_id, clock.today(now)) or 0,
                                answers=merged({}, data))
        await AssessmentDraft.insert(draft)
        return draft.id
    await AssessmentDraft.update({AssessmentDraft.answers: merged(current["answers"], data),
                                  AssessmentDraft.updated_at: now}).where(AssessmentDraft.id == current["id"])
    return current["id"]


def as_assessment(answers: dict) -> AssessmentIn:
    if not answers.get("assessed_on"):
        raise Invalid({"assessed_on": N_("is required: the day you observed the child")})
    return AssessmentIn(
        assessed_on=dt.date.fromisoformat(answers["assessed_on"]), notes=answers.get("notes", ""),
        observations=[ObservationIn(milestone=code, status=status)
                      for code, status in answers.get("observed", {}).items()])


async def finish(actor: Actor, child_id, data: DraftIn, now: dt.datetime) -> tuple[uuid.UUID, uuid.UUID | None]:
    """The assessment's id, and the id of the draft it came from (None if there was none)."""
    found = problems(data)
    if found:
        raise Invalid(found)
    current = await read(child_id, actor.id)
    answers = merged(current["answers"] if current else {}, data)
    aid = await assessments.record(actor, child_id, as_assessment(answers), now)
    if current is None:
        return aid, None
    await AssessmentDraft.delete().where(AssessmentDraft.id == current["id"])
    return aid, current["id"]


async def discard(actor: Actor, child_id) -> uuid.UUID | None:
    current = await read(child_id, actor.id)
    if current is not None:
        await AssessmentDraft.delete().where(AssessmentDraft.id == current["id"])
    return current and current["id"]
