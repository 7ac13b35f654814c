"""Find every bad field of a request body, not just the first.

msgspec stops at the first error it meets. When a body fails, this walks the struct's fields
one by one so the 400 names each field at fault, and unknown fields too.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, get_args, get_origin

import msgspec

_PATH = re.compile(r"at `\$\.([A-Za-z0-9_]+)(.*?)`")
# Required text must hold something visible: `Meta(pattern=VISIBLE)` refuses "   ".
VISIBLE = r"\S"
BLANK_ERROR = "Expected `str` matching regex"  # msgspec's words when VISIBLE, the only pattern, fails


def field_errors(struct_type: type, body: bytes) -> dict[str, str]:
    try:
        raw = msgspec.json.decode(body or b"null")
    except msgspec.DecodeError:
        return {"body": "is not valid JSON"}
    if not isinstance(raw, dict):
        return {"body": "must be a JSON object"}
    return value_errors(struct_type, raw)


def value_errors(struct_type: type, raw: dict, strict: bool = True) -> dict[str, str]:
    """Every bad field of `raw` for this struct. Strict, as decoding a JSON body is (a number is
    not a time, "yes" is not a boolean); not strict for form values, which are all text."""
    if not _is_struct(struct_type):
        return {}
    return _struct_errors(_unwrap(struct_type), raw, prefix="", strict=strict)


def _is_struct(tp: Any) -> bool:
    tp = _unwrap(tp)
    return isinstance(tp, type) and issubclass(tp, msgspec.Struct)


def _unwrap(tp: Any) -> Any:
    """`Annotated[Struct, Body(...)]` is still the struct."""
    return get_args(tp)[0] if get_origin(tp) is Annotated else tp


def _struct_errors(struct_type: type, raw: dict, prefix: str, strict: bool) -> dict[str, str]:
    errors: dict[str, str] = {}
    fields = {f.encode_name: f for f in msgspec.structs.fields(struct_type)}
    for name in raw.keys() - fields.keys():
        if getattr(struct_type, "__struct_config__").forbid_unknown_fields:
            errors[prefix + name] = "is not a known field"
    for name, f in fields.items():
        if name not in raw:
            if f.required:
                errors[prefix + name] = "is required"
            continue
        message = _value_error(f.type, raw[name], strict)
        if message:
            errors.update(_locate(prefix + name, message))
    return errors


def _value_error(tp: Any, value: Any, strict: bool) -> str | None:
    try:
        msgspec.convert(value, tp, strict=strict)
    except msgspec.ValidationError as exc:
        return str(exc)
    return None


def _locate(name: str, message: str) -> dict[str, str]:
    """Turn msgspec's `... - at `$[0].domain`` into a field path like `goals[0].domain`."""
    text, _, where = message.partition(" - at `$")
    where = where.rstrip("`")
    return {name + where: _plain(text)}


def _plain(text: str) -> str:
    if text.startswith(BLANK_ERROR):
        return "cannot be blank"
    return text[0].lower() + text[1:] if text else "is not valid"
