"""The OpenAPI document, completed with what litestar does not derive, and a page to read it.

Completed: the bearer scheme (and which operations need it), the 4xx answers each operation can
give with the error body they really have, and `additionalProperties: false` on every request
body that refuses unknown fields. The page at `/schema` is rendered here, from the document,
with Haven's own stylesheet: no script and nothing from another site, so it keeps the same
Content-Security-Policy as every other page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import msgspec
from litestar import Request
from litestar.openapi.plugins import OpenAPIRenderPlugin

PUBLIC_OPERATIONS = {("/api/v1/auth/token", "post"), ("/healthz", "get")}
METHODS = ("get", "post", "patch", "put", "delete")
ERROR = {
    "type": "object",
    "required": ["status_code", "detail"],
    "properties": {
        "status_code": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {
            "type": "object", "required": ["field", "message"],
            "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}},
    },
}
MEANINGS = {
    "400": "Some fields need attention: each is named in `errors`. Nothing was written.",
    "401": "No valid sign-in: no token, or one unknown, expired, idle too long or revoked.",
    "403": "Your role may not do this (or must first change its password or set up two-step sign-in).",
    "404": "No such record, or not one you work with: both read the same.",
    "409": "The record moved on meanwhile (a stale version, a duplicate): it says which.",
    "413": "The body is too large.",
    "415": "The body must be sent as application/json.",
    "429": "Too many failed sign-ins: wait for Retry-After seconds.",
}


def complete(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {})
    components.setdefault("securitySchemes", {})["bearer"] = {
        "type": "http", "scheme": "bearer",
        "description": "A token from POST /api/v1/auth/token, sent as `Authorization: Bearer <token>`."}
    components.setdefault("schemas", {})["Error"] = ERROR
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                _complete_operation(path, method, item[method])
    _refuse_unknown_fields(components["schemas"])
    return schema


def _complete_operation(path: str, method: str, operation: dict) -> None:
    public = (path, method) in PUBLIC_OPERATIONS
    operation["security"] = [] if public else [{"bearer": []}]
    codes = ["400"]
    if not public:
        codes += ["401", "403"]
    if not public:
        codes.append("404")  # a path's record, or one named in the query, beyond reach or never there
    if method != "get":
        codes += ["409", "413", "415"]
    if path == "/api/v1/auth/token" and method == "post":
        codes += ["401", "429"]
    responses = operation.setdefault("responses", {})
    for code in codes:
        responses[code] = {"description": MEANINGS[code],
                           "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _refuse_unknown_fields(schemas: dict[str, Any]) -> None:
    for struct in _structs(msgspec.Struct):
        if struct.__struct_config__.forbid_unknown_fields and struct.__name__ in schemas:
            schemas[struct.__name__]["additionalProperties"] = False


def _structs(base) -> list[type]:
    found = []
    for sub in base.__subclasses__():
        found += [sub, *_structs(sub)]
    return found


_env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).resolve().parents[1] / "templates"),
                          autoescape=True)


class SchemaPage(OpenAPIRenderPlugin):
    """`/schema`: every operation with its parameters, body and answers, as plain HTML."""

    def __init__(self) -> None:
        super().__init__(path="/")

    def render(self, request: Request, openapi_schema: dict[str, Any]) -> bytes:
        operations = [
            {"method": method.upper(), "path": path, **item[method]}
            for path, item in openapi_schema.get("paths", {}).items() for method in METHODS if method in item
        ]
        return _env.get_template("schema.html").render(
            title=openapi_schema.get("info", {}).get("title", "Haven"), operations=operations,
            components=openapi_schema.get("components", {}).get("schemas", {})).encode()
