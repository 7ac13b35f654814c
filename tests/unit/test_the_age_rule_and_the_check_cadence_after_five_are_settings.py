"""PRODUCT.md's rules are defaults, each configurable: the corrected-age convention (the AAP's
or the ASQ's) and until when it applies, the interval of developmental checks past 5 and the
settling-in period before a newcomer's first check come from the environment, read once when
Haven starts, as every setting is. Run in a fresh interpreter with other values."""

import json
import os
import subprocess
import sys

PROBE = """
import datetime as dt, itertools, json
from milestones.ages import age_on, AGE_RULE
from milestones.due import check_ages, next_check_due
D = dt.date
print(json.dumps({
    "36_weeks": age_on(D(2026, 1, 1), 36, D(2026, 6, 1)).corrected_months,
    "37_weeks": age_on(D(2026, 1, 1), 37, D(2026, 6, 1)).corrected_months,
    "first_check": next_check_due(D(2025, 1, 1), None, D(2026, 3, 1), None, D(2026, 3, 1)).isoformat(),
    "at_11_months": age_on(D(2025, 1, 10), 30, D(2025, 12, 10)).corrected_months,
    "at_12_months": age_on(D(2025, 1, 10), 30, D(2026, 1, 10)).corrected_months,
    "after_five": [m for m in itertools.islice(check_ages(), 15) if m > 60],
    "rule": AGE_RULE,
}))
"""


def probe(**env) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE], env={**os.environ, **env},
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_other_values_change_the_rule():
    found = probe(HAVEN_CORRECTED_AGE_CONVENTION="asq", HAVEN_CORRECT_UNTIL_MONTHS="12",
                  HAVEN_CHECK_EVERY_MONTHS_AFTER_FIVE="12", HAVEN_SETTLING_IN_DAYS="14")
    assert found["36_weeks"] == 4 and found["37_weeks"] is None  # 3 weeks early of 39; 2 of 39
    assert found["at_11_months"] == 8 and found["at_12_months"] is None  # 9 weeks early, until 12 months
    assert found["after_five"] == [72, 84, 96]
    assert found["first_check"] == "2026-03-15"
    assert "39-week full term, corrected when born 3 or more weeks early" in found["rule"]


def test_the_defaults_are_the_products():
    found = probe()
    assert found["36_weeks"] == 4 and found["37_weeks"] is None  # 4 weeks early of 40; 3 is not more than 3
    assert found["at_12_months"] == 9
    assert found["after_five"] == [66, 72, 78]
    assert found["first_check"] == "2026-03-31"
    assert "40-week full term, corrected when born more than 3 weeks early" in found["rule"]


def test_an_unknown_convention_stops_haven_before_it_starts():
    done = subprocess.run([sys.executable, "-m", "service.cli", "init"], capture_output=True, text=True,
                          env={**os.environ, "HAVEN_CORRECTED_AGE_CONVENTION": "who"})
    assert done.returncode == 2 and "HAVEN_CORRECTED_AGE_CONVENTION" in done.stderr
