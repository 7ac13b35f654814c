"""Errors that services raise, free of any web framework; `service/app.py` maps them to 4xx.

Every error names the fields at fault, so a client can show the message beside the field.
"""

from __future__ import annotations

import contextlib


class Invalid(Exception):
    """Bad input: `fields` maps each field name to what is wrong with it. Nothing was written."""

    status = 400

    def __init__(self, fields: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in fields.items()))
        self.fields = fields


@contextlib.contextmanager
def noting(found: dict[str, str]):
    """Run one check, keeping its problems in `found` instead of stopping: after several
    checks, one `Invalid(found)` names every field at fault."""
    try:
        yield
    except Invalid as problem:
        found.update(problem.fields)


class NotFound(Exception):
    """The record does not exist, or is outside the caller's scope: both look the same."""

    status = 404

    def __init__(self, what: str = "record"):
        super().__init__(f"{what} not found")
        self.what = what


class Forbidden(Exception):
    """The caller can see the record but may not do this to it."""

    status = 403


class TooSoon(Exception):
    """Too many failed sign-ins: the next attempt must wait `seconds` (a 429 with Retry-After)."""

    status = 429

    def __init__(self, seconds: int):
        super().__init__(f"Too many attempts that did not match. Try again in {seconds} seconds.")
        self.seconds = seconds


class Conflict(Exception):
    """The record changed since the caller read it (a stale version), or a duplicate."""

    status = 409

    def __init__(self, message: str, fields: dict[str, str] | None = None):
        super().__init__(message)
        self.fields = fields or {}
