"""Helpers for alert tests: move a child's history into the past, scan at chosen instants."""

from __future__ import annotations

import datetime as dt

from care_plans import due_dates
from care_plans.tables import Child
from scheduler.scan import scan
from scheduler.tables import Alert, Notification
from service import db
from service.settings import Settings
from tests.conftest import run


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def registered_days_ago(child_id: str, days: int) -> None:
    """As if the child had been registered `days` ago and not seen since."""
    async def go():
        async with db.writing():
            at = utcnow() - dt.timedelta(days=days)
            await Child.update({Child.registered_at: at}).where(Child.id == child_id)
            await due_dates.refresh_check_in_due([child_id], utcnow())
            await due_dates.lock_children([child_id])  # a change behind the service's back
    run(go())


def scan_at(when: dt.datetime, **settings) -> dict:
    return run(scan(when, Settings(**{**Settings.from_env().__dict__, **settings})))


def alerts(**where) -> list[dict]:
    query = Alert.select().output(load_json=True)
    for key, value in where.items():
        query = query.where(getattr(Alert, key) == value)
    return run(query)


def notifications() -> list[dict]:
    return run(Notification.select(Notification.all_columns(),
                                   Notification.recipient.username.as_alias("username")))


def settings(**overrides) -> Settings:
    return Settings(**{**Settings.from_env().__dict__, **overrides})


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Mailbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf8", "replace")))
        return "250 OK"


def smtp_server(port: int):
    from aiosmtpd.controller import Controller

    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, box


def counting_statements(monkeypatch) -> list:
    """Every statement run from now on, through piccolo or as raw SQL, appends to the list."""
    from piccolo.engine.finder import engine_finder

    calls = []
    engine_class = type(engine_finder())
    through_piccolo = engine_class.run_querystring

    async def counted(self, *args, **kwargs):
        calls.append(1)
        return await through_piccolo(self, *args, **kwargs)

    monkeypatch.setattr(engine_class, "run_querystring", counted)
    for name in ("fetch", "execute_many"):
        monkeypatch.setattr(db, name, _counting(getattr(db, name), calls))
    return calls


def _counting(raw, calls: list):
    async def counted(*args, **kwargs):
        calls.append(1)
        return await raw(*args, **kwargs)

    return counted


def full_scan_at(when: dt.datetime) -> dict:
    return run(scan(when, Settings.from_env(), full=True))
