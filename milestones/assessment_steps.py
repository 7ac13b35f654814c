"""The assessment form a step at a time, so it fits a phone: one step per domain with
milestones due, then the date and notes. A child first seen late (past earlier checkpoints,
never assessed) gets the current checkpoint's milestones in the domain steps and the earlier
ones behind an optional "earlier skills" step, instead of one list of eighty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from service.i18n import N_

FINISH, EARLIER = "finish", "earlier"


@dataclass
class Step:
    key: str  # "1", "2", … for the domains, then "finish"; "earlier" is off the count
    title: str  # in English, marked for the catalogue: the page translates it
    groups: list[dict] = field(default_factory=list)  # as `pages.form_groups` gives them
    number: int | None = None  # its place in the count; None for the optional step


def is_late(groups: list[dict], checkpoint: int | None, assessed_before: bool) -> bool:
    """Never assessed, and milestones of an earlier checkpoint are due too."""
    return not assessed_before and checkpoint is not None and any(
        e["item"].age_months < checkpoint for g in groups for e in g["open"] + g["achieved"])


def _part(group: dict, keep) -> dict:
    return {**group, "open": [e for e in group["open"] if keep(e)],
            "achieved": [e for e in group["achieved"] if keep(e)]}


def _has_items(group: dict) -> bool:
    return bool(group["open"] or group["achieved"])


def plan(groups: list[dict], checkpoint: int | None, late: bool) -> list[Step]:
    """Every step in order: the domains, the optional earlier skills, then date and notes."""
    current = [_part(g, lambda e: not late or e["item"].age_months == checkpoint) for g in groups]
    steps = [Step(str(n), g["label"], [g], n) for n, g in enumerate(filter(_has_items, current), 1)]
    earlier = [_part(g, lambda e: e["item"].age_months != checkpoint) for g in groups] if late else []
    earlier = [g for g in earlier if _has_items(g)]
    finish = Step(FINISH, N_("Date and notes"), number=len(steps) + 1)
    return steps + ([Step(EARLIER, N_("Earlier skills"), earlier)] if earlier else []) + [finish]


def find(steps: list[Step], key: str | None) -> Step:
    """The step named `key`, or the first (an unknown key from an old link starts again)."""
    return next((s for s in steps if s.key == key), steps[0])


def neighbours(steps: list[Step], step: Step) -> tuple[Step | None, Step | None]:
    """The step before and after `step` in the counted order (the optional one is reached
    from the last step, and goes back there)."""
    counted = [s for s in steps if s.number is not None]
    if step.number is None:
        return counted[-1], counted[-1]
    at = counted.index(step)
    return (counted[at - 1] if at else None), (counted[at + 1] if at + 1 < len(counted) else None)
