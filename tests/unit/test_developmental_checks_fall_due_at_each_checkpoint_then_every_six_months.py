"""The next developmental check: at each CDC checkpoint by the age used (corrected for preterm
infants), every 6 months after 5 years; a passed check age since the last assessment is due
from the day it was reached. (These children came into care at birth; a newcomer's settling-in
period has its own test.)"""

import datetime as dt

from milestones.due import next_check_due

D = dt.date
BORN = D(2026, 1, 15)


def test_a_newborn_is_first_due_at_two_months():
    assert next_check_due(BORN, 39, BORN, None, D(2026, 2, 1)) == D(2026, 3, 15)


def test_a_preterm_infant_is_due_by_corrected_age():
    # 32 weeks: due date 12 March, so two months corrected on 12 May
    assert next_check_due(BORN, 32, BORN, None, D(2026, 2, 1)) == D(2026, 5, 12)


def test_unknown_gestation_is_due_by_chronological_age():
    assert next_check_due(BORN, None, BORN, None, D(2026, 2, 1)) == D(2026, 3, 15)


def test_after_an_assessment_the_next_checkpoint_is_due():
    assert next_check_due(BORN, 40, BORN, D(2026, 3, 20), D(2026, 4, 1)) == D(2026, 5, 15)
    assert next_check_due(BORN, 40, BORN, D(2026, 7, 20), D(2026, 8, 1)) == D(2026, 10, 15)  # 9 months


def test_a_check_age_passed_without_assessment_is_due_from_the_latest_one_reached():
    assert next_check_due(BORN, 40, BORN, D(2026, 3, 20), D(2026, 8, 1)) == D(2026, 7, 15)  # 6 months
    assert next_check_due(BORN, None, BORN, None, D(2029, 3, 1)) == D(2029, 1, 15)  # 36 months


def test_after_five_years_checks_are_every_six_months():
    assert next_check_due(BORN, 40, BORN, D(2031, 1, 20), D(2031, 2, 1)) == D(2031, 7, 15)   # 66 months
    assert next_check_due(BORN, 40, BORN, D(2031, 7, 15), D(2031, 8, 1)) == D(2032, 1, 15)   # 72 months


def test_a_child_who_arrives_after_the_checkpoint_is_first_due_after_settling_in():
    arrived = D(2026, 8, 1)  # six-month checkpoint passed on 15 July
    assert next_check_due(BORN, None, arrived, None, arrived) == D(2026, 8, 31)
    assert next_check_due(BORN, None, arrived, None, D(2026, 10, 20)) == D(2026, 10, 15)  # 9 months
    assert next_check_due(BORN, None, arrived, D(2026, 8, 10), D(2026, 8, 20)) == D(2026, 10, 15)
