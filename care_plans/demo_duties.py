"""The demo's duties: what a diligent team has done by now about each child's tasks, and the
safety plans written with the children who went missing.

Tasks due by now are done shortly before they fell due (with a made-up reference for the
reports), except for the child still missing, whose national report is left overdue so the
demo shows a task_overdue alert; tasks not yet due stay open. A child who went missing has a
safety plan written with them the day after their latest return (a second version after a
second episode), which does the review that return brought.
"""

from __future__ import annotations

import datetime as dt

from care_plans import duties, safety_plans, tasks
from care_plans.schemas import SafetyPlanIn, TaskDoneIn

LEFT_OVERDUE = "national_report"  # for the child still missing
OUTCOMES = {
    "tell_supervisor": "Told the supervisor by phone; she joined the strategy call.",
    "return_interview": "Return interview held by the independent advocate; the child chose where.",
    "trafficking_screen": "Screened on return with the child's caseworker present; no new concerns said.",
    "safety_plan_review": "Reviewed with the child; the plan still holds.",
}
WORDS = ("I want to stay with my carers. If I feel scared I will ring Maria or go to the school office.",
         "When the man from before messages me I will show my carer and not answer.")


async def plans_written(teller, returns: list[dt.datetime]) -> None:
    """A version after each of the last two returns, written with the child."""
    for n, back in enumerate(sorted(returns)[-2:]):
        at = back + dt.timedelta(days=1)
        if at >= teller.now:
            continue
        version = len(await safety_plans.versions(teller.child_id))
        data = SafetyPlanIn(version=version, child_words=WORDS[n], warning_signs="Goes quiet; new phone; older friends.",
                            what_helps="Football on Saturdays; a night light; time with her carer.",
                            safe_people="Foster carers; the school nurse; the caseworker.",
                            safe_places="The placement; the school office.",
                            if_missing="Carers ring the police and the caseworker straight away.")
        pid = await safety_plans.write(teller.story.caseworker, teller.child_id, data, at)
        await teller._audit(teller.story.caseworker, at, "safety_plan.create", "safety_plan", pid)


async def duties_done(teller) -> None:
    still_missing = teller.story.has("still_missing")
    for t in await tasks.for_child(teller.child_id):
        if t["done_at"] is not None or t["due_at"] > teller.now:
            continue
        if still_missing and t["kind"] == LEFT_OVERDUE and t["episode"] == teller.episode_id:
            continue
        at = max(min(t["due_at"] - dt.timedelta(minutes=30), teller.now), t["created_at"])
        reference = f"REF-{str(t['id'])[:6].upper()}" if t["kind"] in duties.REFERENCE_KINDS else ""
        await tasks.complete(teller.story.caseworker, teller.child_id, t["id"],
                             TaskDoneIn(reference=reference, outcome=OUTCOMES.get(t["kind"], ""), done_at=at), at)
        await teller._audit(teller.story.caseworker, at, "task.complete", "task", t["id"])
