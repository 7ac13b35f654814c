"""Consent on a child's record: who agreed (the child in their own words where they can, a
parent, guardian, independent advocate or the court), when, to what, until when, and its
withdrawal. A consent is in force from the day it was given until it expires or is withdrawn;
withdrawn consent is kept, so what a referral rested on can always be read."""

from __future__ import annotations

import datetime as dt
import uuid

from care_plans.due_dates import lock_children
from care_plans.tables import Child, Consent, PartnerOrganisation
from service import clock, db
from service.access import Actor
from service.errors import Conflict, Invalid, NotFound

GIVERS = {"child": "The child", "parent": "A parent", "guardian": "A guardian",
          "advocate": "An independent advocate", "court": "The court"}
PURPOSES = {"services": "to receive services", "sharing": "to share their information with",
            "research": "to take part in research"}


async def give(actor: Actor, child_id, data, now: dt.datetime) -> uuid.UUID:
    await _check(data, now)
    born = await Child.select(Child.birth_date).where(Child.id == child_id).first()
    if data.given_on < born["birth_date"]:
        raise Invalid({"given_on": "is before the child's birth date"})
    await lock_children([child_id])
    row = Consent(id=uuid.uuid4(), child=child_id, given_by=data.given_by, giver_name=data.giver_name.strip(),
                  child_words=data.child_words.strip(), given_on=data.given_on, purpose=data.purpose,
                  partners=list(dict.fromkeys(data.partners)), expires_on=data.expires_on,
                  recorded_by=actor.id, recorded_at=now)
    await Consent.insert(row)
    return row.id


async def _check(data, now: dt.datetime) -> None:
    if data.given_on > clock.today(now):
        raise Invalid({"given_on": "cannot be in the future"})
    if data.expires_on is not None and data.expires_on < data.given_on:
        raise Invalid({"expires_on": "is before the day consent was given"})
    if data.purpose == "sharing" and not data.partners:
        raise Invalid({"partners": "must name the organisations it may be shared with"})
    if data.purpose != "sharing" and data.partners:
        raise Invalid({"partners": "are named only for consent to share"})
    if data.given_by == "child" and not data.child_words.strip():
        raise Invalid({"child_words": "must record what the child said, in their own words"})
    known = await PartnerOrganisation.select(PartnerOrganisation.id).where(
        PartnerOrganisation.id.is_in(_ids(data.partners))).output(as_list=True) if data.partners else []
    if len(known) != len(set(data.partners)):
        raise Invalid({"partners": "names an organisation that is not listed"})


def _ids(values) -> list:
    try:
        return [uuid.UUID(v) for v in values]
    except ValueError:
        raise Invalid({"partners": "names an organisation that is not listed"}) from None


async def withdraw(child_id, consent_id, reason: str, at: dt.datetime | None, now: dt.datetime) -> None:
    row = await _of_child(child_id, consent_id)
    when = at or now
    if row["withdrawn_at"] is not None:
        raise Conflict(f"This consent was already withdrawn on {_on(row['withdrawn_at'])}.",
                       {"withdrawn_at": "is already recorded"})
    if when > now:
        raise Invalid({"withdrawn_at": "cannot be in the future"})
    if clock.today(when) < row["given_on"]:
        raise Invalid({"withdrawn_at": "is before the consent was given"})
    await lock_children([child_id])
    await Consent.update({Consent.withdrawn_at: when, Consent.withdrawn_reason: reason.strip()}).where(
        (Consent.id == consent_id) & Consent.withdrawn_at.is_null())


async def _of_child(child_id, consent_id) -> dict:
    row = await Consent.select().where((Consent.id == consent_id) & (Consent.child == child_id)).first()
    if row is None:
        raise NotFound("consent")
    return row


async def for_child(child_id) -> list[dict]:
    """Newest first, each with the names of the organisations it names."""
    rows = await _OF_CHILD.run(child_id)
    names = await _partner_names({p for r in rows for p in r["partners"]})
    return [{**r, "partner_names": [names.get(p, "an organisation no longer listed") for p in r["partners"]]}
            for r in rows]


_OF_CHILD = db.Prepared(lambda child_id: Consent.select(
    *Consent.all_columns(exclude=[Consent.recorded_by]), Consent.recorded_by.username.as_alias("recorded_by")
).where(Consent.child == child_id).order_by(Consent.given_on, ascending=False).output(load_json=True), uuid.UUID)


async def _partner_names(ids: set) -> dict:
    if not ids:
        return {}
    rows = await PartnerOrganisation.select(PartnerOrganisation.id, PartnerOrganisation.name).where(
        PartnerOrganisation.id.is_in(_ids(list(ids))))
    return {str(r["id"]): r["name"] for r in rows}


def _on(value) -> str:
    """3 May 2026: consent outlasts a year, so its dates carry one."""
    day = clock.today(value) if isinstance(value, dt.datetime) else value
    return f"{day.day} {day:%b %Y}"


def in_force(row: dict, now: dt.datetime) -> bool:
    today = clock.today(now)
    return (row["given_on"] <= today and (row["expires_on"] is None or row["expires_on"] >= today)
            and (row["withdrawn_at"] is None or row["withdrawn_at"] > now))


def plain_words(row: dict, now: dt.datetime) -> str:
    """'A parent (Amina) agreed on 3 May 2026 to share their information with Safe Steps, until
    3 Nov 2026.' and what became of it."""
    who = GIVERS[row["given_by"]] + (f" ({row['giver_name']})" if row["giver_name"] else "")
    what = PURPOSES[row["purpose"]]
    if row["purpose"] == "sharing":
        what += " " + ", ".join(row.get("partner_names") or ["named organisations"])
    text = f"{who} agreed on {_on(row['given_on'])} {what}"
    text += f", until {_on(row['expires_on'])}." if row["expires_on"] else "."
    if row["given_by"] == "child" and row["child_words"]:
        text += f" In their words: \u201c{row['child_words']}\u201d"
    if row["withdrawn_at"] is not None:
        text += f" Withdrawn on {_on(row['withdrawn_at'])}: {row['withdrawn_reason']}"
    elif row["expires_on"] is not None and row["expires_on"] < clock.today(now):
        text += " It has expired."
    return text


def needed(rows: list[dict], partner_id: str, now: dt.datetime) -> tuple[dict | None, dict | None, list[str]]:
    """The consent to services and to sharing with this organisation that a referral rests on,
    and what is missing, in words."""
    live = [r for r in rows if in_force(r, now)]
    services = next((r for r in live if r["purpose"] == "services"), None)
    sharing = next((r for r in live if r["purpose"] == "sharing" and partner_id in r["partners"]), None)
    missing = []
    if services is None:
        missing.append("consent to services")
    if sharing is None:
        missing.append("consent to share information with this organisation")
    return services, sharing, missing
