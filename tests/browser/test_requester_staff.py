"""Journeys (a) requester with a clarification and (c) staff language switch: mouse and keyboard."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest

from tests.browser.keyboard import choose_radio, tab_to

pytestmark = pytest.mark.browser

FUTURE = date.today() + timedelta(days=60)


def fill_request_by_mouse(page: Any, title: str) -> None:
    page.fill("#title", title)
    page.fill("#vendor", "Leverancier BV")
    page.select_option("#category", index=1)
    page.fill("#purpose", "Leerlingen oefenen spelling in de klas.")
    page.fill("#educational_rationale", "Gerichte oefening met directe feedback.")
    page.check("#schools-0")
    page.fill("#pupil_count", "120")
    page.check("#age_groups-0")
    page.check("#data_subjects-0")
    page.check("#hosting-1")
    page.check("#processor_agreement-1")
    page.fill("#desired_decision_date", FUTURE.isoformat())


def fill_request_by_keyboard(page: Any, title: str) -> None:
    kb = page.keyboard
    page.evaluate("document.activeElement && document.activeElement.blur()")
    tab_to(page, "#title")
    kb.type(title)
    tab_to(page, "#vendor")
    kb.type("Leverancier BV")
    tab_to(page, "#category")
    kb.press("ArrowDown")
    assert page.eval_on_selector("#category", "e => e.value") != ""
    tab_to(page, "#purpose")
    kb.type("Leerlingen oefenen spelling in de klas.")
    tab_to(page, "#educational_rationale")
    kb.type("Gerichte oefening met directe feedback.")
    for box in ("#schools-0",):
        tab_to(page, box)
        kb.press("Space")
    tab_to(page, "#pupil_count")
    kb.type("120")
    tab_to(page, "#age_groups-0")
    kb.press("Space")
    tab_to(page, "#data_subjects-0")
    kb.press("Space")
    choose_radio(page, "hosting", "netherlands")
    choose_radio(page, "processor_agreement", "signed")
    tab_to(page, "#desired_decision_date")
    kb.type(FUTURE.strftime("%m%d%Y"))  # en-US context locale: mm/dd/yyyy
    assert page.eval_on_selector("#desired_decision_date", "e => e.value") == FUTURE.isoformat()


@pytest.mark.parametrize("mode", ["mouse", "keyboard"])
def test_requester_files_request_and_answers_question(journey: Any, mode: str) -> None:
    keyboard = mode == "keyboard"
    title = f"Spellingstuin {mode}"
    requester = journey.page()
    journey.login(requester, "aanvrager", keyboard=keyboard)
    journey.shot(requester, "start")
    journey.axe(requester, "start")
    requester.goto("/reviews/new")
    journey.shot(requester, "request-form")
    journey.axe(requester, "request-form")

    # submitting an empty form shows the errors tied to their fields
    if keyboard:
        tab_to(requester, "input[name=submit]")
        with requester.expect_navigation():
            requester.keyboard.press("Enter")
    else:
        requester.click("input[name=submit]")
    requester.wait_for_load_state()
    assert requester.locator("[aria-invalid=true], .error-summary, .field-error").count() > 0
    journey.shot(requester, "request-form-errors")
    journey.axe(requester, "request-form-errors")

    if keyboard:
        fill_request_by_keyboard(requester, title)
    else:
        fill_request_by_mouse(requester, title)
    journey.shot(requester, "request-form-filled")
    if keyboard:
        tab_to(requester, "input[name=submit]")
        with requester.expect_navigation():
            requester.keyboard.press("Enter")
    else:
        requester.click("input[name=submit]")
    requester.wait_for_url(re.compile(r"/reviews/\d+$"))
    case_url = requester.url
    body = requester.locator("main").inner_text()
    assert title in body
    assert "DPIA" in body  # the screening is on the case page
    journey.shot(requester, "case-submitted")
    journey.axe(requester, "case")

    secretary = journey.page()
    journey.login(secretary, "secretaris")
    secretary.goto(case_url)
    question = f"Waar staan de servers van {mode}?"
    secretary.fill("textarea[name=body]", question)
    secretary.locator("form[action$='/messages'] button[type=submit]").click()
    secretary.wait_for_load_state()
    assert question in secretary.locator("main").inner_text()
    journey.shot(secretary, "secretary-asked")

    requester.goto("/notifications/")
    journey.shot(requester, "notifications")
    journey.axe(requester, "notifications")
    requester.goto(case_url)
    assert question in requester.locator("main").inner_text()
    answer = f"In Amsterdam ({mode})."
    if keyboard:
        tab_to(requester, "textarea[name=body]")
        requester.keyboard.type(answer)
        tab_to(requester, "form[action$='/messages'] button[type=submit]")
        with requester.expect_navigation():
            requester.keyboard.press("Enter")
    else:
        requester.fill("textarea[name=body]", answer)
        requester.locator("form[action$='/messages'] button[type=submit]").click()
    requester.wait_for_load_state()
    journey.shot(requester, "requester-answered")

    secretary.goto(case_url)
    assert answer in secretary.locator("main").inner_text()
    journey.shot(secretary, "secretary-sees-answer")
    assert not journey.axe_failures, "\n".join(journey.axe_failures)


@pytest.mark.parametrize("mode", ["mouse", "keyboard"])
def test_staff_changes_language(journey: Any, mode: str) -> None:
    keyboard = mode == "keyboard"
    page = journey.page()
    page.goto("/login")
    journey.shot(page, "login")
    journey.axe(page, "login")
    journey.login(page, "docent", keyboard=keyboard)
    page.goto("/")
    journey.shot(page, "start-nl")
    journey.axe(page, "start-staff")
    assert page.locator("html").get_attribute("lang") == "nl"

    def switch(locale: str) -> None:
        if keyboard:
            page.evaluate("document.activeElement && document.activeElement.blur()")
            tab_to(page, "#language-select")
            page.keyboard.press("ArrowDown" if locale == "en" else "ArrowUp")
            assert page.eval_on_selector("#language-select", "e => e.value") == locale
            tab_to(page, "form:has(#language-select) button[type=submit]")
            with page.expect_navigation():
                page.keyboard.press("Enter")
        else:
            page.select_option("#language-select", locale)
            page.locator("form:has(#language-select) button[type=submit]").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == locale

    switch("en")
    journey.shot(page, "start-en")
    switch("nl")
    journey.shot(page, "start-nl-again")
    assert not journey.axe_failures, "\n".join(journey.axe_failures)
