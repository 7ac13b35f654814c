"""Each indicator, over a caseload built by hand (tests/api/indicators_data.py), equals the
figure worked out by hand from its definition: for the team's supervisor, and the same for a
manager reading the whole service (every child here is in team north)."""

import pytest

from tests.api import indicators_data as data
from tests.conftest import run

COPIES = 5
ONE = data.ONE_COPY


@pytest.fixture
def report(api):
    run(data.build(COPIES))
    got = api.get("sup", "/api/v1/indicators", params=data.PERIOD)
    assert got.status_code == 200, got.text
    return {i["code"]: i for i in got.json()["indicators"]}


def _counts(indicator):
    return tuple(None if c is None else c["value"] for c in
                 (indicator["numerator"], indicator["denominator"], indicator["population"]))


def test_placement_moves_per_1000_days_in_care(report):
    i = report["placement_stability"]
    assert i["status"] == "ok"
    assert _counts(i) == (ONE["moves"] * COPIES, None, 5 * COPIES)
    assert i["value"] == pytest.approx(5 * 1000 / 755)  # 6.62 moves per 1,000 days
    assert "CFSR" in i["source"] and "1,000 days" in i["definition"]


def test_check_ins_on_time_and_the_median_days_late(report):
    i = report["check_ins_on_time"]
    assert _counts(i) == (3 * COPIES, 7 * COPIES, 3 * COPIES)
    assert i["value"] == pytest.approx(3 / 7)
    # Late by 7 days (A) and 3 days (B) in each copy: five 3s and five 7s, median (3 + 7) / 2.
    assert i["median_days_late"] == 5.0


def test_reviews_on_time_and_first_reviews_in_their_window(report):
    assert _counts(report["reviews_on_time"]) == (3 * COPIES, 5 * COPIES, 4 * COPIES)
    assert report["reviews_on_time"]["value"] == pytest.approx(3 / 5)
    assert _counts(report["first_review_in_window"]) == (1 * COPIES, 2 * COPIES, 2 * COPIES)
    assert report["first_review_in_window"]["value"] == pytest.approx(1 / 2)


def test_missing_episodes_per_child_year_and_going_missing_again(report):
    rate = report["missing_per_child_year"]
    assert _counts(rate) == (5 * COPIES, None, 5 * COPIES)
    assert rate["value"] == pytest.approx(5 / (755 / 365.25))  # 2.42 a child-year
    again = report["missing_again_within_90_days"]
    assert _counts(again) == (1 * COPIES, 5 * COPIES, 4 * COPIES)
    assert again["value"] == pytest.approx(1 / 5)


def test_episodes_whose_duties_were_never_recorded_as_done_count_as_not_yet_done(report):
    # No episode here has its tasks (their own test counts them): every one is not yet done.
    police, interview = report["missing_police_within_24h"], report["missing_return_interview_within_72h"]
    assert _counts(police) == (0, ONE["episodes"] * COPIES, 4 * COPIES) and police["shown"] == "0%"
    assert _counts(interview) == (0, ONE["returns"] * COPIES, 4 * COPIES) and interview["shown"] == "0%"


def test_developmental_checks_on_time_by_the_corrected_age_of_a_baby_born_early(report):
    i = report["developmental_checks_on_time"]
    assert _counts(i) == (4 * COPIES, 7 * COPIES, 5 * COPIES)
    assert i["value"] == pytest.approx(4 / 7)


def test_concerns_followed_by_a_referral_and_referral_outcomes(report):
    concerns = report["concerns_followed_by_referral"]
    assert _counts(concerns) == (2 * COPIES, 4 * COPIES, 4 * COPIES)
    assert concerns["value"] == pytest.approx(2 / 4)
    accepted = report["referrals_accepted"]
    assert _counts(accepted) == (2 * COPIES, 3 * COPIES, 3 * COPIES)
    assert accepted["value"] == pytest.approx(2 / 3)
    completed = report["referrals_completed"]
    assert _counts(completed) == (1 * COPIES, 2 * COPIES, 2 * COPIES)
    assert completed["value"] == pytest.approx(1 / 2)


def test_each_month_of_the_period_has_its_own_figure(report):
    months = report["missing_per_child_year"]["months"]
    assert [m["month"] for m in months] == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"]
    # January: A's episode in each copy (5), over 31 days of A, C, D, E in care (B came in March).
    assert months[0]["value"] == pytest.approx(5 / (5 * 4 * 31 / 365.25))


def test_a_manager_reads_the_same_figures_for_the_whole_service(api, report):
    whole = api.get("mgr", "/api/v1/indicators", params=data.PERIOD)
    assert whole.status_code == 200, whole.text
    assert whole.json()["scope"] == "service"
    assert {i["code"]: i["value"] for i in whole.json()["indicators"]} == {c: i["value"] for c, i in report.items()}
