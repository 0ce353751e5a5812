"""The thin path: a requester files a request, the secretary finds it in the queue and opens it."""

from __future__ import annotations

import sqlalchemy as sa

from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import CaseStatus, ReviewCase
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser

REQUEST = {
    "title": "RekenRoute",
    "vendor": "Adaptief Leren NL",
    "purpose": "Adaptieve rekenoefeningen voor groep 6 tot en met 8.",
}


def test_requester_submits_and_secretary_opens(app, browser) -> None:
    requester = make_user(Role.REQUESTER)
    browser.login(requester.email, DEFAULT_PASSWORD)
    response = browser.submit("/reviews/new", REQUEST)
    assert response.status_code == 302
    case = db.session.scalar(sa.select(ReviewCase))
    assert case.status is CaseStatus.SUBMITTED
    assert case.requester_id == requester.id
    assert case.submitted_at is not None
    mine = browser.get("/reviews/mine").get_data(as_text=True)
    assert "RekenRoute" in mine
    assert "Ingediend" in mine

    secretary = make_user(Role.SECRETARY)
    committee = Browser(app)
    committee.login(secretary.email, DEFAULT_PASSWORD)
    queue = committee.get("/reviews/queue").get_data(as_text=True)
    assert "RekenRoute" in queue
    assert requester.name in queue
    detail = committee.get(f"/reviews/{case.id}").get_data(as_text=True)
    assert "Adaptieve rekenoefeningen" in detail


def test_missing_facts_get_messages_and_store_nothing(browser) -> None:
    requester = make_user(Role.REQUESTER)
    browser.login(requester.email, DEFAULT_PASSWORD)
    response = browser.submit("/reviews/new", {"title": "  ", "vendor": "", "purpose": "kort"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.count('class="field__error"') == 3
    assert "Corrigeer het volgende" in html
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewCase)) == 0


def test_overlong_input_is_refused(browser) -> None:
    requester = make_user(Role.REQUESTER)
    browser.login(requester.email, DEFAULT_PASSWORD)
    response = browser.submit("/reviews/new", {**REQUEST, "title": "x" * 201})
    assert "niet langer zijn dan 200" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ReviewCase)) == 0


def test_requester_sees_only_own_requests(browser) -> None:
    first = make_user(Role.REQUESTER)
    second = make_user(Role.REQUESTER)
    browser.login(first.email, DEFAULT_PASSWORD)
    browser.submit("/reviews/new", REQUEST)
    browser.logout()
    browser.login(second.email, DEFAULT_PASSWORD)
    assert "RekenRoute" not in browser.get("/reviews/mine").get_data(as_text=True)


def test_unicode_and_markup_are_shown_as_text(browser) -> None:
    requester = make_user(Role.REQUESTER)
    browser.login(requester.email, DEFAULT_PASSWORD)
    payload = {**REQUEST, "title": "<script>alert(1)</script> Ëxamen ✓"}
    response = browser.submit("/reviews/new", payload, follow=True)
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Ëxamen ✓" in html
