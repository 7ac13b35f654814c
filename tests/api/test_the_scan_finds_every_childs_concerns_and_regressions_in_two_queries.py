"""`concerns_for_all` names each active child's concerns and regressions by milestone code,
leaves closed cases and children with none out, and costs the same few queries whatever the
number of children."""

import datetime as dt

from milestones.due import concerns_for_all
from service import db
from tests.api.development import assess, months_ago, register
from tests.conftest import run


def now():
    return dt.datetime.now(dt.timezone.utc)


def counting_queries(monkeypatch) -> list:
    """Every SQL statement the engine runs from now on appends to the list."""
    calls = []
    engine_class = type(db.engine())
    real = engine_class.run_querystring

    async def counted(self, *args, **kwargs):
        calls.append(1)
        return await real(self, *args, **kwargs)

    monkeypatch.setattr(engine_class, "run_querystring", counted)
    return calls


def test_each_child_is_named_with_its_kind_and_codes(api):
    lost = register(api, months_ago(14))
    assess(api, lost, months_ago(3), {"M09-LC-1": "achieved"})
    assess(api, lost, months_ago(0), {"M09-LC-1": "not_yet", "M12-MV-1": "not_yet"})
    fine = register(api, months_ago(14))
    assess(api, fine, months_ago(0), {"M09-LC-1": "achieved"})
    closed = register(api, months_ago(14))
    assess(api, closed, months_ago(0), {"M09-LC-1": "not_yet"})
    assert api.patch("cw", f"/api/v1/children/{closed}", json={"status": "closed"}).status_code == 200
    found = sorted(run(concerns_for_all(now())))
    assert found == sorted([(lost, "concern", ["M12-MV-1"]), (lost, "regression", ["M09-LC-1"])])


def test_the_number_of_queries_does_not_grow_with_the_children(api, monkeypatch):
    def queries_for(children):
        for _ in range(children):
            child = register(api, months_ago(14))
            assess(api, child, months_ago(0), {"M09-LC-1": "not_yet"})
        calls = counting_queries(monkeypatch)
        assert len(run(concerns_for_all(now()))) >= children
        monkeypatch.undo()
        return len(calls)

    assert queries_for(1) == queries_for(5) == 2
