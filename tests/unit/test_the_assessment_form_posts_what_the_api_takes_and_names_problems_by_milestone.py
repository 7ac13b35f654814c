"""The assessment form's radio groups become the API's request body (unobserved items are left
out), a problem with one observation is put beside that milestone's radio group, and ages are
said in words, "about" when the birth date is estimated."""

from milestones.pages import field_names, in_words, posted_assessment


def test_only_observed_milestones_are_sent():
    body, codes = posted_assessment({"assessed_on": "2026-05-01", "notes": "Calm",
                                     "m-M09-LC-1": "not_yet", "m-M09-SE-1": "", "m-M06-MV-1": "achieved"})
    assert body["observations"] == [{"milestone": "M09-LC-1", "status": "not_yet"},
                                    {"milestone": "M06-MV-1", "status": "achieved"}]
    assert codes == ["M09-LC-1", "M06-MV-1"]


def test_a_problem_with_an_observation_is_named_by_its_radio_group():
    named = field_names({"observations[1].status": "is not one of the choices",
                         "assessed_on": "cannot be in the future"}, ["M09-LC-1", "M06-MV-1"])
    assert named == {"m-M06-MV-1": "is not one of the choices", "assessed_on": "cannot be in the future"}


def test_ages_in_words():
    assert [in_words(n) for n in (1, 14, 24, 37, None)] == [
        "1 month", "14 months", "2 years", "3 years, 1 month", None]
    assert in_words(14, estimated=True) == "about 14 months"
