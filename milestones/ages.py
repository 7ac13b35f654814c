"""A child's age in whole months, and the corrected age that preterm infants are checked by.

Corrected age follows the AAP formula: chronological age minus the weeks born early, where
weeks early = 40 − gestational age at birth. 40 weeks is the AAP's full term (the ASQ uses 39;
one convention, applied everywhere, is what matters, and the API states it as
`full_term_weeks`). It applies to babies born 3 or more weeks early, until 24 months
chronological, by when most have caught up. Counting weeks early from the birth date gives the
due date; corrected age is then whole months since the due date, by the same calendar rule.
The three numbers are settings (`HAVEN_FULL_TERM_WEEKS`, `HAVEN_CORRECT_WHEN_WEEKS_EARLY`,
`HAVEN_CORRECT_UNTIL_MONTHS`); these are their defaults.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from care_plans.cadence import add_months
from service.settings import Settings

# The age rule's numbers are settings (read once, like every setting); the defaults are above.
_RULE = Settings.from_env()
FULL_TERM_WEEKS = _RULE.full_term_weeks
CORRECT_WHEN_WEEKS_EARLY = _RULE.correct_when_weeks_early
CORRECT_UNTIL_MONTHS = _RULE.correct_until_months


def whole_months(start: dt.date, on: dt.date) -> int:
    """Completed calendar months: born 31 Jan, one month old on the last day of February."""
    months = (on.year - start.year) * 12 + on.month - start.month
    if months > 0 and add_months(start, months) > on:
        months -= 1
    return max(months, 0)


def corrects(gestational_age_weeks: int | None) -> bool:
    """Whether a birth this early is corrected for (unknown gestation never is)."""
    if gestational_age_weeks is None:
        return False
    return FULL_TERM_WEEKS - gestational_age_weeks >= CORRECT_WHEN_WEEKS_EARLY


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

    @property
    def used_months(self) -> int:
        return self.chronological_months if self.corrected_months is None else self.corrected_months


def age_on(birth_date: dt.date, gestational_age_weeks: int | None, on: dt.date,
           birth_date_estimated: bool = False) -> Age:
    chronological = whole_months(birth_date, on)
    corrected = None
    if corrects(gestational_age_weeks) and on < correction_ends(birth_date):
        corrected = whole_months(due_date(birth_date, gestational_age_weeks), on)
    return Age(chronological, corrected, birth_date_estimated, gestational_age_weeks is not None)


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


AGE_RULE = (
    f"Milestones are checked against the age used: corrected age for babies born "
    f"{CORRECT_WHEN_WEEKS_EARLY} or more weeks early, until {CORRECT_UNTIL_MONTHS} months "
    f"chronological (by then most have caught up), else chronological age. Corrected age = "
    f"chronological age - ({FULL_TERM_WEEKS} - gestational weeks at birth): the American Academy "
    f"of Pediatrics formula, with "
    + ("its full term of 40 weeks." if FULL_TERM_WEEKS == 40 else f"a full term of {FULL_TERM_WEEKS} weeks (the AAP's is 40).")
)


def age_note(age: Age) -> str | None:
    """What a reader must know about how sure the age is."""
    notes = []
    if age.birth_date_estimated:
        notes.append("The birth date is estimated, so ages are approximate.")
    if not age.gestational_age_known:
        notes.append("Gestational age at birth is unknown, so no correction for prematurity is made.")
    return " ".join(notes) or None
