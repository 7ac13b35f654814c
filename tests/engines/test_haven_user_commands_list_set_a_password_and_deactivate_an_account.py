"""`haven user list | passwd | deactivate`: an operator's account work from the command line,
each change audited and each ending the account's sign-ins."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

from tests.conftest import PASSWORD, run


def haven(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "service.cli", *args], input=stdin, capture_output=True,
                          text=True, env=dict(os.environ), timeout=120)


def sign_in(api, username: str, password: str):
    return api.client.post("/api/v1/auth/token", json={"username": username, "password": password})


def audited(username: str) -> list[str]:
    from service.audit.tables import AuditEntry

    rows = run(AuditEntry.select(AuditEntry.action).where(AuditEntry.record_id == username).order_by(AuditEntry.seq))
    return [r["action"] for r in rows]


def test_an_operator_lists_sets_a_password_and_deactivates_from_the_command_line(api):
    name = f"cli-{uuid.uuid4().hex[:8]}"
    added = haven("user", "add", name, "--role", "caseworker", "--team", "north", "--password-stdin",
                  stdin="first-password-here\n")
    assert added.returncode == 0, added.stderr
    listed = haven("user", "list")
    assert any(line.split()[:4] == [name, "caseworker", "north", "yes"] for line in listed.stdout.splitlines())
    token = sign_in(api, name, "first-password-here").json()["token"]

    assert haven("user", "passwd", name, "--password-stdin", stdin="second-password-here\n").returncode == 0
    assert api.client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert sign_in(api, name, "first-password-here").status_code == 401
    assert sign_in(api, name, "second-password-here").status_code == 201

    assert haven("user", "deactivate", name).returncode == 0
    assert sign_in(api, name, "second-password-here").status_code == 401
    assert any(line.split()[:4] == [name, "caseworker", "north", "no"] for line in haven("user", "list").stdout.splitlines())
    assert audited(name) == ["account.create", "account.password_set", "account.deactivate"]


def test_a_refused_account_change_says_why_and_changes_nothing(api):
    short = haven("user", "passwd", "cw", "--password-stdin", stdin="short\n")
    assert short.returncode == 2 and "at least" in short.stderr
    assert sign_in(api, "cw", PASSWORD).status_code == 201  # the password is unchanged
    missing = haven("user", "deactivate", f"nobody-{uuid.uuid4().hex[:6]}")
    assert missing.returncode == 2 and "not found" in missing.stderr
