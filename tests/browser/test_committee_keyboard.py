"""Journeys (b) and (c) by keyboard only: DPIA, compass, meeting, 4-1 vote with a minority
opinion, decision, advisory signed by secretary and chair, publication; then a staff member
searches, opens, downloads and verifies it.

Every control is reached with Tab (or Shift+Tab) and operated with Enter, Space, the arrow keys
and typing (tests/browser/keyboard.py); ``page.goto`` only for the sign-in page. The journey
has a fresh server of its own, so it starts from the same demo state as the mouse journey.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from ethicsdesk.signing import pdfsig_report
from tests.browser.conftest import PASSWORDS, Journey
from tests.browser.keyboard import (
    choose_file,
    choose_option,
    choose_radio,
    download,
    fill_form,
    focused,
    follow,
    open_details,
    tab_to,
    tab_to_label,
    toggle,
    type_into,
)
from tests.live_server import LiveServerError
from tests.live_server import live_server as serve

pytestmark = pytest.mark.browser

CASE = "Rekenroute Adaptief"
MEETING = "Commissievergadering toetsenbord"
VOTERS = {
    "secretaris": "favourable",
    "voorzitter": "favourable",
    "lid": "favourable",
    "lid2": "favourable",
    "lid3": "unfavourable",
}
MINORITY = "Minderheidsstandpunt: eerst een pilot van een half jaar."
TODAY = date.today()


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server of its own: the mouse journey has already taken the demo case through."""
    try:
        with serve(tmp_path_factory.mktemp("live-keyboard")) as server:
            yield server.base_url
    except LiveServerError as error:
        pytest.fail(str(error))


@pytest.fixture
def keyboard_journey(
    request: pytest.FixtureRequest, chromium: Any, own_server: str
) -> Iterator[Journey]:
    journey = Journey(request.node.name, chromium, own_server)
    yield journey
    journey.close()


def us_date(day: date) -> str:
    """What one types into a date field in the en-US browser locale (mm/dd/yyyy)."""
    return day.strftime("%m%d%Y")


class Walk:
    """One journey's pages: every page reached gets a screenshot and an axe-core run."""

    def __init__(self, journey: Journey) -> None:
        self.journey = journey

    def seen(self, page: Any, label: str) -> None:
        self.journey.shot(page, label)
        self.journey.axe(page, label)

    def sign_in(self, who: str) -> Any:
        page = self.journey.page()
        self.journey.login(page, who, keyboard=True)
        self.seen(page, f"{who}-home")
        return page

    def open_case(self, page: Any, label: str) -> str:
        """Main menu → review queue → the case."""
        follow(page, "nav a[href$='/reviews/queue']")
        follow(page, "main a", CASE)
        assert re.search(r"/reviews/\d+$", page.url), page.url
        self.seen(page, label)
        return page.url

    def open_meeting(self, page: Any, label: str) -> None:
        """Main menu → meetings → this journey's meeting."""
        follow(page, "nav a[href$='/meetings/']")
        follow(page, "main a", MEETING)
        self.seen(page, label)


def dpia_by_keyboard(walk: Walk, member: Any) -> None:
    """Start the suggested DPIA template and answer every question of every section."""
    follow(member, "main a[href$='/dpia/']")
    walk.seen(member, "dpia-start")
    assert member.locator("input[name=template]:checked").count() == 1  # suggested template
    follow(member, "form[action$='/dpia/start'] button[type=submit]")
    walk.seen(member, "dpia-overview")
    sections = [
        href.rsplit("/", 1)[-1]
        for href in member.eval_on_selector_all(
            "main a[href*='/dpia/sections/']", "links => links.map(a => a.getAttribute('href'))"
        )
    ]
    assert len(sections) >= 3, sections
    for section in sections:
        follow(member, f"main a[href$='/dpia/sections/{section}']")
        answered = fill_form(
            member,
            "form.dpia-form",
            "form.dpia-form button[type=submit]",
            lambda name: f"Antwoord op {name[8:]}." if name.startswith("answer__") else None,
        )
        assert answered > 0, section
        walk.seen(member, f"dpia-section-{section}")
        with member.expect_navigation():
            member.keyboard.press("Enter")
        member.wait_for_load_state()
        assert "/dpia/sections/" not in member.url, member.locator("main").inner_text()
    walk.seen(member, "dpia-filled")
    progress = member.locator("#overall-progress")
    assert progress.get_attribute("value") == progress.get_attribute("max"), "DPIA incomplete"


