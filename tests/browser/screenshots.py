"""The README's screenshots, taken afresh from the demo in Debian's Chromium:

    .venv/bin/python -m tests.browser.screenshots [FOLDER]

It serves `haven serve --demo` on a new database in a temporary folder, signs in as the demo's
people and writes the pictures into FOLDER (default: templates/static/screenshots).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, ROOT
from tests.engines.test_haven_serve_demo_serves_a_lived_in_system import free_port, wait_until_up


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        port, log = free_port(), open(Path(work) / "serve.log", "w+")
        env = {**os.environ, "HAVEN_DATABASE_URL": f"sqlite:///{work}/haven.db", "HAVEN_SCHEDULER": "false"}
        server = subprocess.Popen([sys.executable, "-m", "service.cli", "serve", "--demo", "--no-scheduler",
                                   "--port", str(port)], cwd=work, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(f"{base}/healthz", server)
            log.seek(0)
            logins = dict(re.findall(r"^\s+(\S+)\s+\S+\s+\S+\s+(demo-\S+)$", log.read(), re.M))
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                take_all(browser, base, logins, folder)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


def take_all(browser, base: str, logins: dict, folder: Path) -> None:
    with signed_in(browser, base, "north.supervisor", logins, DESKTOP) as page:
        page.goto(f"{base}/inbox")
        page.screenshot(path=folder / "supervisor-inbox.png", full_page=False)
    with signed_in(browser, base, "north.caseworker1", logins, DESKTOP) as page:
        page.goto(f"{base}/")
        page.screenshot(path=folder / "caseworker-home.png", full_page=False)
    with signed_in(browser, base, "north.therapist", logins, DESKTOP) as page:
        open_child_with(page, base, "section[aria-labelledby=development] .concerns", most="section[aria-labelledby=development] tbody tr")
        page.locator("section[aria-labelledby=development]").screenshot(path=folder / "child-development.png")
    with signed_in(browser, base, "north.therapist", logins, PHONE) as page:
        open_child_with(page, base, ".step-progress", "/assessments/new")
        page.screenshot(path=folder / "assessment-on-a-phone.png", full_page=False)
    with signed_in(browser, base, "north.caseworker1", logins, DESKTOP, locale="es-ES") as page:
        page.goto(f"{base}/")
        page.screenshot(path=folder / "caseworker-home-spanish.png", full_page=False)


class signed_in:
    """A browser page signed in as one of the demo's people, closed afterwards."""

    def __init__(self, browser, base: str, username: str, logins: dict, viewport: dict, locale: str = "en-GB"):
        self.context = browser.new_context(viewport=viewport, locale=locale)
        self.base, self.username, self.password = base, username, logins[username]

    def __enter__(self) -> Page:
        page = self.context.new_page()
        page.goto(f"{self.base}/login")
        page.fill("input[name=username]", self.username)
        page.fill("input[name=password]", self.password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    def __exit__(self, *exc) -> None:
        self.context.close()


def open_child_with(page: Page, base: str, selector: str, then: str = "", most: str = "") -> None:
    """The first child's page (of those listed at home; or its page at `then`, under the
    child's address) that shows `selector`; with `most`, the one of them showing most of it."""
    page.goto(f"{base}/")
    links = {h for h in page.eval_on_selector_all("a[href^='/children/']", "as => as.map(a => a.getAttribute('href'))")
             if re.fullmatch(r"/children/[0-9a-f-]{36}", h)}
    found = []
    for href in sorted(links):
        page.goto(base + href + then)
        if page.locator(selector).count():
            if not most:
                return
            found.append((page.locator(most).count(), href))
    if not found:
        raise SystemExit(f"no child's page in the demo shows {selector}")
    page.goto(base + max(found)[1] + then)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates" / "static" / "screenshots")
