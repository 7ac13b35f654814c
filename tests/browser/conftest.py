"""Browser tests: the real service as a subprocess on a free port, against the test database
chosen by tests/conftest.py, driven by Debian's headless Chromium through Playwright.

Playwright's sync API keeps an event loop running in the test thread, so database work from
a test (counting rows, wiping case data) runs in a short-lived thread of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, sync_playwright

from tests.conftest import PASSWORD, run, wipe_case_data
from tests.engines.test_haven_serve_demo_serves_a_lived_in_system import free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def off_loop(work):
    """Run `work()` where no event loop is running (see the module's docstring)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def db(query):
    """A piccolo query or coroutine, run against the test database from a browser test."""
    return off_loop(lambda: run(query))


@pytest.fixture(scope="session")
def server(tokens):
    """`haven serve --no-scheduler` on a free port; its log is printed if it fails to start."""
    port = free_port()
    env = {**os.environ, "HAVEN_SCHEDULER": "false"}
    log = tempfile.TemporaryFile("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "service.cli", "serve", "--no-scheduler", "--port", str(port)],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", process)
    except AssertionError:
        log.seek(0)
        raise AssertionError(log.read()[-3000:]) from None
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=20)
    log.close()


@pytest.fixture(scope="session")
def browser(server):
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def fresh(server):
    """No case data from an earlier test; accounts and reference data are kept."""
    off_loop(wipe_case_data)


class Api:
    """The JSON API over HTTP as one persona or another, to set the scene quickly."""

    def __init__(self, base: str, tokens: dict[str, str]):
        self.client = httpx.Client(base_url=base, timeout=30)
        self.tokens = tokens

    def post(self, who: str, path: str, json=None) -> dict:
        response = self.client.post(path, json=json, headers={"Authorization": f"Bearer {self.tokens[who]}"})
        assert response.status_code in (200, 201), response.text
        return response.json()

    def get(self, who: str, path: str):
        return self.client.get(path, headers={"Authorization": f"Bearer {self.tokens[who]}"})


@pytest.fixture
def api(server, tokens, fresh) -> Api:
    client = Api(server, tokens)
    yield client
    client.client.close()


def sign_in_through_the_form(page: Page, who: str) -> None:
    page.goto("/login")
    page.get_by_label("Username").fill(who)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/login" not in page.url, f"{who} could not sign in"


@pytest.fixture(scope="session")
def signed_in() -> dict:
    """Each persona signs in through the form once; later tests reuse that session's cookies
    (sessions are kept between tests, like accounts) to spare a password hash per test."""
    return {}


@pytest.fixture
def open_as(browser, server, fresh, signed_in):
    """`open_as("cw")`: a page in a fresh browser, signed in as that persona, at their home."""
    contexts = []

    def open_page(who: str, viewport=DESKTOP) -> Page:
        context = browser.new_context(base_url=server, viewport=viewport,
                                      storage_state=signed_in.get(who))
        contexts.append(context)
        page = context.new_page()
        if who in signed_in:
            page.goto("/")
        else:
            sign_in_through_the_form(page, who)
            signed_in[who] = context.storage_state()
        return page

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page: Page, name: str) -> None:
    """Saved for people to look at: the page as it is, and at phone width."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    page.screenshot(path=SCREENSHOTS / f"{name}-phone.png", full_page=True)
    page.set_viewport_size(size)


_axe = Axe()


def assert_accessible(page: Page) -> None:
    """axe-core finds no serious or critical violation on the page as it stands."""
    results = _axe.run(page)
    grave = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    report = "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — "
                       f"{[n['target'] for n in v['nodes']][:5]}" for v in grave)
    assert not grave, f"{page.url}\n{report}"
