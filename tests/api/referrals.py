"""Helpers for referral tests: a partner organisation, consent on the `child` fixture's case,
and a referral made and moved through the API."""

from __future__ import annotations

import datetime as dt

KINDS = ["early_intervention", "developmental_evaluation", "trauma_therapy", "health", "legal_advice"]


def partner(api, name: str = "Little Steps Early Intervention", services=None) -> dict:
    made = api.post("admin", "/api/v1/partners", json={
        "name": name, "services": services or KINDS, "contact": "Intake team, 0100 000 000",
        "secure_email": "intake@littlesteps.example"})
    assert made.status_code == 201, made.text
    return made.json()


def give_consent(api, child_id: str, purpose: str, partners=(), who: str = "cw", **extra) -> dict:
    body = {"given_by": "guardian", "giver_name": "Ms Osei", "given_on": dt.date.today().isoformat(),
            "purpose": purpose, "partners": list(partners), **extra}
    made = api.post(who, f"/api/v1/children/{child_id}/consents", json=body)
    assert made.status_code == 201, made.text
    return made.json()


def consented(api, child_id: str, partner_id: str) -> None:
    give_consent(api, child_id, "services")
    give_consent(api, child_id, "sharing", [partner_id])


def refer(api, child_id: str, partner_id: str, who: str = "cw", **extra):
    body = {"partner": partner_id, "kind": "early_intervention",
            "reason": "Not yet seen though due: babbles, rolls over", "shared_fields": ["display_name", "birth_date"],
            **extra}
    return api.post(who, f"/api/v1/children/{child_id}/referrals", json=body)


def step(api, referral_id: str, to: str, who: str = "cw", **extra):
    return api.post(who, f"/api/v1/referrals/{referral_id}/steps", json={"to": to, **extra})
