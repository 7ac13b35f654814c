"""Thirty days of scans, with check-ins, moves, missing episodes and returns, assessments,
flagged indicators and acknowledgements between them at random: every few days a full scan
at the same instant finds nothing to change, alert by alert. So the incremental scan, which
looks only at children changed or due, missed nothing a full look would have found."""

from __future__ import annotations

import datetime as dt
import random

from care_plans import due_dates
from care_plans.tables import Child, Referral, ReferralStep
from milestones.ages import whole_months
from service import db
from tests.api.alerting import alerts, full_scan_at, scan_at, utcnow
from tests.api.development import assess, register
from tests.api.referrals import consented, partner, refer
from tests.conftest import run

DAYS = 30


def _backdate(child_ids: list[str], start: dt.datetime, rng: random.Random) -> None:
    """As if each child had come into care some weeks or months before `start`."""
    async def go():
        async with db.writing():
            for cid in child_ids:
                at = start - dt.timedelta(days=rng.randint(5, 200), hours=rng.randint(0, 23))
                await Child.update({Child.registered_at: at}).where(Child.id == cid)
            await due_dates.refresh_check_in_due(child_ids, start)
            await due_dates.refresh_review_due(child_ids, start)
            await due_dates.lock_children(child_ids)
    run(go())


async def _backdate_referral(child_id: str, referral_id: str, at: dt.datetime) -> None:
    async with db.writing():
        await Referral.update({Referral.state_at: at, Referral.created_at: at}).where(Referral.id == referral_id)
        await ReferralStep.update({ReferralStep.at: at}).where(ReferralStep.referral == referral_id)
        await due_dates.lock_children([child_id])  # a change behind the service's back


def _state() -> list[tuple]:
    return sorted((a["kind"], str(a["child"]), a["cause_key"], a["severity"], a["status"],
                   tuple(a["reasons"]), a["count"], str(a["escalated_at"]), str(a["resolved_at"]))
                  for a in alerts())


class Caseload:
    def __init__(self, api, rng: random.Random, start: dt.datetime):
        self.api, self.rng = api, rng
        self.births = {register(api, start.date() - dt.timedelta(days=rng.randint(20, 17 * 365)),
                                weeks=rng.choice([None, None, None, 30, 34, 37])): None for _ in range(24)}
        for cid in self.births:
            self.births[cid] = dt.date.fromisoformat(api.get("cw", f"/api/v1/children/{cid}").json()["birth_date"])
        self.away: dict[str, str] = {}  # child -> open missing episode
        self.catalogue = api.get("th", "/api/v1/milestones").json()
        self.partner = partner(api)["id"]
        self.referrals: dict[str, str] = {}  # child -> referral under way

    def events(self, after: dt.datetime, before: dt.datetime) -> None:
        for _ in range(self.rng.randint(2, 6)):
            cid = self.rng.choice(list(self.births))
            at = after + (before - after) * self.rng.random()
            getattr(self, self.rng.choice(["check_in", "check_in", "move", "missing_or_back", "assess",
                                           "flag", "acknowledge", "refer"]))(cid, at)

    def check_in(self, cid: str, at: dt.datetime) -> None:
        self._ok(self.api.post("cw", f"/api/v1/children/{cid}/check-ins", json={
            "occurred_at": at.isoformat(), "mode": "in_person", "child_seen": self.rng.random() < 0.8}))

    def move(self, cid: str, at: dt.datetime) -> None:
        self._ok(self.api.post("cw", f"/api/v1/children/{cid}/placements", json={
            "kind": self.rng.choice(["foster", "kinship", "residential", "independent"]),
            "started_on": at.date().isoformat(), "planned": self.rng.random() < 0.5}), also=(409, 400))

    def missing_or_back(self, cid: str, at: dt.datetime) -> None:
        if cid in self.away:
            self._ok(self.api.patch("cw", f"/api/v1/children/{cid}/missing-episodes/{self.away.pop(cid)}",
                                    json={"returned_at": at.isoformat()}))
            return
        made = self.api.post("cw", f"/api/v1/children/{cid}/missing-episodes", json={"went_missing_at": at.isoformat()})
        self._ok(made, also=(400,))
        if made.status_code == 201:
            self.away[cid] = made.json()["id"]

    def assess(self, cid: str, at: dt.datetime) -> None:
        months = whole_months(self.births[cid], at.date())
        if months < 2 or months > 60:
            return
        due = [m["code"] for m in self.catalogue if m["age_months"] <= months]
        picked = self.rng.sample(due, min(len(due), 6))
        assess(self.api, cid, at.date(), {code: self.rng.choice(["achieved", "emerging", "not_yet"])
                                           for code in picked})

    def flag(self, cid: str, at: dt.datetime) -> None:
        code = self.rng.choice(["exploiter_contact", "unexplained_items", "older_companion"])
        self._ok(self.api.post("cw", f"/api/v1/children/{cid}/risk-indicators", json={"code": code}), also=(409,))

    def acknowledge(self, cid: str, at: dt.datetime) -> None:
        waiting = [a for a in alerts(status="open") if a["kind"] != "overdue_review"]
        if waiting:
            chosen = self.rng.choice(waiting)
            self._ok(self.api.post("sup", f"/api/v1/alerts/{chosen['id']}/acknowledge",
                                   json={"note": "Seen; acting on it."}), also=(409,))

    def refer(self, cid: str, at: dt.datetime) -> None:
        """A new referral, dated `at` as if made then, or the next step of the one under way."""
        if cid in self.referrals:
            to = {"drafted": "sent", "sent": self.rng.choice(["accepted", "declined"]), "accepted": "started",
                  "started": "closed"}[self.api.get("cw", f"/api/v1/referrals/{self.referrals[cid]}").json()["state"]]
            moved = self.api.post("cw", f"/api/v1/referrals/{self.referrals[cid]}/steps",
                                  json={"to": to, "at": at.isoformat(), "outcome": "Service completed"})
            self._ok(moved, also=(400,))
            if moved.status_code == 200 and to in ("declined", "closed"):
                self.referrals.pop(cid)
            return
        consented(self.api, cid, self.partner)
        made = refer(self.api, cid, self.partner)
        self._ok(made)
        self.referrals[cid] = made.json()["id"]
        run(_backdate_referral(cid, made.json()["id"], at))

    @staticmethod
    def _ok(response, also=()) -> None:
        assert response.status_code in (200, 201, *also), response.text



def test_thirty_days_of_incremental_scans_match_a_full_scan(api):
    rng = random.Random(20261130)
    start = (utcnow() - dt.timedelta(days=DAYS + 1)).replace(minute=0, second=0)
    caseload = Caseload(api, rng, start)
    _backdate(list(caseload.births), start, rng)
    previous, compared = start, 0
    for day in range(DAYS):
        at = start + dt.timedelta(days=day, hours=rng.randint(0, 23), minutes=rng.randint(0, 59))
        if day:
            caseload.events(previous, at)
        scan_at(at)
        previous = at
        if day % 3 == 2 or day == DAYS - 1:
            before = _state()
            full = full_scan_at(at)
            assert (full["raised"], full["updated"], full["resolved"], full["escalated"]) == (0, 0, 0, 0), (day, full)
            assert _state() == before, day
            compared += 1
    kinds = {a["kind"] for a in alerts()}
    assert compared == 10 and len(kinds) >= 5 and "referral_stalled" in kinds, kinds
