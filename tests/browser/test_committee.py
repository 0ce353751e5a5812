"""Journey (b): DPIA, deliberation, meeting, votes, decision, advisory, two PAdES signatures."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest

from ethicsdesk.signing import pdfsig_report
from tests.browser.conftest import PASSWORDS

pytestmark = pytest.mark.browser

CASE = "Rekenroute Adaptief"
VOTERS = {
    "secretaris": "favourable",
    "voorzitter": "favourable",
    "lid": "favourable",
    "lid2": "favourable",
    "lid3": "unfavourable",
}


def open_case(journey: Any, page: Any) -> str:
    page.goto("/reviews/queue")
    page.get_by_role("link", name=CASE).first.click()
    page.wait_for_url(re.compile(r"/reviews/\d+$"))
    return page.url


def test_committee_journey(journey: Any) -> None:
    member = journey.page()
    journey.login(member, "lid")
    case_url = open_case(journey, member)
    member.goto(case_url + "/dpia/")
    journey.shot(member, "dpia-start")
    journey.axe(member, "dpia-start")
    assert member.locator("input[name=template]:checked").count() == 1  # suggested template
    member.locator("form[action$='/dpia/start'] button[type=submit]").click()
    member.wait_for_load_state()
    journey.shot(member, "dpia-overview")
    journey.axe(member, "dpia-overview")
    member.locator("a[href*='/dpia/sections/']").first.click()
    member.wait_for_load_state()
    section_url = member.url
    first = member.locator("main form textarea").first
    first.fill("Leerlingen van groep 5 tot en met 8; rekenresultaten en klikgedrag.")
    journey.shot(member, "dpia-section")
    journey.axe(member, "dpia-section")
    member.locator("main form [type=submit]").last.click()
    member.wait_for_load_state()
    journey.shot(member, "dpia-section-saved")
    member.goto(section_url)
    assert "klikgedrag" in member.locator("main").inner_html()
    member.goto(case_url + "/compass/")
    journey.shot(member, "compass")
    journey.axe(member, "compass")

    secretary = journey.page()
    journey.login(secretary, "secretaris")
    secretary.goto(case_url)
    secretary.locator("form[action$='/transition'] button", has_text="beraad").first.click()
    secretary.wait_for_load_state()
    journey.shot(secretary, "case-in-deliberation")
    journey.axe(secretary, "case-in-deliberation")

    secretary.goto("/meetings/")
    journey.axe(secretary, "meetings")
    secretary.goto("/meetings/new")
    journey.axe(secretary, "meeting-new")
    secretary.fill("#title", "Commissievergadering browsertest")
    secretary.fill("#held_on", date.today().isoformat())
    secretary.get_by_label(CASE).check()
    journey.shot(secretary, "meeting-new")
    secretary.locator("main form [type=submit]").last.click()
    secretary.wait_for_url(re.compile(r"/meetings/\d+$"))
    meeting_url = secretary.url
    journey.shot(secretary, "meeting")
    journey.axe(secretary, "meeting")
    secretary.locator("#attendance summary").click()
    for box in secretary.locator("#attendance input[type=checkbox]").all():
        box.check()
    secretary.locator("#attendance button[type=submit]").click()
    secretary.wait_for_load_state()
    journey.shot(secretary, "attendance")

    for who, position in VOTERS.items():
        page = secretary if who == "secretaris" else journey.page()
        if who != "secretaris":
            journey.login(page, who)
        page.goto(meeting_url)
        page.locator(f"input[name=position][value={position}]").check()
        if position == "unfavourable":
            page.fill(
                "textarea[name=reasons]", "Het klikgedrag van jonge kinderen wordt geprofileerd."
            )
        page.locator("form[action*='/vote'] button[type=submit]").click()
        page.wait_for_load_state()
        journey.shot(page, f"voted-{who}")
        if position == "unfavourable":
            page.locator("form[action*='/minority']").locator("xpath=..").locator("summary").click()
            page.fill(
                "form[action*='/minority'] textarea", "Minderheidsstandpunt: eerst een pilot."
            )
            page.locator("form[action*='/minority'] button[type=submit]").click()
            page.wait_for_load_state()
            journey.shot(page, "minority-opinion")
            journey.axe(page, "minority-opinion")
    chair = journey.page()
    journey.login(chair, "voorzitter")
    chair.goto(meeting_url)
    assert "Minderheidsstandpunt" in chair.locator("main").inner_text()
    chair.locator("form[action*='/decide'] input[value=favourable]").check()
    chair.locator("form[action*='/decide'] button[type=submit]").click()
    chair.wait_for_load_state()
    journey.shot(chair, "decision")
    journey.axe(chair, "decision")

    secretary.goto(case_url)
    secretary.locator("a[href$='/advisory/new']").click()
    secretary.wait_for_load_state()
    journey.axe(secretary, "advisory-form")
    secretary.select_option("#outcome", "favourable")
    secretary.fill("#public_summary", "De commissie adviseert positief.")
    if not secretary.input_value("#reasons"):
        secretary.fill("#reasons", "Proportioneel en goed onderbouwd.")
    secretary.fill("#re_evaluation_date", (date.today() + timedelta(days=365)).isoformat())
    journey.shot(secretary, "advisory-form")
    secretary.locator("main form [type=submit]").last.click()
    secretary.wait_for_url(re.compile(r"/advisory/\d+$"))
    advisory_url = secretary.url
    journey.shot(secretary, "advisory-draft")
    journey.axe(secretary, "advisory-draft")
    secretary.locator("form[action$='/freeze'] button").click()
    secretary.wait_for_load_state()
    journey.shot(secretary, "advisory-frozen")
    for page, who in ((secretary, "secretaris"), (chair, "voorzitter")):
        page.goto(advisory_url)
        page.fill("form[action$='/sign'] input[type=password]", PASSWORDS[who])
        page.locator("form[action$='/sign'] input[type=checkbox]").check()
        page.locator("form[action$='/sign'] button[type=submit]").click()
        page.wait_for_load_state()
        journey.shot(page, f"signed-{who}")
    chair.goto(advisory_url)
    text = chair.locator("main").inner_text()
    assert "Sanne de Vries" in text
    assert "Karel Bos" in text
    journey.shot(chair, "advisory-signed")
    journey.axe(chair, "advisory")
    with chair.expect_download() as info:
        chair.locator("a[href$='/pdf']").click()
    pdf = info.value.path().read_bytes()
    (journey.dir / "advisory.pdf").write_bytes(pdf)
    report = pdfsig_report(pdf)
    assert len(report.signatures) == 2, report.output
    assert [s.signature_validation for s in report.signatures] == ["Signature is Valid."] * 2
    assert [s.common_name for s in report.signatures] == ["Sanne de Vries", "Karel Bos"]
    assert report.signatures[-1].total_document_signed, report.output
    assert not journey.axe_failures, "\n".join(journey.axe_failures)
    staff_catalogue_and_verify(journey, secretary, advisory_url, journey.dir / "advisory.pdf")


def staff_catalogue_and_verify(journey: Any, secretary: Any, advisory_url: str, pdf: Any) -> None:
    """Journey (c), second half: publish, then a staff member searches, opens, verifies."""
    secretary.goto(advisory_url)
    publish = secretary.locator("form[action*='/publish']")
    if publish.count() == 0:
        pytest.skip("TODO: no publish form on the advisory page (publications not merged)")
    publish.locator("input[type=radio]").first.check()
    publish.locator("button[type=submit]").click()
    secretary.wait_for_load_state()
    journey.shot(secretary, "published")
    journey.axe(secretary, "published")

    staff = journey.page()
    journey.login(staff, "docent")
    staff.goto("/advisories")
    staff.fill("#q", "Rekenroute")
    with staff.expect_navigation():
        staff.locator("#q").press("Enter")
    journey.shot(staff, "catalogue-search")
    journey.axe(staff, "catalogue")
    staff.locator("main table a", has_text="Rekenroute").first.click()
    staff.wait_for_load_state()
    journey.shot(staff, "published-advisory")
    journey.axe(staff, "published-advisory")
    with staff.expect_download() as info:
        staff.locator("main a[href$='/pdf']").first.click()
    downloaded = info.value.path()
    staff.goto("/advisories/verify")
    journey.shot(staff, "verify")
    journey.axe(staff, "verify")
    staff.set_input_files("input[type=file]", str(downloaded))
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    journey.shot(staff, "verified")
    journey.axe(staff, "verify-result")
    assert staff.locator(".verdict--ok").count() == 1, staff.locator("main").inner_text()
    assert not journey.axe_failures, "\n".join(journey.axe_failures)
