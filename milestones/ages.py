"""A child's age in whole months, and the corrected age that preterm infants are checked by.

Corrected age = chronological age − weeks born early, where weeks born early = full term −
gestational age at birth, until 24 months chronological (by when most have caught up). Which
full term, and from how early a birth is corrected, is one convention applied everywhere
(`HAVEN_CORRECTED_AGE_CONVENTION`):

- `aap` (the default), the American Academy of Pediatrics: full term is 40 weeks and a baby
  born *more than* 3 weeks early is corrected, so 36+6 or earlier. Gestation is recorded in
  completed weeks, so 36 weeks or less is corrected and a 37-week baby is not.
- `asq`, the Ages and Stages Questionnaires: full term is 39 weeks and a baby born 3 or more
  weeks early is corrected, so again 36 weeks or less, by one week less.

Counting weeks early from the birth date gives the due date; corrected age is then whole
months since the due date, by the same calendar rule. `HAVEN_CORRECT_UNTIL_MONTHS` sets the
24 months.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta

from care_plans.cadence import add_months
from service.i18n import N_, phrases
from service.settings import Settings


@dataclass(frozen=True)
class Convention:
    name: str
    full_term_weeks: int
    weeks_early: int  # weeks born early from which age is corrected...
    inclusive: bool  # ...counting that number itself (ASQ: "3 or more") or not (AAP: "more than 3")
    said: str

    def corrects(self, gestational_age_weeks: int) -> bool:
        early = self.full_term_weeks - gestational_age_weeks
        return early >= self.weeks_early if self.inclusive else early > self.weeks_early


CONVENTIONS = {
    "aap": Convention("aap", 40, 3, False, N_("the American Academy of Pediatrics' convention: a "
                                             "40-week full term, corrected when born more than 3 weeks early (36 weeks "
                                             "and 6 days or earlier)")),
    "asq": Convention("asq", 39, 3, True, N_("the Ages and Stages Questionnaires' convention: a "
                                            "39-week full term, corrected when born 3 or more weeks early")),
}


def convention(name: str) -> Convention:
    """The named convention; an unknown name is a configuration error, said at start-up."""
    try:
        return CONVENTIONS[name.strip().lower()]
    except KeyError:
        raise ValueError(f"HAVEN_CORRECTED_AGE_CONVENTION: expected aap or asq, not {name!r}") from None


# The age rule is set by settings (read once, like every setting); the defaults are above.
_RULE = Settings.from_env()
CONVENTION = convention(_RULE.corrected_age_convention)
FULL_TERM_WEEKS = CONVENTION.full_term_weeks
CORRECT_UNTIL_MONTHS = _RULE.correct_until_months


def whole_months(start: dt.date, on: dt.date) -> int:
    """Completed calendar months: born 31 Jan, one month old on the last day of February."""
    between = relativedelta(on, start)
    return max(between.years * 12 + between.months, 0)


def corrects(gestational_age_weeks: int | None) -> bool:
    """Whether a birth this early is corrected for (unknown gestation never is)."""
    if gestational_age_weeks is None:
        return False
    return CONVENTION.corrects(gestational_age_weeks)


def due_date(birth_date: dt.date, gestational_age_weeks: int) -> dt.date:
    return birth_date + dt.timedelta(weeks=FULL_TERM_WEEKS - gestational_age_weeks)


def correction_ends(birth_date: dt.date) -> dt.date:
    return add_months(birth_date, CORRECT_UNTIL_MONTHS)


@dataclass(frozen=True)
class Age:
    chronological_months: int
    corrected_months: int | None  # None when no correction applies
    birth_date_estimated: bool
    gestational_age_known: bool
    full_term_weeks: int = FULL_TERM_WEEKS
    convention: str = CONVENTION.name
    birth_date: dt.date | None = None  # with the gestation, when each checkpoint is reached
    gestational_age_weeks: int | None = None

    @property
    def used_months(self) -> int:
        return self.chronological_months if self.corrected_months is None else self.corrected_months

    def reaches(self, months: int) -> dt.date:
        """The day this child's age used first reached `months` (see `reaches`)."""
        return reaches(self.birth_date, self.gestational_age_weeks, months)


# Pure functions of their arguments (the rule is read once, at start): cached, as the scan asks
# them several times a child on the same day.
@functools.lru_cache(maxsize=65536)
def age_on(birth_date: dt.date, gestational_age_weeks: int | None, on: dt.date,
           birth_date_estimated: bool = False) -> Age:
    chronological = whole_months(birth_date, on)
    corrected = None
    if corrects(gestational_age_weeks) and on < correction_ends(birth_date):
        corrected = whole_months(due_date(birth_date, gestational_age_weeks), on)
    return Age(chronological, corrected, birth_date_estimated, gestational_age_weeks is not None,
               birth_date=birth_date, gestational_age_weeks=gestational_age_weeks)


@functools.lru_cache(maxsize=65536)
def reaches(birth_date: dt.date, gestational_age_weeks: int | None, months: int) -> dt.date:
    """The first day on which the age used is at least `months`.

    The age used never falls: at 24 months chronological it steps up from corrected to
    chronological, so a checkpoint skipped over by that step is reached on that day.
    """
    if corrects(gestational_age_weeks):
        corrected_day = add_months(due_date(birth_date, gestational_age_weeks), months)
        if corrected_day < correction_ends(birth_date):
            return corrected_day
        return max(add_months(birth_date, months), correction_ends(birth_date))
    return add_months(birth_date, months)


AGE_RULE = phrases(N_(
    "Milestones are checked against the age used: for a baby born early, corrected age until "
    "%(until)s months chronological (by then most have caught up), else chronological age. "
    "Corrected age = chronological age - (%(term)s - gestational weeks at birth), following %(convention)s."
))[0] % {"until": CORRECT_UNTIL_MONTHS, "term": FULL_TERM_WEEKS, "convention": CONVENTION.said}


def age_note(age: Age) -> str | None:
    """What a reader must know about how sure the age is."""
    return " ".join(age_notes(age)) or None


def age_notes(age: Age) -> list[str]:
    """The same, a sentence each: a page translates each where it shows them."""
    return [note for note, applies in ((ESTIMATED, age.birth_date_estimated),
                                       (UNKNOWN_GESTATION, not age.gestational_age_known)) if applies]


ESTIMATED = N_("The birth date is estimated, so ages are approximate.")
UNKNOWN_GESTATION = N_("Gestational age at birth is unknown, so no correction for prematurity is made.")
