"""The DPIA editor: start from the suggested template, answer per section, progress, notes."""

from __future__ import annotations

import re

import sqlalchemy as sa

from ethicsdesk.core.permissions import Role
from ethicsdesk.dpia.models import Dpia, DpiaAnswer
from ethicsdesk.extensions import db
from tests.dpia.conftest import signed_in

CSRF_FREE = re.compile(r'name="version"[^>]*value="(\d+)"')


def start(browser, case) -> Dpia:
    page = browser.get(f"/reviews/{case.id}/dpia/").get_data(as_text=True)
    assert 'value="generative_ai" checked' in page  # the screening's suggestion is preselected
    response = browser.submit(f"/reviews/{case.id}/dpia/start", {"template": "generative_ai"})
    assert response.status_code == 302
    db.session.expire_all()
    return db.session.scalars(sa.select(Dpia)).one()


def section_form(browser, case, section: str) -> dict[str, str]:
    html = browser.get(f"/reviews/{case.id}/dpia/sections/{section}").get_data(as_text=True)
    return {"version": CSRF_FREE.search(html).group(1)}


def test_generative_ai_dpia_shows_risks_maps_and_art36(ai_case, member) -> None:
    dpia = start(member, ai_case)
    assert dpia.template_id == "generative_ai"
    assert dpia.template_version == "1.0.0"
    assert len(dpia.risks) >= 3
    page = member.get(f"/reviews/{ai_case.id}/dpia/").get_data(as_text=True)
    titles = [risk.title for risk in dpia.risks]
    assert all(title in page for title in titles)
    assert page.count("<svg") == 2  # before and after the measures
    assert "Voorafgaande raadpleging" in page or "art. 36" in page
    assert "<progress" in page


def test_answers_are_saved_with_author_time_and_note(ai_case, member) -> None:
    dpia = start(member, ai_case)
    data = section_form(member, ai_case, "A")
    data["answer__a1_proposal"] = "Een **schrijfassistent** voor havo/vwo."
    data["note__a1_proposal"] = "Nog navragen bij de leverancier."
    response = member.submit(f"/reviews/{ai_case.id}/dpia/sections/A", data)
    assert response.status_code == 302
    db.session.expire_all()
    answer = db.session.scalars(sa.select(DpiaAnswer).where(DpiaAnswer.dpia_id == dpia.id)).one()
    assert answer.text.startswith("Een **schrijfassistent**")
    assert answer.note == "Nog navragen bij de leverancier."
    assert answer.author_id == member.user.id
    page = member.get(f"/reviews/{ai_case.id}/dpia/").get_data(as_text=True)
    assert "<strong>schrijfassistent</strong>" in page  # Markdown rendered, sanitised
    assert "Nog navragen" in page


def test_markup_in_answers_is_sanitised(ai_case, member) -> None:
    start(member, ai_case)
    data = section_form(member, ai_case, "A")
    data["answer__a1_proposal"] = (
        "<script>alert(1)</script>[x](javascript:alert(1))<img src=x onerror=alert(1)>"
    )
    member.submit(f"/reviews/{ai_case.id}/dpia/sections/A", data)
    page = member.get(f"/reviews/{ai_case.id}/dpia/").get_data(as_text=True)
    assert "<script>alert(1)" not in page
    assert "javascript:" not in page
    assert "onerror" not in page


def test_requester_cannot_see_the_dpia_and_coordinator_cannot_edit(app, ai_case, member) -> None:
    start(member, ai_case)
    requester = signed_in(app, Role.REQUESTER)
    assert requester.get(f"/reviews/{ai_case.id}/dpia/").status_code == 403
    coordinator = signed_in(app, Role.COORDINATOR)
    assert coordinator.get(f"/reviews/{ai_case.id}/dpia/").status_code == 200
    assert coordinator.get(f"/reviews/{ai_case.id}/dpia/sections/A").status_code == 403
    data = {"version": "0", "answer__a1_proposal": "x"}
    assert coordinator.submit(f"/reviews/{ai_case.id}/dpia/sections/A", data).status_code == 403


def test_unknown_section_and_template_are_refused(ai_case, member) -> None:
    assert (
        member.submit(f"/reviews/{ai_case.id}/dpia/start", {"template": "toaster"}).status_code
        == 400
    )
    start(member, ai_case)
    assert member.get(f"/reviews/{ai_case.id}/dpia/sections/Z").status_code == 404
