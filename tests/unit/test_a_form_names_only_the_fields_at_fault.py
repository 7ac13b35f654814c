"""A posted form is all text: when one field is wrong, the others (a ticked box, a number)
are not reported as wrong too, and a bad item of a list typed in one field is named by that
field."""

import pytest

from care_plans.schemas import ChildIn
from service import forms
from service.errors import Invalid


def problems(posted: dict) -> dict:
    with pytest.raises(Invalid) as refused:
        forms.parse(ChildIn, posted)
    return refused.value.fields


def test_only_the_bad_field_is_named():
    found = problems({"display_name": "x" * 121, "birth_date": "2020-01-01",
                      "birth_date_estimated": "true", "gestational_age_weeks": "30"})
    assert found == {"display_name": "must be at most 120 characters"}


def test_a_number_out_of_range_says_so():
    assert problems({"display_name": "A", "birth_date": "2020-01-01", "gestational_age_weeks": "50"}) == {
        "gestational_age_weeks": "must be 44 or less"}
    assert problems({"display_name": "A", "birth_date": "2020-01-01", "gestational_age_weeks": "x"}) == {
        "gestational_age_weeks": "must be a whole number"}


def test_a_list_item_is_named_by_its_field():
    found = problems({"display_name": "A", "birth_date": "2020-01-01", "languages": ["en", "x" * 41]})
    assert forms.flatten(found, "languages") == {"languages": "must be at most 40 characters"}
