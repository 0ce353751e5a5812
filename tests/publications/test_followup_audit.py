"""Follow-up statements on the case's history: every change seen, each in its own words."""

from __future__ import annotations

import sqlalchemy as sa

from ethicsdesk.audit.models import AuditAction, AuditEntry
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser


def signed_in(app, *roles) -> Browser:
    browser = Browser(app)
    browser.login(make_user(*roles).email, DEFAULT_PASSWORD)
    return browser


def history(browser: Browser, case_id: int) -> str:
    response = browser.get(f"/reviews/{case_id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    return page.split('id="timeline"', 1)[1]


def test_a_condition_status_shows_in_the_case_history_with_its_own_labels(app, corpus) -> None:
    condition = corpus["reken"].advisory.conditions[0]
    secretary = signed_in(app, Role.SECRETARY)
    token = secretary.csrf_token("/follow-up/")
    data = {"csrf_token": token, "status": "not_met", "note": "Geen contract."}
    assert (
        secretary.client.post(f"/follow-up/condition/{condition.id}", data=data).status_code == 302
    )
    timeline = history(secretary, corpus["reken"].advisory.case_id)
    assert "Open → Niet nagekomen" in timeline
    assert "Geen contract." in timeline


def adherence_rows() -> list[AuditEntry]:
    query = sa.select(AuditEntry).where(AuditEntry.action == AuditAction.ADHERENCE_RECORDED)
    return list(db.session.scalars(query.order_by(AuditEntry.id)))


def test_each_follow_up_statement_is_kept_in_the_history(app, corpus) -> None:
    """The follow-up table keeps only the latest statement; the history keeps every one."""
    advisory = corpus["reken"].advisory
    coordinator = signed_in(app, Role.COORDINATOR)
    token = coordinator.csrf_token("/follow-up/")
    url = f"/follow-up/advisory/{advisory.id}"
    first = {"csrf_token": token, "adherence": "partly", "note": "Alleen groep 8."}
    assert coordinator.client.post(url, data=first).status_code == 302
    second = {"csrf_token": token, "adherence": "followed", "note": ""}
    assert coordinator.client.post(url, data=second).status_code == 302
    rows = [(r.case_id, r.from_status, r.to_status, r.reason) for r in adherence_rows()]
    assert rows == [
        (advisory.case_id, None, "partly", "Alleen groep 8."),
        (advisory.case_id, "partly", "followed", None),
    ]
    timeline = history(signed_in(app, Role.SECRETARY), advisory.case_id)
    assert "Opvolging van het advies vastgelegd: Deels opgevolgd" in timeline
    assert "Deels opgevolgd → Opgevolgd" in timeline
    assert "Alleen groep 8." in timeline


def test_a_refused_statement_leaves_no_trace(app, corpus) -> None:
    advisory = corpus["reken"].advisory
    coordinator = signed_in(app, Role.COORDINATOR)
    token = coordinator.csrf_token("/follow-up/")
    data = {"csrf_token": token, "adherence": "bogus"}
    response = coordinator.client.post(f"/follow-up/advisory/{advisory.id}", data=data)
    assert response.status_code == 422
    assert adherence_rows() == []


def test_a_value_no_longer_known_is_shown_as_stored(app) -> None:
    from ethicsdesk.reviews.page import status_change

    with app.test_request_context():
        moved = AuditEntry(action=AuditAction.TRANSITION, from_status="archived", to_status="draft")
        assert status_change(moved) == "archived → Concept"
        created = AuditEntry(action=AuditAction.CREATED, to_status="draft")
        assert status_change(created) == ""