def compass_by_keyboard(walk: Walk, member: Any) -> None:
    """From the case page: start the compass, answer every part, mark the answers as done."""
    follow(member, "main a[href$='/compass/']")
    start = "form[action$='/compass/start']"
    if member.locator(start).count():
        walk.seen(member, "compass-start")
        fill_form(member, start, f"{start} button", lambda _: None)
        follow(member, f"{start} button")
    else:  # a colleague started it: begin with the first part
        walk.seen(member, "compass-overview")
        follow(member, "main table.compass-parts a")
    part = 0
    while True:
        part += 1
        last = member.locator("form.compass-form [name=save_and_continue]").count() == 0
        submit = "[name=save]" if last else "[name=save_and_continue]"
        fill_form(member, "form.compass-form", f"form.compass-form {submit}", lambda _: "Zie DPIA.")
        walk.seen(member, f"compass-part-{part}")
        url = member.url
        with member.expect_navigation():
            member.keyboard.press("Enter")
        member.wait_for_load_state()
        assert member.locator(".error-summary").count() == 0, member.locator("main").inner_text()
        if last:
            assert member.url == url
            break
        assert member.url != url, "save and continue stayed on the same part"
    follow(member, "main .breadcrumb a")
    follow(member, "form[action$='/compass/done'] button")
    walk.seen(member, "compass-done")
    progress = member.locator("#compass-progress")
    assert progress.get_attribute("value") == progress.get_attribute("max"), "compass incomplete"


def meeting_by_keyboard(walk: Walk, secretary: Any) -> str:
    """Plan the meeting with the case on its agenda and record that everyone is present."""
    follow(secretary, "nav a[href$='/meetings/']")
    walk.seen(secretary, "meetings")
    follow(secretary, "main a[href$='/meetings/new']")
    walk.seen(secretary, "meeting-new")
    type_into(secretary, "#title", MEETING)
    type_into(secretary, "#held_on", us_date(TODAY))
    assert secretary.eval_on_selector("#held_on", "e => e.value") == TODAY.isoformat()
    type_into(secretary, "#location", "Bestuurskamer")
    tab_to_label(secretary, "input[type=checkbox][name=cases]", CASE)
    secretary.keyboard.press("Space")
    follow(secretary, "main form button[type=submit]")
    assert re.search(r"/meetings/\d+$", secretary.url), secretary.url
    meeting_url = secretary.url
    walk.seen(secretary, "meeting")
    open_details(secretary, "#attendance")
    tab_to(secretary, "#attendance input[type=checkbox]")
    while not focused(secretary, "#attendance button[type=submit]"):
        if focused(secretary, "#attendance input[type=checkbox]:not(:checked)"):
            secretary.keyboard.press("Space")
        secretary.keyboard.press("Tab")
    walk.journey.shot(secretary, "attendance-ticked")
    with secretary.expect_navigation():
        secretary.keyboard.press("Enter")
    secretary.wait_for_load_state()
    assert secretary.locator("#attendance input[type=checkbox]:not(:checked)").count() == 0
    return meeting_url


def vote_by_keyboard(walk: Walk, page: Any, who: str, position: str) -> None:
    """Choose a position with the arrow keys; the one against adds a minority opinion."""
    vote = "form[action*='/vote']"
    choose_radio(page, "position", position, scope=vote)
    if position == "unfavourable":
        type_into(
            page,
            f"{vote} textarea[name=reasons]",
            "Het klikgedrag van kinderen wordt geprofileerd.",
        )
    walk.journey.shot(page, f"vote-{who}")
    follow(page, f"{vote} button[type=submit]")
    assert page.locator(".error-summary").count() == 0, page.locator("main").inner_text()
    if position == "unfavourable":
        minority = "details:has(form[action*='/minority'])"
        open_details(page, minority)
        type_into(page, f"{minority} textarea", MINORITY)
        walk.journey.shot(page, "minority-opinion")
        follow(page, f"{minority} button[type=submit]")
        walk.seen(page, "minority-recorded")


def sign_by_keyboard(walk: Walk, page: Any, who: str) -> None:
    """Password, the confirmation box with Space, then Sign with Enter."""
    sign = "form[action$='/sign']"
    type_into(page, f"{sign} input[type=password]", PASSWORDS[who])
    toggle(page, f"{sign} input[type=checkbox]")
    # focus order: the password field sits right before the confirmation, Shift+Tab returns
    tab_to(page, f"{sign} input[type=password]", limit=2, back=True)
    tab_to(page, f"{sign} input[type=checkbox]", limit=2)
    assert page.locator(f"{sign} input[type=checkbox]").is_checked()
    walk.journey.shot(page, f"sign-{who}")
    follow(page, f"{sign} button[type=submit]")
    assert page.locator(".error-summary").count() == 0, page.locator("main").inner_text()
    walk.seen(page, f"signed-{who}")


def open_advisory(page: Any, advisory_url: str) -> None:
    """From a page of the case: breadcrumb or heading to the case, then the advisory's link."""
    path = advisory_url.split("://", 1)[1].split("/", 1)[1]
    follow(page, f"main a[href$='/{path}']")


