"""Stored XSS in real Chromium: 20 payloads stored through the forms, then the pages loaded."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.security.xss import PAYLOADS

pytestmark = pytest.mark.browser

SAMPLE = PAYLOADS[:: max(1, len(PAYLOADS) // 20)][:20]
TEXT_FIELDS = ("#vendor", "#purpose", "#educational_rationale", "#alternatives", "#exit_plan")


def assert_no_script_ran(page: Any, dialogs: list[str], where: str) -> None:
    page.wait_for_timeout(50)
    assert page.evaluate("typeof window.__xss") == "undefined", f"payload executed on {where}"
    assert not dialogs, f"dialog opened on {where}: {dialogs}"


def test_sample_payloads_do_not_execute(journey: Any) -> None:
    assert len(SAMPLE) == 20
    requester = journey.page()
    dialogs: list[str] = []
    requester.on("dialog", lambda d: dialogs.append(d.message))
    journey.login(requester, "aanvrager")
    case_urls = []
    for number, payload in enumerate(SAMPLE):
        requester.goto("/reviews/new")
        requester.fill("#title", f"XSS browser {number} {payload}"[:200])
        for selector in TEXT_FIELDS:
            requester.fill(selector, payload)
        requester.click("input[name=save]")
        requester.wait_for_load_state()
        assert_no_script_ran(requester, dialogs, f"save {number}")
        if re.search(r"/reviews/\d+$", requester.url):
            case_urls.append(requester.url)
    assert len(case_urls) >= 15, case_urls
    for url in case_urls:
        requester.goto(url)
        assert_no_script_ran(requester, dialogs, url)
        requester.goto(url + "/edit")
        assert_no_script_ran(requester, dialogs, url + "/edit")
    requester.goto("/reviews/mine")
    journey.shot(requester, "my-requests-with-payloads")
    assert_no_script_ran(requester, dialogs, "/reviews/mine")

    secretary = journey.page()
    secretary.on("dialog", lambda d: dialogs.append(d.message))
    journey.login(secretary, "secretaris")
    secretary.goto("/reviews/queue")
    secretary.get_by_role("link", name="Rekenroute Adaptief").first.click()
    case = secretary.url
    for payload in SAMPLE:
        secretary.fill("textarea[name=body]", payload)
        secretary.locator("form[action$='/messages'] button[type=submit]").click()
        secretary.wait_for_load_state()
    secretary.goto(case)
    journey.shot(secretary, "messages-with-payloads")
    assert_no_script_ran(secretary, dialogs, case)
    for url in ("/notifications/", "/reviews/queue"):
        secretary.goto(url)
        assert_no_script_ran(secretary, dialogs, url)
