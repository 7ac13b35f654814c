"""Whole calendar months (month ends and leap days included), and corrected age for babies
born more than three weeks early (36 weeks or less), by the 40-week full term, until 24 months
chronological: the AAP's convention, the default."""

import datetime as dt

import pytest

from milestones.ages import FULL_TERM_WEEKS, age_note, age_on, reaches, whole_months

D = dt.date


@pytest.mark.parametrize("born,on,months", [
    (D(2026, 1, 31), D(2026, 2, 27), 0),
    (D(2026, 1, 31), D(2026, 2, 28), 1),    # the shorter month's last day counts
    (D(2028, 1, 31), D(2028, 2, 28), 0),    # leap year: not until the 29th
    (D(2028, 1, 31), D(2028, 2, 29), 1),
    (D(2028, 2, 29), D(2029, 2, 27), 11),   # born on a leap day
    (D(2028, 2, 29), D(2029, 2, 28), 12),
    (D(2026, 3, 14), D(2026, 4, 13), 0),
    (D(2026, 3, 14), D(2026, 4, 14), 1),
    (D(2020, 6, 1), D(2026, 5, 31), 71),
    (D(2026, 3, 14), D(2026, 3, 1), 0),     # before birth is not negative
])
def test_whole_months(born, on, months):
    assert whole_months(born, on) == months


def test_a_baby_born_at_32_weeks_is_corrected_by_eight_weeks():
    age = age_on(D(2026, 3, 14), 32, D(2026, 9, 14))
    assert age.chronological_months == 6
    assert age.corrected_months == 4       # due date 9 May: four whole months on 14 September
    assert age.used_months == 4
    assert age.full_term_weeks == FULL_TERM_WEEKS == 40


def test_four_weeks_early_is_corrected_and_three_weeks_early_is_not():
    assert age_on(D(2026, 1, 1), 36, D(2026, 6, 1)).corrected_months == 4
    assert age_on(D(2026, 1, 1), 37, D(2026, 6, 1)).corrected_months is None
    assert age_on(D(2026, 1, 1), 37, D(2026, 6, 1)).convention == "aap"


def test_correction_stops_at_24_months_chronological():
    assert age_on(D(2024, 1, 10), 28, D(2026, 1, 9)).corrected_months == 21  # due 3 April 2024
    later = age_on(D(2024, 1, 10), 28, D(2026, 1, 10))
    assert later.corrected_months is None and later.used_months == 24


def test_before_the_due_date_the_corrected_age_is_zero():
    assert age_on(D(2026, 3, 1), 26, D(2026, 4, 1)).corrected_months == 0


def test_unknown_gestation_uses_chronological_age_and_says_so():
    age = age_on(D(2026, 1, 1), None, D(2026, 6, 1), birth_date_estimated=True)
    assert age.corrected_months is None and age.used_months == 5
    assert not age.gestational_age_known and age.birth_date_estimated
    note = age_note(age)
    assert "estimated" in note and "unknown" in note


def test_a_known_full_term_birth_with_a_known_date_needs_no_note():
    assert age_note(age_on(D(2026, 1, 1), 40, D(2026, 6, 1))) is None


def test_a_checkpoint_is_reached_by_the_age_used():
    assert reaches(D(2026, 3, 14), 32, 2) == D(2026, 7, 9)      # two months after the due date
    assert reaches(D(2026, 3, 14), None, 2) == D(2026, 5, 14)
    # 24 months corrected would be after 24 chronological: reached when correction ends
    assert reaches(D(2024, 1, 10), 28, 24) == D(2026, 1, 10)
    assert reaches(D(2024, 1, 10), 28, 30) == D(2026, 7, 10)
