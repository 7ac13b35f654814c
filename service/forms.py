"""What every page handler shares: a posted form read into the same request struct the JSON
API takes (so a page and its JSON twin validate alike), problems named by field in words a
person can act on, and the redirect that follows a successful post.
"""

from __future__ import annotations

import datetime as dt
import re

import msgspec
from litestar import Request
from litestar.response import Redirect, Template

from service import clock
from service.errors import Invalid
from service.i18n import N_
from service.validation import BLANK_ERROR, value_errors

CSRF_FIELD = "_csrf_token"

_MESSAGES = [
    (re.compile(re.escape(BLANK_ERROR), re.I), "cannot be blank"),
    (re.compile(r"expected `str` of length <= (\d+)", re.I), r"must be at most \1 characters"),
    (re.compile(r"expected `str` of length >= 1(?!\d)", re.I), "is required"),
    (re.compile(r"expected `str` of length >= (\d+)", re.I), r"must be at least \1 characters"),
    (re.compile(r"expected `int` >= (\d+)", re.I), r"must be \1 or more"),
    (re.compile(r"expected `int` <= (\d+)", re.I), r"must be \1 or less"),
    (re.compile(r"expected `int.*got `str`", re.I), "must be a whole number"),
    (re.compile(r"invalid enum value", re.I), "is not one of the choices"),
    (re.compile(r"expected `bool.*", re.I), "is not one of the choices"),
    (re.compile(r"rfc3339 encoded date\b", re.I), "must be a date"),
    (re.compile(r"datetime", re.I), "must be a date and time"),
    (re.compile(r"expected `array` of length <= (\d+)", re.I), r"can list at most \1"),
    (re.compile(r"expected `array` of length >= 1(?!\d)", re.I), "is required"),
]
# The problems above as the catalogue holds them (a number as `%(num)s`), so that a page shows
# them in its reader's language (templates/filters.py, `said`).
SAID_ON_PAGES = (
    N_("cannot be blank"), N_("must be at most %(num)s characters"), N_("is required"),
    N_("must be at least %(num)s characters"), N_("must be %(num)s or more"), N_("must be %(num)s or less"),
    N_("must be a whole number"), N_("is not one of the choices"), N_("must be a date"),
    N_("must be a date and time"), N_("can list at most %(num)s"), N_("is not valid"),
)


async def values(request: Request) -> dict[str, str]:
    """The posted fields, trimmed; the CSRF token is the middleware's business."""
    form = await request.form()
    return {k: v.strip() for k, v in form.items() if k != CSRF_FIELD and isinstance(v, str)}


def parse(struct_type: type, posted: dict, *, utc: tuple[str, ...] = ()):
    """The struct from form values. Blank fields are left out so their defaults apply;
    `utc` names date-and-time fields, entered in local time (`HAVEN_TIMEZONE`) without a zone
    and read as the instant they name. Raises Invalid naming
    every bad field."""
    known = {f.encode_name for f in msgspec.structs.fields(struct_type)}
    raw = {k: v for k, v in posted.items() if k in known and v not in ("", None)}
    for name in utc:
        if isinstance(raw.get(name), str):
            raw[name] = as_utc(raw[name])
    try:
        return msgspec.convert(raw, struct_type, strict=False)
    except msgspec.ValidationError:
        found = value_errors(struct_type, raw, strict=False)
        named = dict(_name(k, v) for k, v in found.items())
        raise Invalid(named or {"form": "is not valid"}) from None


def _name(key: str, message: str) -> tuple[str, str]:
    """A nested object's missing field is named itself: `goals[0].domain`, not `goals[0]`."""
    missing = re.search(r"missing required field `(\w+)`", message)
    if missing:
        return f"{key}.{missing.group(1)}", "is required"
    return key, humane(message)


def flatten(errors: dict[str, str], *names: str) -> dict[str, str]:
    """Problems with one item of a list typed in one field (`languages[1]`) go beside that
    field (`languages`)."""
    found = {}
    for key, message in errors.items():
        base = key.partition("[")[0]
        found[base if base in names else key] = message
    return found


def as_utc(text: str) -> str:
    """`2026-05-01T10:30` from a datetime-local input (local time), as RFC 3339 in UTC."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?", text):
        return text
    try:
        wall = dt.datetime.fromisoformat(text)
    except ValueError:  # 2026-02-30T10:00: left as typed, for the struct to name the field
        return text
    return clock.at(wall.date(), wall.time()).isoformat().replace("+00:00", "Z")


def humane(message: str) -> str:
    for pattern, replacement in _MESSAGES:
        found = pattern.search(message)
        if found:
            return found.expand(replacement)
    return message


def done(url: str, key: str) -> Redirect:
    """After a successful post: see the result, with the confirmation named by `key`
    (templates/partials/done.html), and a reload that cannot post twice."""
    path, hash_mark, fragment = url.partition("#")
    joiner = "&" if "?" in path else "?"
    return Redirect(f"{path}{joiner}done={key}{hash_mark}{fragment}", status_code=303)


def again(template: str, errors: dict[str, str], posted: dict, **context) -> Template:
    """The same form, re-rendered with what was typed and each problem beside its field."""
    return Template(template, status_code=400, context={**context, "values": posted, "errors": errors})
