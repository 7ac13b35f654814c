"""A step of the assessment form becomes the draft API's request body (a milestone left as
"not observed this time" takes an earlier answer back; `go` says where the form opens next), a
problem with one milestone is put beside that milestone's radio group, and ages are said in
words, "about" when the birth date is estimated."""

import datetime as dt

import pytest

from milestones.pages import draft_in, field_names, in_words
from service.errors import Invalid


def test_a_step_is_sent_as_the_draft_api_takes_it():
    data = draft_in({"step": "2", "go": "3", "m-M09-LC-1": "not_yet", "m-M09-SE-1": "",
                     "m-M06-MV-1": "achieved", "assessed_on": "2026-05-01", "notes": ""})
    assert data.observed == {"M09-LC-1": "not_yet", "M09-SE-1": "", "M06-MV-1": "achieved"}
    assert (data.step, data.assessed_on, data.notes) == ("3", dt.date(2026, 5, 1), "")


def test_recording_or_leaving_keeps_the_step_the_form_was_on():
    assert draft_in({"step": "finish", "go": "record"}).step == "finish"
    assert draft_in({"step": "2", "go": "later"}).step == "2"
    assert draft_in({"step": "2", "go": "3"}).notes is None  # a step without notes leaves them be


def test_a_bad_answer_or_step_is_refused_naming_it():
    with pytest.raises(Invalid) as refused:
        draft_in({"step": "1", "go": "../admin", "m-M09-LC-1": "failed"})
    assert set(refused.value.fields) >= {"step"}


def test_a_problem_with_a_milestone_is_named_by_its_radio_group():
    named = field_names({"observed.M06-MV-1": "is not a CDC 2022 milestone code",
                         "observations[0].milestone": "is observed twice",
                         "assessed_on": "cannot be in the future"})
    assert named == {"m-M06-MV-1": "is not a CDC 2022 milestone code", "observations": "is observed twice",
                     "assessed_on": "cannot be in the future"}


def test_ages_in_words():
    assert [in_words(n) for n in (1, 14, 24, 37, None)] == [
        "1 month", "14 months", "2 years", "3 years, 1 month", None]
    assert in_words(14, estimated=True) == "about 14 months"
