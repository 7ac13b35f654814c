"""The development summary: which milestones are due by the age used, how each was last
observed, and what needs attention.

A milestone is due once the age used (corrected age for preterm infants under 24 months)
reaches its checkpoint. The latest observation of a milestone wins. A due milestone last
observed `not_yet` is a concern; one achieved earlier and `not_yet` now is a regression, which
is always a concern, due or not. Past 60 months there are no CDC items: care-plan goals take
over. Pure functions: the caller supplies the age and the observations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from milestones import catalogue
from milestones.ages import Age
from milestones.catalogue import Item

ACHIEVED, EMERGING, NOT_YET = "achieved", "emerging", "not_yet"
BEYOND_CHECKLIST = ("The CDC checklists end at 5 years, so no milestones are listed for this "
                    "child. Their developmental review every 6 months is recorded in words, "
                    "and development goals by domain belong in the care plan.")


@dataclass(frozen=True)
class Seen:
    """One observation of one milestone, in the order observations were made."""

    code: str
    status: str
    assessed_on: dt.date


@dataclass(frozen=True)
class DomainCount:
    domain: str
    due: int
    achieved: int
    emerging: int
    not_yet: int
    never_observed: int
    items: tuple[tuple[Item, str | None], ...] = ()  # each due milestone, latest status or None


@dataclass(frozen=True)
class Summary:
    age: Age
    domains: list[DomainCount]
    concerns: list[Item]
    regressions: list[Item]
    beyond_checklist: bool

    @property
    def needs_action(self) -> bool:
        return bool(self.concerns)


def latest(observations: Sequence[Seen]) -> dict[str, str]:
    """Each milestone's latest status; `observations` are oldest first."""
    return {o.code: o.status for o in observations}


def regressed(observations: Sequence[Seen]) -> set[str]:
    """Milestones achieved at some point and last observed `not_yet`."""
    ever_achieved = {o.code for o in observations if o.status == ACHIEVED}
    return {code for code, status in latest(observations).items()
            if status == NOT_YET and code in ever_achieved}


def due_items(age_used_months: int) -> list[Item]:
    if age_used_months > catalogue.LAST_CHECKPOINT:
        return []
    return [i for i in catalogue.items() if i.age_months <= age_used_months]


def summarise(age: Age, observations: Sequence[Seen]) -> Summary:
    if age.used_months > catalogue.LAST_CHECKPOINT:
        return Summary(age, [], [], [], beyond_checklist=True)
    due = due_items(age.used_months)
    status = latest(observations)
    lost = regressed(observations)
    due_not_yet = {i.code for i in due if status.get(i.code) == NOT_YET}
    concerns = [i for i in catalogue.items() if i.code in lost | due_not_yet]
    regressions = [i for i in catalogue.items() if i.code in lost]
    return Summary(age, _counts(due, status), concerns, regressions, beyond_checklist=False)


def _counts(due: list[Item], status: dict[str, str]) -> list[DomainCount]:
    counts = []
    for domain in catalogue.DOMAINS:
        items = tuple((i, status.get(i.code)) for i in due if i.domain == domain)
        seen = [s for _, s in items]
        counts.append(DomainCount(domain, len(seen), seen.count(ACHIEVED), seen.count(EMERGING),
                                  seen.count(NOT_YET), seen.count(None), items))
    return counts
