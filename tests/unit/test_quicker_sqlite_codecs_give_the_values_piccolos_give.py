"""The SQLite converters and adapters Haven registers in place of piccolo's give the same values,
for every shape of value a column can hold; and they are the ones in force."""

from __future__ import annotations

import datetime as dt
import sqlite3
import uuid

import pytest
from piccolo.engine import sqlite as piccolo_sqlite

from service import db, sqlite_codecs  # noqa: F401  (importing db installs them)

READ = {
    "INTEGER": [b"0", b"42", b"-7", b"9223372036854775807", b"1.0", b"-3.0", b"1e3", b" 5"],
    "UUID": [str(uuid.UUID(int=n)).encode() for n in (0, 1, 2**127 + 12345)] + [str(uuid.uuid4()).encode()],
    "DATE": [b"2024-02-29", b"1999-12-31", b"2026-11-30"],
    "TIMESTAMPTZ": [b"2026-11-30 12:00:00", b"2026-11-30 12:00:00.123456", b"2024-02-29 23:59:59+00:00",
                    b"2026-03-29 01:30:00.5"],
    "BOOLEAN": [b"1", b"0"],
}


@pytest.mark.parametrize("declared", sorted(READ))
def test_each_value_reads_as_piccolo_reads_it(declared):
    ours, theirs = sqlite_codecs.CONVERTERS[declared], piccolo_sqlite.CONVERTERS[declared]
    for raw in READ[declared]:
        mine, expected = ours(raw), theirs(raw)
        assert (type(mine), mine) == (type(expected), expected), raw
        if isinstance(expected, dt.datetime):
            assert mine.tzinfo == expected.tzinfo, raw


def test_an_id_binds_as_piccolo_binds_it():
    for value in (uuid.uuid4(), uuid.UUID(int=0)):
        assert sqlite_codecs.uuid_in(value) == piccolo_sqlite.convert_uuid_in(value)


def test_they_are_the_ones_a_connection_uses():
    connection = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES)
    connection.execute("CREATE TABLE t (n INTEGER, u UUID)")
    value = uuid.uuid4()
    connection.execute("INSERT INTO t VALUES (?, ?)", ("2.0", value))
    assert connection.execute("SELECT n, u FROM t").fetchone() == (2, value)
    assert all(sqlite3.converters[name] is converter for name, converter in sqlite_codecs.CONVERTERS.items())
    assert sqlite3.adapters[(uuid.UUID, sqlite3.PrepareProtocol)] is sqlite_codecs.uuid_in
