"""The clarification thread: the committee asks, the requester answers, both are notified."""

from __future__ import annotations

import sqlalchemy as sa

from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.mail import record_messages
from ethicsdesk.notifications.models import Notification
from ethicsdesk.reviews.models import CaseMessage, ReviewCase
from tests.factories import DEFAULT_PASSWORD, make_case, make_user
from tests.helpers import Browser


def fresh(case: ReviewCase) -> ReviewCase:
    db.session.expire_all()
    return db.session.get(ReviewCase, case.id)


def test_question_and_answer_with_notifications_and_mail(app) -> None:
    requester = make_user(Role.REQUESTER, locale="en")
    case = make_case(requester)
    secretary = make_user(Role.SECRETARY)
    committee, applicant = Browser(app), Browser(app)
    committee.login(secretary.email, DEFAULT_PASSWORD)
    applicant.login(requester.email, DEFAULT_PASSWORD)

    with record_messages(app) as outbox:
        response = committee.submit(
            f"/reviews/{case.id}/messages", {"body": "Waar staan de servers?"}
        )
    assert response.status_code == 302
    assert fresh(case).awaiting_requester is True
    [mail] = outbox
    assert mail["To"] == requester.email
    assert "The committee asked you a question" in mail["Subject"]  # the recipient's language
    assert f"/reviews/{case.id}" in mail.get_content()

    page = applicant.get(f"/reviews/{case.id}").get_data(as_text=True)
    assert "Waar staan de servers?" in page
    assert (
        applicant.get("/notifications/").get_data(as_text=True).count("asked you a question") == 1
    )

    with record_messages(app) as outbox:
        applicant.submit(f"/reviews/{case.id}/messages", {"body": "In Amsterdam (EER)."})
    assert fresh(case).awaiting_requester is False
    assert secretary.email in {m["To"] for m in outbox}
    kinds = [m.kind.value for m in fresh(case).messages]
    assert kinds == ["question", "answer"]


def test_empty_message_gets_a_message_and_stores_nothing(app, browser) -> None:
    case = make_case()
    secretary = make_user(Role.SECRETARY)
    browser.login(secretary.email, DEFAULT_PASSWORD)
    response = browser.submit(f"/reviews/{case.id}/messages", {"body": "   "})
    assert response.status_code == 422
    assert 'id="body-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CaseMessage)) == 0


def test_coordinator_and_strangers_cannot_post(app, browser) -> None:
    case = make_case()
    for user in (make_user(Role.COORDINATOR), make_user(Role.REQUESTER), make_user()):
        client = Browser(app)
        client.login(user.email, DEFAULT_PASSWORD)
        response = client.submit(f"/reviews/{case.id}/messages", {"body": "Hallo"})
        assert response.status_code in (403, 404)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CaseMessage)) == 0


def test_notifications_are_listed_and_marked_read(app, browser) -> None:
    secretary = make_user(Role.SECRETARY)
    make_case()  # submitting notifies the secretary
    browser.login(secretary.email, DEFAULT_PASSWORD)
    home = browser.get("/").get_data(as_text=True)
    assert 'class="badge">1' in home
    assert "Nieuwe aanvraag" in browser.get("/notifications/").get_data(as_text=True)
    browser.submit("/notifications/read")
    db.session.expire_all()
    unread = db.session.scalar(
        sa.select(sa.func.count()).select_from(Notification).where(Notification.read_at.is_(None))
    )
    assert unread == 0
