"""Schemathesis over every operation in the OpenAPI document, signed in as the child's
supervisor and as its caseworker, valid and invalid requests alike: no answer is a server
error, and every answer is one the document declares (status code, content type and body
shape). The number of examples is bounded so that the run stays short on each engine."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core import NOT_SET
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
# Signing in is throttled by design and has its own tests; resetting someone's password, or
# turning on two-step sign-in, would lock the persona out of the rest of the run.
SKIP = {"/api/v1/auth/token", "/api/v1/users/{username}/password-reset", "/api/v1/me/two-factor/confirm",
        "/api/v1/me/password", "/api/v1/auth/token"}


def _operations(api):
    document = api.get("sup", "/schema/openapi.json").json()
    for result in schemathesis.openapi.from_dict(document).get_all_operations():
        operation = result.ok()
        if operation.path not in SKIP and not (operation.method.upper() == "DELETE" and operation.path == "/api/v1/auth/token"):
            yield operation


def _send(api, who, case):
    kwargs = {"params": case.query or None}
    if isinstance(case.body, (bytes, str)):
        kwargs["content"] = case.body
    elif case.body is not NOT_SET:
        kwargs["json"] = case.body
    headers = {**(case.headers or {}), "Authorization": f"Bearer {api.tokens[who]}"}
    return api.client.request(case.method.upper(), case.formatted_path, headers=headers, follow_redirects=False, **kwargs)


@pytest.mark.parametrize("who", ["sup", "cw"])
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_answer_is_declared_and_none_is_a_server_error(api, child, who, mode):
    failures = []
    for operation in _operations(api):
        ids = {name: child["id"] for name in ("id", "child_id")
               if "{" + name + "}" in operation.path and "children" in operation.path}
        strategy = operation.as_strategy(generation_mode=mode, path_parameters=ids or None)

        @settings(max_examples=3, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=strategy)
        def probe(case):
            response = _send(api, who, case)
            try:
                case.validate_response(response, checks=CHECKS)
            except (AssertionError, FailureGroup) as failure:
                failures.append(f"{case.method} {operation.path} -> {response.status_code} {response.headers.get('content-type')} {response.headers.get('location')} {case.query}: "
                                + " | ".join(line for line in str(failure).splitlines()[1:4] if line.strip()))

        try:
            probe()
        except Unsatisfiable:
            continue  # an operation with no inputs has no invalid request to send
    assert failures == [], "\n".join(failures)
