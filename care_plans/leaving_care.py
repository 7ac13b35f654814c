"""From 16, a child's care plan prepares for leaving care, and each review asks how it goes.

The age follows England's leaving-care duties: a pathway plan for an eligible child from 16
(Children (Leaving Care) Act 2000; Care Planning, Placement and Case Review (England)
Regulations 2010, Schedule 8: accommodation, income, education or work, support network).
"""

from __future__ import annotations

import datetime as dt

import msgspec
from dateutil.relativedelta import relativedelta

from service.errors import Invalid

FROM_AGE = 16
PARTS = {
    "where_they_will_live": "where they will live",
    "income": "their income",
    "education_or_work": "education or work",
    "who_they_can_call": "who they can call",
}


def due(birth_date: dt.date, today: dt.date) -> bool:
    """Whether the child is 16 or more today."""
    return birth_date + relativedelta(years=FROM_AGE) <= today


def stored(section) -> dict:
    """The section as the plan keeps it: each part stripped; nothing for none."""
    if section is None:
        return {}
    values = msgspec.structs.asdict(section) if not isinstance(section, dict) else section
    return {k: (values.get(k) or "").strip() for k in PARTS}


def require_in_plan(plan: dict, birth_date: dt.date, today: dt.date) -> None:
    """Before a plan for a child of 16 or more goes to the supervisor: every part written."""
    if not due(birth_date, today):
        return
    section = plan.get("leaving_care") or {}
    empty = {f"leaving_care.{k}": f"is needed from {FROM_AGE}: say {words}, even if not yet known"
             for k, words in PARTS.items() if not (section.get(k) or "").strip()}
    if empty:
        raise Invalid(empty)


def require_in_review(text: str, birth_date: dt.date, today: dt.date) -> None:
    if due(birth_date, today) and not (text or "").strip():
        raise Invalid({"leaving_care": f"is asked at every review from {FROM_AGE}: how the plan for "
                                       "leaving care is going, in the young person's words too"})
