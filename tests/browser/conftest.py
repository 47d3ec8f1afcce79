"""Real-browser fixtures: the app served on 127.0.0.1 and Debian's Chromium driven by Playwright.

Playwright never downloads a browser here: it launches the system's /usr/bin/chromium.
"""

from __future__ import annotations

import os
import shutil
import threading

import pytest
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def live_server(app):
    """The application served by a real HTTP server in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def _browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run the README's test command")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class PolicyWatch:
    """What the browser refused under the Content-Security-Policy, and script errors: every
    browser test fails on any of them (the pages work with the policy on, nothing inline)."""

    def __init__(self):
        self.problems: list[str] = []

    def watch(self, page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))

    def _console(self, message) -> None:
        text = message.text
        if "Content Security Policy" in text or "Refused to" in text:
            self.problems.append(text)


@pytest.fixture
def csp_violations():
    """The CSP violations and script errors seen by this test's pages (checked at its end)."""
    watch = PolicyWatch()
    yield watch
    assert watch.problems == [], watch.problems


@pytest.fixture
def browser_page(_browser, csp_violations):
    """A fresh page (own cookies) on a laptop-sized screen."""
    context = _browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    page = context.new_page()
    page.set_default_timeout(15000)
    csp_violations.watch(page)
    yield page
    context.close()


@pytest.fixture
def phone_page(_browser, csp_violations):
    """A fresh page on a phone-sized screen."""
    context = _browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="ar",
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    csp_violations.watch(page)
    yield page
    context.close()


def sign_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/auth/login")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/manage/")