def test_committee_journey_keyboard_only(keyboard_journey: Journey) -> None:
    walk = Walk(keyboard_journey)

    member = walk.sign_in("lid")
    walk.open_case(member, "case-member")
    dpia_by_keyboard(walk, member)
    follow(member, "main .breadcrumb a")
    compass_by_keyboard(walk, member)
    colleague = walk.sign_in("lid2")  # the comparison opens once two members have answered
    walk.open_case(colleague, "case-colleague")
    compass_by_keyboard(walk, colleague)

    secretary = walk.sign_in("secretaris")
    walk.open_case(secretary, "case-secretary")
    follow(secretary, "main a[href$='/compass/']")
    follow(secretary, "form[action$='/compass/open'] button")
    assert "/compass/comparison" in secretary.url, secretary.locator("main").inner_text()
    walk.seen(secretary, "compass-comparison")
    follow(secretary, "main .breadcrumb a")
    follow(secretary, "main .breadcrumb a")
    follow(secretary, "form:has(input[name=transition][value=start_deliberation]) button")
    walk.seen(secretary, "case-in-deliberation")
    meeting_url = meeting_by_keyboard(walk, secretary)

    for who, position in VOTERS.items():
        if who == "secretaris":
            page = secretary
        else:
            page = walk.sign_in(who)
            walk.open_meeting(page, f"meeting-{who}")
        vote_by_keyboard(walk, page, who, position)
    chair = walk.sign_in("voorzitter")
    walk.open_meeting(chair, "meeting-chair")
    assert chair.url == meeting_url
    text = chair.locator("main").inner_text()
    assert MINORITY in text
    counts = chair.locator(".meeting-item table tbody td").all_inner_texts()
    assert counts[0] == "4", counts  # favourable
    assert sorted(counts) == ["0", "0", "0", "1", "4"], counts
    choose_radio(chair, "outcome", "favourable", scope="form[action*='/decide']")
    follow(chair, "form[action*='/decide'] button[type=submit]")
    walk.seen(chair, "decision")

    follow(secretary, "main .meeting-item h2 a", CASE)
    follow(secretary, "main a[href$='/advisory/new']")
    walk.seen(secretary, "advisory-form")
    choose_option(secretary, "#outcome", "favourable")
    type_into(secretary, "#public_summary", "De commissie adviseert positief.")
    if not secretary.input_value("#reasons"):
        type_into(secretary, "#reasons", "Proportioneel en goed onderbouwd.")
    type_into(secretary, "#re_evaluation_date", us_date(TODAY + timedelta(days=365)))
    follow(secretary, "main form button[type=submit]")
    assert re.search(r"/advisory/\d+$", secretary.url), secretary.locator("main").inner_text()
    advisory_url = secretary.url
    walk.seen(secretary, "advisory-draft")
    follow(secretary, "form[action$='/freeze'] button")
    walk.seen(secretary, "advisory-frozen")
    sign_by_keyboard(walk, secretary, "secretaris")

    follow(chair, "main .meeting-item h2 a", CASE)
    open_advisory(chair, advisory_url)
    sign_by_keyboard(walk, chair, "voorzitter")
    text = chair.locator("main").inner_text()
    assert "Sanne de Vries" in text
    assert "Karel Bos" in text
    pdf = download(chair, "main a[href$='/pdf']")
    report = pdfsig_report(pdf.read_bytes())
    assert [s.signature_validation for s in report.signatures] == ["Signature is Valid."] * 2
    assert [s.common_name for s in report.signatures] == ["Sanne de Vries", "Karel Bos"]

    follow(secretary, "main .breadcrumb a")
    open_advisory(secretary, advisory_url)
    publish = "form[action*='/publish']"
    tab_to(secretary, f"{publish} input[type=radio]")
    if not secretary.locator(f"{publish} input[type=radio]:checked").count():
        secretary.keyboard.press("Space")
    follow(secretary, f"{publish} button[type=submit]")
    walk.seen(secretary, "published")
    assert secretary.locator("main a[href*='/advisories/']").count() > 0  # in the catalogue

    staff_by_keyboard(walk)
    assert not keyboard_journey.axe_failures, "\n".join(keyboard_journey.axe_failures)


def staff_by_keyboard(walk: Walk) -> None:
    """Journey (c): search the catalogue, open the advisory, download and verify its PDF."""
    staff = walk.sign_in("docent")
    follow(staff, "nav a[href$='/advisories']")
    walk.seen(staff, "catalogue")
    type_into(staff, "#q", "Rekenroute")
    with staff.expect_navigation():
        staff.keyboard.press("Enter")
    staff.wait_for_load_state()
    walk.seen(staff, "catalogue-search")
    follow(staff, "main table a", "Rekenroute")
    walk.seen(staff, "published-advisory")
    pdf: Path = download(staff, "main a[href$='/pdf']")
    follow(staff, "main a[href$='/advisories/verify']")
    walk.seen(staff, "verify")
    choose_file(staff, "main input[type=file]", pdf)
    follow(staff, "main form button[type=submit]")
    walk.seen(staff, "verified")
    assert staff.locator(".verdict--ok").count() == 1, staff.locator("main").inner_text()
