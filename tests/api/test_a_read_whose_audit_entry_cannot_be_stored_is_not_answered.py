"""Every read of a child's record is in the trail: when its audit entry cannot be stored, the
read is not answered. The API says 503 in JSON and a browser gets a page saying to try again;
neither carries the record. Once the trail takes entries again, the same read is answered."""

from __future__ import annotations

import pytest

from service.audit.tables import AuditEntry
from tests import conftest
from tests.conftest import ENGINE_KIND

REFUSE = {
    "sqlite": ["CREATE TRIGGER refuse_child_reads BEFORE INSERT ON audit_entry "
               "WHEN NEW.action = 'child.read' BEGIN SELECT RAISE(ABORT, 'trail unavailable'); END"],
    "postgres": ["CREATE FUNCTION refuse_child_reads() RETURNS trigger AS $$ BEGIN "
                 "RAISE EXCEPTION 'trail unavailable'; END $$ LANGUAGE plpgsql",
                 "CREATE TRIGGER refuse_child_reads BEFORE INSERT ON audit_entry FOR EACH ROW "
                 "WHEN (NEW.action = 'child.read') EXECUTE FUNCTION refuse_child_reads()"],
}
ALLOW = {
    "sqlite": ["DROP TRIGGER refuse_child_reads"],
    "postgres": ["DROP TRIGGER refuse_child_reads ON audit_entry", "DROP FUNCTION refuse_child_reads()"],
}


def execute(statements: list[str]) -> None:
    for sql in statements:
        conftest.run(AuditEntry.raw(sql))


@pytest.fixture
def trail_refuses_child_reads(api):
    execute(REFUSE[ENGINE_KIND])
    try:
        yield
    finally:
        execute(ALLOW[ENGINE_KIND])


def child_reads(child_id: str) -> int:
    return conftest.run(AuditEntry.count().where(
        (AuditEntry.action == "child.read") & (AuditEntry.child_id == child_id)))


def test_the_api_answers_503_without_the_record(api, child, trail_refuses_child_reads):
    answer = api.get("cw", f"/api/v1/children/{child['id']}")
    assert answer.status_code == 503
    assert "try again" in answer.json()["detail"]
    assert "Baby A" not in answer.text
    assert child_reads(child["id"]) == 0


def test_a_browser_gets_a_page_saying_to_try_again(api, child, trail_refuses_child_reads):
    answer = api.get("cw", f"/children/{child['id']}")
    assert answer.status_code == 503
    assert "try again" in answer.text and "Baby A" not in answer.text
    assert child_reads(child["id"]) == 0


def test_once_the_trail_takes_entries_the_read_is_answered_and_audited(api, child):
    execute(REFUSE[ENGINE_KIND])
    try:
        assert api.get("cw", f"/api/v1/children/{child['id']}").status_code == 503
    finally:
        execute(ALLOW[ENGINE_KIND])
    answer = api.get("cw", f"/api/v1/children/{child['id']}")
    assert answer.status_code == 200 and answer.json()["display_name"] == "Baby A"
    assert child_reads(child["id"]) == 1
