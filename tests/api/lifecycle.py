"""Helpers for the case lifecycle tests: a second caseworker in the north team."""

from service import db
from service.accounts import services
from tests.api.alerting import utcnow
from tests.conftest import PASSWORD, run

SECOND = "cw_north_two"


def a_second_caseworker_in_north() -> str:
    async def add():
        async with db.writing():
            if not await services.user_named(SECOND):
                await services.add_user(SECOND, "caseworker", PASSWORD, services.operator(utcnow(), "tests"),
                                        team="north")
    run(add())
    return SECOND
