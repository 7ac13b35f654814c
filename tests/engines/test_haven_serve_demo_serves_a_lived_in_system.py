"""`haven serve --demo` on an empty database: a real process, a real port, a real database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
import pytest

from tests import engine as test_engine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"haven serve exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise AssertionError("haven serve did not answer in time")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    # One demo server for the module: filling the demo is most of the cost, and the tests only read.
    tmp_path = tmp_path_factory.mktemp("served")
    kind, url = test_engine.choose()
    port = free_port()
    env = {**os.environ, "HAVEN_DATABASE_URL": url, "HAVEN_SCHEDULER": "false"}
    env.pop("HAVEN_SECRET_KEY", None)
    log = open(tmp_path / "serve.log", "w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--demo", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", process)
        yield f"http://127.0.0.1:{port}", log
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()
        test_engine.drop(kind, url)


def test_the_login_page_renders_and_the_demo_logins_work(served):
    base, log = served
    page = httpx.get(f"{base}/login")
    assert page.status_code == 200
    assert 'name="password"' in page.text
    log.seek(0)
    printed = log.read()
    logins = [line.split() for line in printed.splitlines() if line.startswith("  ") and len(line.split()) == 4]
    assert logins, printed[-2000:]
    username, role, _, password = logins[0]
    token = httpx.post(f"{base}/api/v1/auth/token", json={"username": username, "password": password})
    assert token.status_code == 201
    me = httpx.get(f"{base}/api/v1/me", headers={"Authorization": f"Bearer {token.json()['token']}"})
    assert me.json()["role"] == role


def test_the_openapi_document_is_served(served):
    base, _ = served
    schema = httpx.get(f"{base}/schema/openapi.json").json()
    assert "/api/v1/auth/token" in schema["paths"]
