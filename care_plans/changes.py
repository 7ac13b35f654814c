"""What a new version of a care plan changes against the plan in force: for the caseworker
drafting it and for the supervisor deciding on it. A pure comparison of two plans as read by
`plans.get` (goals in order, services as a list)."""

from __future__ import annotations

from dataclasses import dataclass

FIELDS = (  # compared one to one, in the order a reader meets them on the page
    ("child_views", "The child's views"),
    ("child_views_not_obtained_reason", "Why the child's views could not be obtained"),
    ("review_every_days", "Review every … days"),
    ("check_in_every_days", "Check in every … days"),
)


@dataclass(frozen=True)
class Change:
    what: str  # what changed, in words
    before: str | None  # None when added
    after: str | None  # None when removed


def between(current: dict, proposed: dict) -> list[Change]:
    """Every difference from `current` to `proposed`; empty when they say the same."""
    found = [Change(label, _said(current[key]), _said(proposed[key]))
             for key, label in FIELDS if current[key] != proposed[key]]
    found += _listed("Goal", [_goal(g) for g in current["goals"]], [_goal(g) for g in proposed["goals"]])
    found += _listed("Service", current["services"], proposed["services"])
    return found


def _listed(what: str, before: list[str], after: list[str]) -> list[Change]:
    """Items removed, then items added; an item kept is no change, wherever it moved."""
    return ([Change(f"{what} removed", item, None) for item in before if item not in after]
            + [Change(f"{what} added", None, item) for item in after if item not in before])


def _goal(goal: dict) -> str:
    area = goal["domain"].replace("_", " ").capitalize()
    by = f" (by {goal['target_date']})" if goal.get("target_date") else ""
    return f"{area}: {goal['description']}{by}"


def _said(value) -> str | None:
    return None if value in (None, "") else str(value)
