"""Tasks: duties with a due instant, created by the events that bring them (a child going
missing, their return, a placement move) and done once, recording who, when, and the
reference number or what came of it. Which duties and when they fall due: `duties.py`.
"""

from __future__ import annotations

import datetime as dt
import uuid

from care_plans import duties as rules
from care_plans.tables import Task
from service import db
from service.access import Actor
from service.errors import Conflict, Invalid, NotFound
from service.settings import Settings


def duties_or_default(duties: rules.Duties | None) -> rules.Duties:
    return duties or rules.Duties.from_settings(Settings.from_env())


async def create(child_id, episode_id, due: list[tuple[str, dt.datetime]], now: dt.datetime) -> None:
    await Task.insert(*[Task(id=uuid.uuid4(), child=child_id, episode=episode_id, kind=kind, due_at=at,
                             created_at=now) for kind, at in due])


async def complete(actor: Actor, child_id, task_id, data, now: dt.datetime) -> None:
    task = await Task.select(Task.kind, Task.done_at, Task.created_at).where(
        (Task.id == task_id) & (Task.child == child_id)).first()
    if task is None:
        raise NotFound("task")
    if task["done_at"] is not None:
        raise Conflict("This task is already done.", {"done_at": "is already recorded"})
    done_at = data.done_at or now
    _check(task, data, done_at, now)
    # The condition holds the line against the same task done twice at the same moment.
    done = await Task.update({Task.done_at: done_at, Task.done_by: actor.id, Task.reference: data.reference.strip(),
                              Task.outcome: data.outcome.strip()}).where(
        (Task.id == task_id) & Task.done_at.is_null()).returning(Task.id)
    if not done:
        raise Conflict("This task was done a moment ago.", {"done_at": "is already recorded"})


def _check(task: dict, data, done_at: dt.datetime, now: dt.datetime) -> None:
    found = {}
    if task["kind"] in rules.REFERENCE_KINDS and not data.reference.strip():
        found["reference"] = "is needed: the reference number the report was given"
    if task["kind"] not in rules.REFERENCE_KINDS and not data.outcome.strip():
        found["outcome"] = "is needed: say what was done and what came of it"
    if done_at > now:
        found["done_at"] = "cannot be in the future"
    elif done_at < task["created_at"] - dt.timedelta(days=366):
        found["done_at"] = "is more than a year before the task arose"
    if found:
        raise Invalid(found)


async def close_reviews(actor: Actor, child_id, outcome: str, now: dt.datetime) -> None:
    """A safety plan written or rewritten is the review the open review tasks asked for."""
    await Task.update({Task.done_at: now, Task.done_by: actor.id, Task.outcome: outcome}).where(
        (Task.child == child_id) & (Task.kind == "safety_plan_review") & Task.done_at.is_null())


_OF_CHILD = db.Prepared(lambda child_id: Task.select(*Task.all_columns(exclude=[Task.done_by]),
                                                     Task.done_by.username.as_alias("done_by")).where(
    Task.child == child_id), uuid.UUID)


async def for_child(child_id) -> list[dict]:
    """Open ones first, soonest due first; then done ones, latest first."""
    rows = await _OF_CHILD.run(child_id)
    open_ = sorted((r for r in rows if r["done_at"] is None), key=lambda r: r["due_at"])
    done = sorted((r for r in rows if r["done_at"] is not None), key=lambda r: r["done_at"], reverse=True)
    return open_ + done


async def get(child_id, task_id) -> dict:
    found = next((t for t in await for_child(child_id) if t["id"] == task_id), None)
    if found is None:
        raise NotFound("task")
    return found
