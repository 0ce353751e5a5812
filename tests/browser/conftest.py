"""Real-browser fixtures: the demo app under gunicorn on 127.0.0.1, driven by Debian's Chromium.

Never downloads a browser: Chromium comes from Debian's ``chromium`` package (/usr/bin/chromium).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.live_server import LiveServerError
from tests.live_server import live_server as serve

CHROMIUM = os.environ.get("ETHICSDESK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
PASSWORDS = {
    "aanvrager": "demo-aanvrager-2026",
    "lid": "demo-lid-2026",
    "lid2": "demo-lid2-2026",
    "lid3": "demo-lid3-2026",
    "secretaris": "demo-secretaris-2026",
    "voorzitter": "demo-voorzitter-2026",
    "fg": "demo-fg-2026",
    "coordinator": "demo-coordinator-2026",
    "beheer": "demo-beheer-2026",
    "docent": "demo-docent-2026",
}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: real-browser tests (gunicorn + Debian chromium)")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo data served by gunicorn (2 workers) on a free loopback port; yields the base URL.

    On SQLite by default, on a fresh PostgreSQL database of its own when
    ETHICSDESK_TEST_DATABASE_URL is set (see tests/live_server.py).
    """
    try:
        with serve(tmp_path_factory.mktemp("live")) as server:
            yield server.base_url
    except LiveServerError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Chromium per module: Playwright's sync API keeps an asyncio loop running in this thread
    while it lives, which would break code under test that calls asyncio.run (pyHanko) in
    later, non-browser tests of the same session."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's 'chromium' package "
            "(apt-get install chromium); a downloaded browser is never used"
        )

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Journey:
    """Screenshots numbered per test, axe results per page, and a login helper."""

    def __init__(self, name: str, browser: Any, base: str) -> None:
        self.dir = ARTIFACTS / re.sub(r"[^\w.-]+", "_", name)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir.mkdir(parents=True)
        self.browser = browser
        self.base = base
        self.step = 0
        self.contexts: list[Any] = []
        self.axe_failures: list[str] = []

    def page(self) -> Any:
        context = self.browser.new_context(
            base_url=self.base, accept_downloads=True, locale="en-US"
        )
        context.set_default_timeout(15000)
        self.contexts.append(context)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.dismiss())
        return page

    def shot(self, page: Any, label: str) -> None:
        self.step += 1
        page.screenshot(path=str(self.dir / f"{self.step:02d}-{label}.png"), full_page=True)

    def login(self, page: Any, who: str, keyboard: bool = False) -> None:
        page.goto("/login")
        email = f"{who}@voorbeeld.school"
        if keyboard:
            page.keyboard.press("Tab")
            for _ in range(40):
                focused = page.evaluate("document.activeElement && document.activeElement.name")
                if focused == "email":
                    break
                page.keyboard.press("Tab")
            else:
                raise AssertionError("keyboard focus never reached the e-mail field")
            page.keyboard.type(email)
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.name") == "password"
            page.keyboard.type(PASSWORDS[who])
            with page.expect_navigation():
                page.keyboard.press("Enter")
        else:
            page.fill("input[name=email]", email)
            page.fill("input[name=password]", PASSWORDS[who])
            page.locator("form:has(input[name=password]) [type=submit]").click()
        page.wait_for_load_state()
        assert "/login" not in page.url, f"login failed for {who}: {page.url}"

    def axe(self, page: Any, label: str) -> None:
        """Run axe-core (bundled by axe-playwright-python) and record serious/critical ones."""
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(page)
        violations = results.response.get("violations", [])
        (self.dir / f"axe-{self.step:02d}-{label}.json").write_text(
            json.dumps(results.response, indent=1), encoding="utf-8"
        )
        for violation in violations:
            line = (
                f"{label} ({page.url}): [{violation.get('impact')}] {violation['id']}: "
                f"{violation['help']} -> "
                + "; ".join(n["target"][0] if n["target"] else "?" for n in violation["nodes"][:3])
            )
            if violation.get("impact") in ("serious", "critical"):
                self.axe_failures.append(line)
            else:
                # moderate/minor: reported in the output, kept in the JSON artefact
                print("axe (not failing):", line)  # noqa: T201

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def journey(request: pytest.FixtureRequest, chromium: Any, live_server: str) -> Iterator[Journey]:
    journey = Journey(request.node.name, chromium, live_server)
    yield journey
    journey.close()
