"""Test set-up: one fresh database per run (SQLite or PostgreSQL), migrated once, with the
personas every access test needs. Case data is wiped between tests; accounts are kept.

Personas (ARCHITECTURE.md): a caseworker on the case (`cw`), one on another team (`cw_other`),
a therapist on the care team (`th`), one not (`th_other`), the team's supervisor (`sup`),
another team's supervisor (`sup_other`), an admin (`admin`), and a manager (`mgr`), who reads
the service's indicators and no case content.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3

from tests import engine as test_engine

ENGINE_KIND, DATABASE_URL = test_engine.choose()
os.environ["HAVEN_DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("HAVEN_SECRET_KEY", "test-secret-key-not-for-production")
os.environ["HAVEN_SCHEDULER"] = "false"

import datetime as dt  # noqa: E402

import pytest  # noqa: E402
from litestar.testing import TestClient  # noqa: E402

from service import db  # noqa: E402
from service.audit import chain  # noqa: E402
from service.settings import Settings  # noqa: E402

PASSWORD = "correct horse battery"
PERSONAS = {
    "cw": ("caseworker", "north"),
    "cw_other": ("caseworker", "south"),
    "th": ("therapist", "north"),
    "th_other": ("therapist", "south"),
    "sup": ("supervisor", "north"),
    "sup_other": ("supervisor", "south"),
    "admin": ("admin", None),
    "mgr": ("manager", None),
}
# Reference data and accounts survive between tests; everything else is case data.
KEPT_TABLES = {"migration", "team", "haven_user", "token", "milestone", "risk_weight"}


_portal = None  # the running app's event loop, once the test client has started it


def run(query):
    """Run database work (a coroutine or a piccolo query) from a synchronous test.

    Once the app runs, work goes through the app's own event loop: PostgreSQL's connection
    pool belongs to that loop and cannot be used from another.
    """

    async def go():
        return await query

    return _portal.call(go) if _portal is not None else test_engine.run_outside_loop(go())


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


async def _setup() -> dict[str, str]:
    from service.accounts import services

    await db.migrate()
    from milestones import catalogue
    from scheduler import weights

    await catalogue.load()
    await weights.load()
    tokens = {}
    async with db.writing():
        for name, (role, team) in PERSONAS.items():
            user = await services.add_user(name, role, PASSWORD, services.operator(now(), "tests"), team=team,
                                           email=f"{name}@haven.test")
            tokens[name] = await services.issue_token(user["id"], "api", now(), dt.timedelta(days=1))
    return tokens


def pytest_sessionfinish(session, exitstatus):
    test_engine.drop(ENGINE_KIND, DATABASE_URL)


@pytest.fixture(scope="session")
def tokens() -> dict[str, str]:
    return run(_setup())


def _case_tables() -> list[str]:
    from piccolo.conf.apps import Finder

    names = [t._meta.tablename for t in Finder().get_table_classes()]
    return [n for n in names if n not in KEPT_TABLES]


def wipe_case_data() -> None:
    tables = _case_tables()
    if ENGINE_KIND == "postgres":
        test_engine.run_outside_loop(_truncate_filled(tables))
        return
    path = DATABASE_URL.removeprefix("sqlite:///")
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        # The trail refuses DELETE; a test run starts each test on an empty one (TRUNCATE does
        # the same on PostgreSQL, where row triggers do not fire).
        conn.execute("DROP TRIGGER audit_entry_no_delete")
        for table in tables:
            conn.execute(f'DELETE FROM "{table}"')
        conn.execute(chain.SQLITE_TRIGGERS[1])
        conn.commit()


async def _truncate_filled(tables) -> None:
    """TRUNCATE costs PostgreSQL a new file per table, so only the tables holding rows are
    emptied (a test writes to a few of the forty)."""
    import asyncpg

    conn = await asyncpg.connect(DATABASE_URL)
    try:
        filled = [r[0] for r in await conn.fetch(" UNION ALL ".join(
            f"SELECT '{t}' WHERE EXISTS (SELECT 1 FROM \"{t}\")" for t in tables))]
        if filled:
            await conn.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in filled) + " CASCADE")
    finally:
        await conn.close()


async def execute_sql(url: str, sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


class Api:
    """A test client that speaks as one persona or another: `api.get("cw", "/api/v1/children")`."""

    def __init__(self, client: TestClient, tokens: dict[str, str]):
        self.client = client
        self.tokens = tokens

    def _headers(self, who: str | None) -> dict[str, str]:
        return {} if who is None else {"Authorization": f"Bearer {self.tokens[who]}"}

    def get(self, who, path, **kw):
        return self.client.get(path, headers=self._headers(who), **kw)

    def post(self, who, path, json=None, **kw):
        return self.client.post(path, json=json, headers=self._headers(who), **kw)

    def patch(self, who, path, json=None, **kw):
        return self.client.patch(path, json=json, headers=self._headers(who), **kw)

    def delete(self, who, path, **kw):
        return self.client.delete(path, headers=self._headers(who), **kw)


@pytest.fixture(scope="session")
def app_client(tokens):
    from service.app import create_app

    app = create_app(Settings.from_env(), run_scheduler=False)
    global _portal
    with TestClient(app) as client:
        _portal = client.blocking_portal
        yield client
        _portal = None


@pytest.fixture
def api(app_client, tokens) -> Api:
    wipe_case_data()
    return Api(app_client, tokens)


@pytest.fixture
def child(api) -> dict:
    """A child on `cw`'s caseload (team north) with `th` on the care team."""
    created = api.post("cw", "/api/v1/children", json={
        "display_name": "Baby A", "birth_date": "2026-03-14", "birth_date_estimated": True,
        "gestational_age_weeks": 32, "sex": "female", "documentation_status": "none",
    })
    assert created.status_code == 201, created.text
    body = created.json()
    added = api.post("cw", f"/api/v1/children/{body['id']}/care-team", json={"username": "th"})
    assert added.status_code in (200, 201), added.text
    return body
