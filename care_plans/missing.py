"""Missing-from-care episodes: when a child went missing, and when they came back.

One episode is open at a time: a child already missing cannot go missing again until their
return is recorded. A return is recorded once: a second one is a conflict, so the first (and
the alert history that followed from it) is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import uuid

from care_plans import duties as rules
from care_plans import tasks
from care_plans.tables import Child, MissingEpisode
from service import clock, db
from service.access import Actor
from service.errors import Conflict, Invalid, NotFound


async def went_missing(actor: Actor, child_id, data, now: dt.datetime,
                       duties: rules.Duties | None = None) -> uuid.UUID:
    """Opens the episode and its duties: the reports and telling the supervisor."""
    if data.went_missing_at > now:
        raise Invalid({"went_missing_at": "cannot be in the future"})
    born = await Child.select(Child.birth_date).where(Child.id == child_id).first()
    if clock.today(data.went_missing_at) < born["birth_date"]:
        raise Invalid({"went_missing_at": "is before the child's birth date"})
    later = await MissingEpisode.select(MissingEpisode.returned_at).where(
        (MissingEpisode.child == child_id) & (MissingEpisode.returned_at > data.went_missing_at)
    ).order_by(MissingEpisode.returned_at, ascending=False).first()
    if later is not None:  # episodes follow one another; they never overlap
        raise Invalid({"went_missing_at": f"is before the return from an earlier episode, on "
                                          f"{clock.local(later['returned_at']):%d %b %Y %H:%M %Z}"})
    if await MissingEpisode.exists().where(
        (MissingEpisode.child == child_id) & MissingEpisode.returned_at.is_null()
    ):
        raise Conflict("The child is already recorded as missing; record their return first.",
                       {"went_missing_at": "an open episode exists"})
    episode = MissingEpisode(id=uuid.uuid4(), child=child_id, went_missing_at=data.went_missing_at,
                             notes=data.notes, recorded_by=actor.id, recorded_at=now)
    await MissingEpisode.insert(episode)
    await tasks.create(child_id, episode.id, rules.on_missing(tasks.duties_or_default(duties),
                                                              data.went_missing_at), now)
    return episode.id


async def episode_of(child_id, episode_id) -> dict:
    """One of this child's episodes; another child's is not found."""
    episode = await MissingEpisode.select(MissingEpisode.went_missing_at, MissingEpisode.returned_at).where(
        (MissingEpisode.id == episode_id) & (MissingEpisode.child == child_id)
    ).first()
    if episode is None:
        raise NotFound("missing episode")
    return episode


async def returned(child_id, episode_id, returned_at: dt.datetime, notes: str | None,
                   now: dt.datetime, duties: rules.Duties | None = None) -> None:
    """Closes the episode and opens the duties of a return: the interview, the trafficking
    screen and the safety plan's review."""
    episode = await episode_of(child_id, episode_id)
    if episode["returned_at"] is not None:
        raise Conflict(f"Their return is already recorded, at {clock.local(episode['returned_at']):%d %b %Y %H:%M %Z}.",
                       {"returned_at": "is already recorded"})
    if returned_at > now:
        raise Invalid({"returned_at": "cannot be in the future"})
    if returned_at < episode["went_missing_at"]:
        raise Invalid({"returned_at": "is before the child went missing"})
    values = {MissingEpisode.returned_at: returned_at}
    if notes is not None:
        values[MissingEpisode.notes] = notes
    # The condition holds the line against a second return recorded at the same moment.
    done = await MissingEpisode.update(values).where(
        (MissingEpisode.id == episode_id) & MissingEpisode.returned_at.is_null()).returning(MissingEpisode.id)
    if not done:
        raise Conflict("Their return was recorded a moment ago.", {"returned_at": "is already recorded"})
    await tasks.create(child_id, episode_id, rules.on_return(tasks.duties_or_default(duties), returned_at), now)


_HISTORY = db.Prepared(lambda child_id: MissingEpisode.select(
    *MissingEpisode.all_columns(exclude=[MissingEpisode.recorded_by]),
    MissingEpisode.recorded_by.username.as_alias("recorded_by"),
).where(MissingEpisode.child == child_id).order_by(MissingEpisode.went_missing_at, ascending=False), uuid.UUID)


async def history(child_id) -> list[dict]:
    return await _HISTORY.run(child_id)
