"""What each person sees of a child's tasks and safety plan: one function for the JSON and the
page, so the two cannot disagree. Anyone who may not see where the child lives (a therapist)
gets no report reference, no safe places, and no placement location in any other text."""

from __future__ import annotations

import datetime as dt

from care_plans import duties, placements, redaction, safety_plans, tasks
from service import access


async def visible_tasks(actor: access.Actor, scope: access.ChildScope, cid, now: dt.datetime,
                        national_body: str) -> list[dict]:
    rows, hide = await tasks.for_child(cid), await _hider(actor, scope, cid)
    return [task_view(r, now, national_body, hide, access.can_see_location(actor, scope)) for r in rows]


def task_view(row: dict, now: dt.datetime, national_body: str, hide, shows_reference: bool) -> dict:
    return {**row, "title": duties.title(row["kind"], national_body), "source": duties.source(row["kind"]),
            "overdue": row["done_at"] is None and row["due_at"] < now, "episode_id": row["episode"],
            "reference": row["reference"] if shows_reference else None, "outcome": hide(row["outcome"])}


async def visible_safety_plans(actor: access.Actor, scope: access.ChildScope, cid) -> list[dict]:
    """Every version, newest first."""
    rows, hide = await safety_plans.versions(cid), await _hider(actor, scope, cid)
    shows_places = access.can_see_location(actor, scope)
    return [{**r, **{k: hide(r[k]) for k in safety_plans.CONTENT},
             **({} if shows_places else {f: None for f in safety_plans.PLACE_FIELDS})} for r in rows]


async def _hider(actor: access.Actor, scope: access.ChildScope, cid):
    if access.can_see_location(actor, scope):
        return lambda text: text
    places = redaction.locations_of(await placements.history(cid))
    return lambda text: redaction.hide(text, places)
