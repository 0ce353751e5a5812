"""Condition status: recorded apart from the signed advisory, audited, shown on the public page."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from ethicsdesk.audit.models import AuditAction, AuditEntry
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.publications.followup import display_status, overview
from ethicsdesk.publications.models import ConditionCheck, ConditionStatus
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser


def signed_in(app, *roles) -> Browser:
    browser = Browser(app)
    browser.login(make_user(*roles).email, DEFAULT_PASSWORD)
    return browser


def audit_rows() -> list[AuditEntry]:
    query = sa.select(AuditEntry).where(AuditEntry.action == AuditAction.CONDITION_STATUS)
    return list(db.session.scalars(query))


def overdue_and_soon(corpus):
    """reken's condition is three days overdue, schrijf's due in ten days."""
    today = date.today()
    reken = corpus["reken"].advisory.conditions[0]
    schrijf = corpus["schrijf"].advisory.conditions[0]
    reken.due_date, reken.owner = today - timedelta(days=3), "Inkoop"
    schrijf.due_date = today + timedelta(days=10)
    db.session.commit()
    return reken, schrijf


def test_display_status() -> None:
    today = date(2026, 11, 22)
    met = ConditionCheck(status=ConditionStatus.MET)
    reopened = ConditionCheck(status=ConditionStatus.OPEN)
    assert display_status(None, None, today) == "open"
    assert display_status(None, today, today) == "open"
    assert display_status(None, today - timedelta(days=1), today) == "overdue"
    assert display_status(reopened, today - timedelta(days=1), today) == "overdue"
    assert display_status(met, today - timedelta(days=1), today) == "met"
    assert display_status(ConditionCheck(status=ConditionStatus.NOT_MET), None, today) == "not_met"


def test_only_those_who_follow_up_may_record_a_status(app, corpus) -> None:
    reken, _ = overdue_and_soon(corpus)
    url = f"/follow-up/condition/{reken.id}"
    anonymous = Browser(app)
    token = anonymous.csrf_token("/advisories/verify")
    response = anonymous.client.post(url, data={"csrf_token": token, "status": "met"})
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    for roles in ((Role.REQUESTER,), (Role.MEMBER,), (Role.DPO,)):
        browser = signed_in(app, *roles)
        token = browser.csrf_token("/")
        response = browser.client.post(url, data={"csrf_token": token, "status": "met"})
        assert response.status_code == 403, roles
    assert db.session.scalars(sa.select(ConditionCheck)).all() == []
    assert audit_rows() == []


def test_recording_a_status_is_audited_and_met_conditions_leave_the_lists(app, corpus) -> None:
    reken, schrijf = overdue_and_soon(corpus)
    secretary = signed_in(app, Role.SECRETARY)
    token = secretary.csrf_token("/follow-up/")
    data = {"csrf_token": token, "status": "met", "note": "Contract gezien."}
    response = secretary.client.post(f"/follow-up/condition/{reken.id}", data=data)
    assert response.status_code == 302
    check = db.session.scalars(sa.select(ConditionCheck)).one()
    assert (check.condition_id, check.status, check.note) == (
        reken.id,
        ConditionStatus.MET,
        "Contract gezien.",
    )
    (entry,) = audit_rows()
    assert (entry.case_id, entry.from_status, entry.to_status) == (
        reken.advisory.case_id,
        "open",
        "met",
    )
    assert entry.details == {"advisory": "EC-2026-001 v1", "condition": reken.id}
    lists = overview(date.today())
    assert [c.id for c, _ in lists.overdue] == []
    assert [c.id for c, _ in lists.due_soon] == [schrijf.id]
    data = {"csrf_token": token, "status": "not_met"}
    assert secretary.client.post(f"/follow-up/condition/{schrijf.id}", data=data).status_code == 302
    assert [(c.id, k.status) for c, k in overview(date.today()).due_soon] == [
        (schrijf.id, ConditionStatus.NOT_MET)
    ]  # not met stays on the list
    html = secretary.get("/follow-up/").get_data(as_text=True)
    assert "Geen tracking van leerlingen." not in html
    assert "Geen training op leerlingteksten." in html
    assert len(audit_rows()) == 2


def test_a_bad_status_is_refused_with_a_message_and_changes_nothing(app, corpus) -> None:
    reken, _ = overdue_and_soon(corpus)
    chair = signed_in(app, Role.CHAIR)
    token = chair.csrf_token("/follow-up/")
    url = f"/follow-up/condition/{reken.id}"
    for status in ("bogus", "", "MET"):
        response = chair.client.post(url, data={"csrf_token": token, "status": status})
        assert response.status_code == 422
        assert 'class="error-summary"' in response.get_data(as_text=True)
    assert (
        chair.client.post(
            "/follow-up/condition/999999", data={"csrf_token": token, "status": "met"}
        ).status_code
        == 404
    )
    assert db.session.scalars(sa.select(ConditionCheck)).all() == []
    assert audit_rows() == []


def test_public_page_shows_each_condition_with_owner_due_date_and_status(app, corpus) -> None:
    reken, _schrijf = overdue_and_soon(corpus)
    visitor = Browser(app)
    html = visitor.get(f"/advisories/{corpus['reken'].id}").get_data(as_text=True)
    assert "Geen tracking van leerlingen." in html
    assert "Inkoop" in html
    assert "status--overdue" in html
    secretary = signed_in(app, Role.SECRETARY)
    token = secretary.csrf_token("/follow-up/")
    secretary.client.post(
        f"/follow-up/condition/{reken.id}", data={"csrf_token": token, "status": "met"}
    )
    html = visitor.get(f"/advisories/{corpus['reken'].id}").get_data(as_text=True)
    assert "status--met" in html
    assert "status--overdue" not in html
    html = visitor.get(f"/advisories/{corpus['schrijf'].id}").get_data(as_text=True)
    assert "status--open" in html
    detail = visitor.get(f"/api/v1/advisories/{corpus['reken'].id}").get_json()
    assert detail["conditions"] == [
        {
            "text": "Geen tracking van leerlingen.",
            "owner": "Inkoop",
            "due_date": reken.due_date.isoformat(),
            "status": "met",
        }
    ]


def test_anonymous_visitors_still_see_only_public_advisories(app, corpus) -> None:
    visitor = Browser(app)
    titles = {i["title"] for i in visitor.get("/api/v1/advisories").get_json()["items"]}
    assert "Leerlingvolgsysteem" not in titles
    assert len(titles) == 5
    assert visitor.get(f"/advisories/{corpus['volg'].id}").status_code == 404
    assert visitor.get(f"/api/v1/advisories/{corpus['volg'].id}").status_code == 404
    assert "Leerlingvolgsysteem" not in visitor.get("/advisories/export.csv").data.decode()
    assert visitor.get("/api/v1/advisories/99999999999").status_code == 404
    assert visitor.get("/advisories/99999999999").status_code == 404


def test_the_coordinator_records_a_status(app, corpus) -> None:
    reken, _ = overdue_and_soon(corpus)
    coordinator = signed_in(app, Role.COORDINATOR)
    token = coordinator.csrf_token("/follow-up/")
    data = {"csrf_token": token, "status": "not_met", "note": "Nog geen contract."}
    assert coordinator.client.post(f"/follow-up/condition/{reken.id}", data=data).status_code == 302
    assert db.session.scalars(sa.select(ConditionCheck)).one().status is ConditionStatus.NOT_MET
