"""The development summary: which milestones are due by the age used, how each was last
observed, and what needs attention.

A milestone is due once the age used (corrected age for preterm infants under 24 months)
reaches its checkpoint. The latest observation of a milestone wins.

- A **concern** is a due milestone whose latest observation is `not_yet` and was made on or
  after the day the child's age used reached the milestone's checkpoint. A "not yet" seen
  before then is what most children show at that age: it is not a concern later on its own,
  only a new observation once the milestone is due can make it one.
- A due milestone **never observed** is just that: shown as never observed, counted in no
  share, and never a concern by itself (the `assessment_due` alert asks for the check).
- A **regression** is a skill observed `achieved` and later `not_yet`, at any age. It stays a
  regression, and a concern, until a later observation shows the skill again (`achieved`, or
  `emerging` as it comes back), past 5 years too.

Past 60 months there are no CDC items: care-plan goals take over, and only regressions remain.
Pure functions: the caller supplies the age and the observations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from milestones import catalogue
from milestones.ages import Age
from milestones.catalogue import Item
from service.i18n import N_

ACHIEVED, EMERGING, NOT_YET = "achieved", "emerging", "not_yet"
CDC_MEANING = N_("The CDC checklists list what most children (about 3 in 4) can do by each age. "
                 "A skill a child does not show by then is a reason to talk with their doctor, "
                 "not a diagnosis or a screening test.")
BEYOND_CHECKLIST = N_("The CDC checklists end at 5 years, so no milestones are listed for this "
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

    @property
    def observed(self) -> int:
        return self.due - self.never_observed

    @property
    def share_achieved(self) -> float | None:
        """Achieved of those observed: a milestone never observed is unknown, not "not yet"."""
        return round(self.achieved / self.observed, 3) if self.observed else None


@dataclass(frozen=True)
class Summary:
    age: Age
    domains: list[DomainCount]
    concerns: list[Item]
    regressions: list[Item]
    beyond_checklist: bool
    observed_on: dict[str, dt.date] = field(default_factory=dict)  # each milestone's latest

    @property
    def needs_action(self) -> bool:
        return bool(self.concerns)


def latest(observations: Sequence[Seen]) -> dict[str, Seen]:
    """Each milestone's latest observation; `observations` are oldest first."""
    return {o.code: o for o in observations}


def regressed(observations: Sequence[Seen]) -> set[str]:
    """Milestones achieved at some point and last observed `not_yet`."""
    ever_achieved = {o.code for o in observations if o.status == ACHIEVED}
    return {code for code, seen in latest(observations).items()
            if seen.status == NOT_YET and code in ever_achieved}


def due_items(age_used_months: int) -> list[Item]:
    if age_used_months > catalogue.LAST_CHECKPOINT:
        return []
    return [i for i in catalogue.items() if i.age_months <= age_used_months]


def not_yet_when_due(age: Age, last: dict[str, Seen]) -> set[str]:
    """Due milestones last observed `not_yet` on or after the day they fell due (of a child's
    latest observations `last`: the scan asks this of every child, so it walks the few
    milestones observed rather than the catalogue)."""
    items = catalogue.by_code()
    return {code for code, seen in last.items() if seen.status == NOT_YET and (item := items.get(code))
            and item.age_months <= age.used_months and seen.assessed_on >= age.reaches(item.age_months)}


def summarise(age: Age, observations: Sequence[Seen]) -> Summary:
    lost = regressed(observations)
    regressions = [i for i in catalogue.items() if i.code in lost]
    if age.used_months > catalogue.LAST_CHECKPOINT:
        return Summary(age, [], regressions, regressions, beyond_checklist=True)
    due, last = due_items(age.used_months), latest(observations)
    flagged = lost | not_yet_when_due(age, last)
    concerns = [i for i in catalogue.items() if i.code in flagged]
    status = {code: seen.status for code, seen in last.items()}
    return Summary(age, _counts(due, status), concerns, regressions, beyond_checklist=False,
                   observed_on={code: seen.assessed_on for code, seen in last.items()})


def _counts(due: list[Item], status: dict[str, str]) -> list[DomainCount]:
    counts = []
    for domain in catalogue.DOMAINS:
        items = tuple((i, status.get(i.code)) for i in due if i.domain == domain)
        seen = [s for _, s in items]
        counts.append(DomainCount(domain, len(seen), seen.count(ACHIEVED), seen.count(EMERGING),
                                  seen.count(NOT_YET), seen.count(None), items))
    return counts
