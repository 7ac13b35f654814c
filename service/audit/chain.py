"""The audit trail as a hash chain: each entry carries `seq` (its place) and `hash`, SHA-256
over its canonical form and the hash of the entry before it. Changing, removing or reordering
any entry breaks every hash after it, and `haven audit verify` names the first that no longer
fits. Database triggers refuse UPDATE and DELETE on the trail besides.

Appending takes the chain's head under a lock, so concurrent writers (requests, the audit
writer, other instances) never fork it: on SQLite the write transaction already excludes
every other writer; on PostgreSQL a transaction-scoped advisory lock does, until commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from json.encoder import encode_basestring_ascii

from service import db

GENESIS = "0" * 64
CHAIN_LOCK = 4802  # the advisory-lock key of the chain's head on PostgreSQL
FIELDS = ("id", "at", "actor", "actor_role", "action", "record_type", "record_id", "child_id",
          "source", "reason")
VERIFY_BATCH = 5000

# Only sealing an entry written before the chain existed (seq still NULL) may touch a row.
SQLITE_TRIGGERS = (
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry WHEN OLD.seq IS NOT NULL "
    "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
    "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
)
POSTGRES_TRIGGERS = (
    "CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$ BEGIN "
    "IF TG_OP = 'DELETE' OR OLD.seq IS NOT NULL THEN "
    "RAISE EXCEPTION 'the audit trail is append-only'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
)


# The canonical form is `json.dumps({"seq": seq, **fields}, sort_keys=True,
# separators=(",", ":"))`, written from a template: the same bytes at a fraction of the cost,
# which matters when one caseload listing seals two hundred entries.
_KEYS = tuple(sorted((*FIELDS, "seq")))
_TEMPLATE = "{" + ",".join(f'"{name}":' + ("%d" if name == "seq" else "%s") for name in _KEYS) + "}"
_IN_ROW = tuple(FIELDS.index(name) for name in _KEYS if name != "seq")  # where each value sits in a row
_SEQ_SLOT = _KEYS.index("seq")


def canonical(seq: int, values: dict) -> bytes:
    """The bytes an entry's hash covers: its place and every field, in one fixed spelling."""
    return _canonical_row(seq, tuple(values[name] for name in FIELDS))


def _canonical_row(seq: int, row: tuple) -> bytes:
    parts = [_json(row[i]) for i in _IN_ROW]
    parts.insert(_SEQ_SLOT, int(seq))
    return (_TEMPLATE % tuple(parts)).encode()


def _json(value) -> str:
    if value is None:
        return "null"
    return encode_basestring_ascii(value if value.__class__ is str else _plain(value))


def link(previous: str, seq: int, values: dict) -> str:
    return hashlib.sha256(previous.encode() + canonical(seq, values)).hexdigest()


def _plain(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).isoformat(timespec="microseconds")
    return None if value is None else str(value)


HEAD = "SELECT seq, hash FROM audit_entry WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1"


async def hold_head() -> tuple[int, str]:
    """Inside a write transaction: lock the chain's head until commit and return it."""
    if not db.is_sqlite():
        await db.fetch(f"SELECT pg_advisory_xact_lock({CHAIN_LOCK})")
    rows = await db.fetch(HEAD)
    return (rows[0]["seq"], rows[0]["hash"]) if rows else (0, GENESIS)


async def sealed(rows: list[tuple]) -> list[tuple]:
    """`rows` (values in FIELDS order) with their place and hash appended, continuing the chain."""
    return seal(await hold_head(), rows)


def seal(head: tuple[int, str], rows: list[tuple]) -> list[tuple]:
    """`rows` with their place and hash appended, continuing the chain from `head`."""
    seq, previous = head
    found = []
    for row in rows:
        seq += 1
        previous = hashlib.sha256(previous.encode() + _canonical_row(seq, row)).hexdigest()
        found.append((*row, seq, previous))
    return found


async def seal_unsealed() -> int:
    """Give entries written before the chain existed (or by a bulk load) their place and hash,
    oldest first. Inside a write transaction."""
    rows = await db.fetch(f"SELECT {', '.join(FIELDS)} FROM audit_entry WHERE seq IS NULL ORDER BY at, id")
    if not rows:
        return 0
    done = await sealed([tuple(r[name] for name in FIELDS) for r in rows])
    await db.execute_many("UPDATE audit_entry SET seq = ?, hash = ? WHERE id = ?",
                          [(row[-2], row[-1], row[0]) for row in done])
    return len(done)


async def verify() -> dict:
    """Walk the chain in order; the first entry that does not fit, if any."""
    previous, expected, checked = GENESIS, 1, 0
    unsealed = (await db.fetch("SELECT COUNT(*) AS n FROM audit_entry WHERE seq IS NULL"))[0]["n"]
    while True:
        rows = await db.fetch(f"SELECT {', '.join(FIELDS)}, seq, hash FROM audit_entry "
                              "WHERE seq >= ? ORDER BY seq LIMIT ?", [expected, VERIFY_BATCH])
        for row in rows:
            if row["seq"] != expected or row["hash"] != link(previous, expected, row):
                return {"ok": False, "entries": checked, "first_bad": {"seq": row["seq"], "id": str(row["id"])},
                        "why": "out of place" if row["seq"] != expected else "its hash does not fit"}
            previous, expected, checked = row["hash"], expected + 1, checked + 1
        if len(rows) < VERIFY_BATCH:
            break
    if unsealed:
        return {"ok": False, "entries": checked, "first_bad": None, "why": f"{unsealed} entries carry no hash"}
    return {"ok": True, "entries": checked}
