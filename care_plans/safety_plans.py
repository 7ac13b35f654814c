"""A child's safety plan, written with the child: their own words, what warns that they may be
in danger, what helps, the people and places that are safe, and what was agreed should happen
if they go missing.

Versioned like the care plan: a writer names the version they started from, and a stale one is
refused (409) so nobody overwrites what they have not read. A change is a new row one version up,
so every earlier version is kept as it was written. Writing a version is the review that any
open safety-plan review task asked for, so those tasks are done with it.
"""

from __future__ import annotations

import datetime as dt
import uuid

from care_plans import tasks
from care_plans.tables import SafetyPlan
from service import db
from service.access import Actor
from service.errors import Conflict, Invalid

CONTENT = ("child_words", "child_words_not_obtained_reason", "warning_signs", "what_helps", "safe_people",
           "safe_places", "if_missing")
# Shown only to those who may see where the child lives: safe places may well name it.
PLACE_FIELDS = ("safe_places",)


async def write(actor: Actor, child_id, data, now: dt.datetime) -> uuid.UUID:
    if not data.child_words.strip() and not data.child_words_not_obtained_reason.strip():
        raise Invalid({"child_words": "are needed: write the plan with the child in their words, or say "
                                      "why they could not be given this time"})
    latest = await _latest_version(child_id)
    if data.version != latest:
        raise Conflict("The safety plan has changed since you read it: reload it and try again.",
                       {"version": f"is not the plan's current version ({latest})"})
    row = SafetyPlan(id=uuid.uuid4(), child=child_id, version=latest + 1, written_by=actor.id, written_at=now,
                     **{k: getattr(data, k).strip() for k in CONTENT})
    await SafetyPlan.insert(row)
    await tasks.close_reviews(actor, child_id, f"Safety plan version {latest + 1} written with the child.", now)
    return row.id


async def _latest_version(child_id) -> int:
    row = await SafetyPlan.select(SafetyPlan.version).where(SafetyPlan.child == child_id).order_by(
        SafetyPlan.version, ascending=False).first()
    return 0 if row is None else row["version"]


_VERSIONS = db.Prepared(lambda child_id: SafetyPlan.select(
    *SafetyPlan.all_columns(exclude=[SafetyPlan.written_by]),
    SafetyPlan.written_by.username.as_alias("written_by"),
).where(SafetyPlan.child == child_id).order_by(SafetyPlan.version, ascending=False), uuid.UUID)


async def versions(child_id) -> list[dict]:
    """Newest first: the first is the plan in force."""
    return await _VERSIONS.run(child_id)
