"""What a referral shares: the chosen fields of the child's record as they stand, one value
each, never the whole record. The placement location is given only to those who may see it
(the caseworker and supervisor), whoever asks and whatever the referral lists."""

from __future__ import annotations

from care_plans import children, placements, plans
from care_plans.tables import Child
from service import clock

LABELS = {
    "display_name": "Name", "birth_date": "Date of birth", "sex": "Sex", "languages": "Languages",
    "documentation_status": "Identity documents", "case_number": "Case number",
    "caseworker_contact": "Caseworker", "placement_kind": "Kind of placement",
    "placement_location": "Placement location", "care_plan_goals": "Care plan goals",
}


async def values(referral: dict, shows_location: bool) -> list[tuple[str, str]]:
    child = await children.get(referral["child"])
    history = await placements.history(referral["child"])
    current = next((p for p in history if p["ended_on"] is None), None)
    found = []
    for name in referral["shared_fields"]:
        if name == "placement_location" and not shows_location:
            continue
        found.append((name, await _value(name, child, current)))
    return found


async def _value(name: str, child: dict, current: dict | None) -> str:
    if name == "birth_date":
        return clock.day_label(child["birth_date"]) + (" (estimated)" if child["birth_date_estimated"] else "")
    if name == "languages":
        return ", ".join(child["languages"]) or "not recorded"
    if name == "caseworker_contact":
        return await _caseworker(child["id"])
    if name in ("placement_kind", "placement_location"):
        field = "kind" if name == "placement_kind" else "location"
        return (current or {}).get(field) or "not recorded"
    if name == "care_plan_goals":
        plan = await plans.current(child["id"])
        return "; ".join(g["description"] for g in plan["goals"]) if plan else "no plan in force"
    return str(child.get(name) or "not recorded")


async def _caseworker(child_id) -> str:
    row = await Child.select(Child.caseworker.full_name, Child.caseworker.email).where(
        Child.id == child_id).first()
    return " ".join(v for v in (row["caseworker.full_name"], row["caseworker.email"]) if v) or "not recorded"
