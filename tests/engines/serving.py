"""A real `haven serve` process on a database of its own, signed in as one caseworker, for the
tests that load a server with concurrent clients."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from dataclasses import dataclass

import httpx

from tests import engine as test_engine
from tests.engines.test_haven_serve_demo_serves_a_lived_in_system import free_port, wait_until_up


@dataclass
class Served:
    base: str
    headers: dict
    kind: str
    url: str
    process: subprocess.Popen


def haven(args, env, cwd, stdin=None):
    return subprocess.run([sys.executable, "-m", "service.cli", *args], env=env, cwd=cwd,
                          input=stdin, text=True, capture_output=True, check=True)


@contextlib.contextmanager
def serving(folder, username: str, password: str):
    kind, url = test_engine.choose()
    env = {**os.environ, "HAVEN_DATABASE_URL": url, "HAVEN_SCHEDULER": "false"}
    haven(["user", "add", username, "--role", "caseworker", "--team", "north", "--password-stdin"],
          env, folder, password + "\n")
    port = free_port()
    log = open(folder / "serve.log", "w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--no-scheduler", "--port", str(port)],
        cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/healthz", process)
        token = httpx.post(f"{base}/api/v1/auth/token", json={"username": username, "password": password})
        yield Served(base, {"Authorization": f"Bearer {token.json()['token']}"}, kind, url, process)
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)
        log.close()
        test_engine.drop(kind, url)
