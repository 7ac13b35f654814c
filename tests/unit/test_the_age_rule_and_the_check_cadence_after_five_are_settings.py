"""PRODUCT.md's rules are defaults, each configurable: the corrected-age rule (full term, how
early, until when) and the interval of developmental checks past 5 come from the environment,
read once when Haven starts, as every setting is. Run in a fresh interpreter with other values."""

import json
import os
import subprocess
import sys

PROBE = """
import datetime as dt, itertools, json
from milestones.ages import age_on, AGE_RULE
from milestones.due import check_ages
D = dt.date
print(json.dumps({
    "37_weeks": age_on(D(2026, 1, 1), 37, D(2026, 6, 1)).corrected_months,
    "38_weeks": age_on(D(2026, 1, 1), 38, D(2026, 6, 1)).corrected_months,
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
    found = probe(HAVEN_FULL_TERM_WEEKS="39", HAVEN_CORRECT_WHEN_WEEKS_EARLY="2",
                  HAVEN_CORRECT_UNTIL_MONTHS="12", HAVEN_CHECK_EVERY_MONTHS_AFTER_FIVE="12")
    assert found["37_weeks"] == 4 and found["38_weeks"] is None  # 2 weeks early of 39
    assert found["at_11_months"] == 8 and found["at_12_months"] is None  # 9 weeks early, until 12 months
    assert found["after_five"] == [72, 84, 96]
    assert "a full term of 39 weeks (the AAP's is 40)" in found["rule"]


def test_the_defaults_are_the_products():
    found = probe()
    assert found["37_weeks"] == 4 and found["38_weeks"] is None  # 3 weeks early of 40
    assert found["at_12_months"] == 9
    assert found["after_five"] == [66, 72, 78]
    assert "its full term of 40 weeks" in found["rule"]
