"""The referral part of the demo: partner organisations, consent given (one by a child in
their own words) and one withdrawn, and referrals in every state, one of them stalled past its
clock and one shared without consent on an approved lawful basis. Told through the services
with `now` set to when each step happened, so every step is dated and audited."""

from __future__ import annotations

import datetime as dt

from care_plans import consent, partners, referrals
from care_plans.queries import scope_of
from care_plans.referral_schemas import ConsentIn, PartnerIn, ReferralIn, StepIn
from care_plans.tables import Child
from service import db
from service.access import Actor
from service.accounts.services import actor_from_row
from service.accounts.tables import User
from service.audit.services import Where, record

DAY = dt.timedelta(days=1)
PARTNERS = [
    PartnerIn("Little Steps Early Intervention", ["early_intervention", "developmental_evaluation"],
              "Intake line, weekdays 9-5", "intake@littlesteps.demo.invalid"),
    PartnerIn("Harbour Anti-Trafficking Service", ["anti_trafficking", "trauma_therapy"],
              "Duty worker, any time", "referrals@harbour.demo.invalid"),
    PartnerIn("Open Door Legal Advice", ["legal_advice"], "Drop-in Tuesdays", "casework@opendoor.demo.invalid"),
    PartnerIn("Riverside Child Health Clinic", ["health", "developmental_evaluation"], "Reception",
              "clinic@riverside.demo.invalid"),
]
# (partner, kind, reason, fields, days ago it was drafted, steps as (state, days after drafting))
STORIES = [
    (0, "early_intervention", "Not yet seen though due: babbling, rolling over. The carers would welcome advice.",
     ["display_name", "birth_date", "languages"], 60, [("sent", 1), ("accepted", 6), ("started", 25)]),
    (1, "trauma_therapy", "Nightmares and flashbacks since the move; she asked for someone to talk to.",
     ["display_name", "birth_date", "languages", "caseworker_contact"], 21, [("sent", 1)]),
    (3, "health", "Hearing test requested by school.", ["display_name", "birth_date"], 90,
     [("sent", 1), ("accepted", 3), ("started", 10), ("closed", 30)]),
    (2, "legal_advice", "Advice on an asylum claim for an unaccompanied child.", ["display_name", "birth_date",
     "documentation_status"], 40, [("sent", 2), ("declined", 5)]),
    (0, "developmental_evaluation", "A second look at speech and play.", ["display_name", "birth_date"], 2, []),
]


async def fill(now: dt.datetime) -> None:
    async with db.writing():
        ids = [await partners.add(p, now - 120 * DAY) for p in PARTNERS]
        # The youngest children in care long enough for the oldest story.
        chosen = await Child.select(Child.id, Child.caseworker, Child.team).where(
            (Child.status == "active") & (Child.registered_at < now - 100 * DAY)).order_by(
            Child.birth_date, ascending=False).limit(len(STORIES) + 1)
        people = {str(u["id"]): actor_from_row(u) for u in await User.select()}
        heads = {u.team_id: u for u in people.values() if u.role == "supervisor"}
        for child, story in zip(chosen, STORIES):
            await _tell(child["id"], people[str(child["caseworker"])], ids, story, now)
        if len(chosen) > len(STORIES):
            last = chosen[len(STORIES)]
            await _without_consent(last["id"], people[str(last["caseworker"])], heads[str(last["team"])], ids[1], now)


async def _give(actor: Actor, child_id, data: ConsentIn, at: dt.datetime):
    cid = await consent.give(actor, child_id, data, at)
    await record(Where(actor=actor, source="demo", now=at), "consent.create", "consent", cid, child_id)
    return cid


async def _tell(child_id, actor: Actor, partner_ids: list, story, now: dt.datetime) -> None:
    partner, kind, reason, fields, ago, steps = story
    drafted = now - ago * DAY
    given = (drafted - DAY).date()
    await _give(actor, child_id, ConsentIn("guardian", given, "services", giver_name="Foster carer, with parental "
                                           "responsibility delegated"), drafted - DAY)
    await _give(actor, child_id, ConsentIn("guardian", given, "sharing", partners=[str(partner_ids[partner])]),
                drafted - DAY)
    scope = await scope_of(child_id)
    rid = await referrals.create(actor, scope, child_id, ReferralIn(str(partner_ids[partner]), kind, reason, fields),
                                 drafted)
    await record(Where(actor=actor, source="demo", now=drafted), "referral.create", "referral", rid, child_id)
    for state, after in steps:
        at = drafted + after * DAY
        outcome = "Hearing is typical; no further appointments needed." if state == "closed" else ""
        await referrals.move(actor, scope, rid, StepIn(state, outcome=outcome), at)
        await record(Where(actor=actor, source="demo", now=at), f"referral.{state}", "referral", rid, child_id)


async def _without_consent(child_id, actor: Actor, head: Actor, partner_id, now: dt.datetime) -> None:
    """The child agreed in their own words, then withdrew; a safeguarding duty stands in."""
    asked = now - 12 * DAY
    own = await _give(actor, child_id, ConsentIn("child", asked.date(), "sharing", child_words="Yes, if they "
                      "don't tell anyone where I live.", partners=[str(partner_id)]), asked)
    await consent.withdraw(child_id, own, "She changed her mind after a call from an unknown number.", now - 5 * DAY,
                           now - 5 * DAY)
    await record(Where(actor=actor, source="demo", now=now - 5 * DAY), "consent.withdraw", "consent", own, child_id)
    scope = await scope_of(child_id)
    basis = "Safeguarding duty: risk of significant harm from contact by a suspected exploiter."
    rid = await referrals.create(actor, scope, child_id, ReferralIn(
        str(partner_id), "anti_trafficking", "Contact from a suspected exploiter; specialist support needed now.",
        ["display_name", "birth_date", "languages"], basis), now - 4 * DAY)
    await record(Where(actor=actor, source="demo", now=now - 4 * DAY), "referral.create", "referral", rid, child_id)
    await referrals.approve_basis(head, scope, rid, now - 3 * DAY)
    await record(Where(actor=head, source="demo", now=now - 3 * DAY), "referral.approve_basis", "referral", rid, child_id)
    await referrals.move(actor, scope, rid, StepIn("sent"), now - 3 * DAY)
    await record(Where(actor=actor, source="demo", now=now - 3 * DAY), "referral.sent", "referral", rid, child_id)
