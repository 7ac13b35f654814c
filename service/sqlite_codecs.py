"""Quicker SQLite converters and adapters for the column types piccolo declares, giving the same
values.

piccolo registers its converters in the sqlite3 module's registries, for every connection of
the process, and every value read from a declared column (or bound, for the adapters) goes
through one. Its INTEGER converter builds a Decimal for each integer, and each converter goes
through a wrapper that accepts text as well as the bytes sqlite3 always passes: reading a
caseload page or a scan batch spent longer in them than in SQLite. These replace the busiest
ones with the same results (compared value by value in a test), remembering the ids and days
that repeat (UUIDs and dates are immutable, so one object serves every row).
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
import uuid
from decimal import Decimal


def integer(value: bytes) -> int:
    try:
        return int(value)
    except ValueError:  # "1.0": piccolo's reading, exact however large the number
        return int(Decimal(value.decode()))


@functools.lru_cache(maxsize=65536)
def uuid_out(value: bytes) -> uuid.UUID:
    return uuid.UUID(value.decode())


@functools.lru_cache(maxsize=16384)
def date_out(value: bytes) -> dt.date:
    return dt.date.fromisoformat(value.decode())


def timestamptz_out(value: bytes) -> dt.datetime:
    return dt.datetime.fromisoformat(value.decode()).replace(tzinfo=dt.timezone.utc)


def boolean_out(value: bytes) -> bool:
    return value == b"1"


@functools.lru_cache(maxsize=65536)
def uuid_in(value: uuid.UUID) -> str:
    return str(value)


CONVERTERS = {"INTEGER": integer, "UUID": uuid_out, "DATE": date_out, "TIMESTAMPTZ": timestamptz_out,
              "BOOLEAN": boolean_out}


def install() -> None:
    """In place of piccolo's (which must have been imported first: it registers on import)."""
    import piccolo.engine.sqlite  # noqa: F401

    for name, converter in CONVERTERS.items():
        sqlite3.register_converter(name, converter)
    sqlite3.register_adapter(uuid.UUID, uuid_in)
