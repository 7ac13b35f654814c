"""Keeping a child's placement locations from those who may not see them, in free text too.

A location can slip into any text a caseworker writes (a task's outcome, a safety plan's safe
places). For anyone who may not see locations, such fields are dropped where they are about
places, and elsewhere every location of the child's placements is blanked out wherever it
appears, whatever its case.
"""

from __future__ import annotations

import re

HIDDEN = "[placement location hidden]"


def hide(text: str | None, locations: list[str]) -> str | None:
    if not text:
        return text
    for place in sorted({p.strip() for p in locations if p and p.strip()}, key=len, reverse=True):
        text = re.sub(re.escape(place), HIDDEN, text, flags=re.IGNORECASE)
    return text


def locations_of(placement_rows: list[dict]) -> list[str]:
    return [p["location"] for p in placement_rows if p.get("location")]
