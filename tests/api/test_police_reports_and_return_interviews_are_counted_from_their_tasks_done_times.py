"""The missing-episode duty indicators count the episode's tasks (care_plans.duties): the
police report done within 24 hours of going missing, the return interview within 72 hours of
the return. Worked by hand over five copies of one child's four episodes, period 2025 H1:

- 1 Feb 00:00 missing, police told 10:00 (on time); back 3 Feb 00:00, interview 5 Feb 00:00 (48 h, on time)
- 1 Mar 00:00 missing, police told 2 Mar 06:00 (30 h, late); back 2 Mar 00:00, interview 6 Mar (96 h, late)
- 1 Apr 00:00 missing, police report never done; back 1 Apr 12:00, no interview
- 30 Jun 23:00 missing, police told 1 Jul 05:00 (on time); back 2 Jul, after the period

Police: 2 of 4 episodes on time; return interviews: 1 of 3 returns in the period.
"""

import datetime as dt
import uuid

import pytest

from care_plans.tables import MissingEpisode, Task
from tests.api import indicators_data as data
from tests.conftest import run

COPIES = 5
EPISODES = [  # went, police done, back, interview done
    ("2025-02-01T00:00", "2025-02-01T10:00", "2025-02-03T00:00", "2025-02-05T00:00"),
    ("2025-03-01T00:00", "2025-03-02T06:00", "2025-03-02T00:00", "2025-03-06T00:00"),
    ("2025-04-01T00:00", None, "2025-04-01T12:00", None),
    ("2025-06-30T23:00", "2025-07-01T05:00", "2025-07-02T00:00", None),
]


def _at(text):
    return None if text is None else dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone.utc)


async def _task(ids, cid, episode, kind, due, done):
    await Task.insert(Task(id=uuid.uuid4(), child=cid, episode=episode, kind=kind, due_at=due, created_at=due,
                           done_at=done, done_by=ids["cw"] if done else None))


async def _build():
    ids = await data._ids()
    for n in range(COPIES):
        cid = await data._child(ids, f"Survivor {n}", "2024-06-01", "2012-01-01")
        for went, told, back, interviewed in EPISODES:
            episode = uuid.uuid4()
            await MissingEpisode.insert(MissingEpisode(id=episode, child=cid, went_missing_at=_at(went),
                                                       returned_at=_at(back), recorded_by=ids["cw"],
                                                       recorded_at=_at(back)))
            await _task(ids, cid, episode, "police_report", _at(went) + dt.timedelta(hours=24), _at(told))
            await _task(ids, cid, episode, "return_interview", _at(back) + dt.timedelta(hours=72), _at(interviewed))


@pytest.fixture
def report(api):
    run(_build())
    got = api.get("sup", "/api/v1/indicators", params=data.PERIOD)
    assert got.status_code == 200, got.text
    return {i["code"]: i for i in got.json()["indicators"]}


def _counts(i):
    return tuple(c["value"] for c in (i["numerator"], i["denominator"], i["population"]))


def test_police_reports_within_24_hours(report):
    i = report["missing_police_within_24h"]
    assert i["status"] == "ok" and _counts(i) == (2 * COPIES, 4 * COPIES, COPIES)
    assert i["value"] == pytest.approx(2 / 4) and i["shown"] == "50%"


def test_return_interviews_within_72_hours(report):
    i = report["missing_return_interview_within_72h"]
    assert i["status"] == "ok" and _counts(i) == (1 * COPIES, 3 * COPIES, COPIES)
    assert i["value"] == pytest.approx(1 / 3)


def test_each_month_counts_its_own_episodes(report):
    police = {m["month"]: m for m in report["missing_police_within_24h"]["months"]}
    assert police["2025-02"]["value"] == 1.0 and police["2025-03"]["value"] == 0.0
    assert police["2025-01"]["status"] == "none_due"
