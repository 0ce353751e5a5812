"""The follow-up dashboard: overdue and upcoming conditions, re-evaluations, adherence."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.publications.models import Adherence, FollowUp
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser


def signed_in(app, *roles) -> Browser:
    browser = Browser(app)
    browser.login(make_user(*roles).email, DEFAULT_PASSWORD)
    return browser


def test_dashboard_lists_deadlines_and_records_adherence(app, corpus) -> None:
    today = date.today()
    corpus["reken"].advisory.conditions[0].due_date = today - timedelta(days=3)
    corpus["schrijf"].advisory.conditions[0].due_date = today + timedelta(days=10)
    db.session.commit()
    coordinator = signed_in(app, Role.COORDINATOR)
    html = coordinator.get("/follow-up/").get_data(as_text=True)
    overdue, rest = html.split('id="soon"')
    assert "Geen tracking van leerlingen." in overdue
    assert "Geen training op leerlingteksten." in rest.split("</table>")[0]
    assert "Taalapp Français" in html  # re-evaluation date passed
    url = f"/follow-up/advisory/{corpus['quiz'].advisory_id}"
    member = signed_in(app, Role.MEMBER)
    token = member.csrf_token("/")
    data = {"csrf_token": token, "adherence": "followed"}
    assert member.client.post(url, data=data).status_code == 403  # follow-up is not theirs

    secretary = coordinator  # the coordinator records what the schools did, as the secretary may
    token = secretary.csrf_token("/follow-up/")
    data = {"csrf_token": token, "adherence": "partly", "note": "Alleen groep 8."}
    assert secretary.client.post(url, data=data).status_code == 302
    assert (
        secretary.client.post(url, data={"csrf_token": token, "adherence": "x"}).status_code == 422
    )
    follow_up = db.session.scalars(sa.select(FollowUp)).one()
    assert follow_up.adherence is Adherence.PARTLY
    assert follow_up.note == "Alleen groep 8."
    assert "Alleen groep 8." in coordinator.get("/follow-up/").get_data(as_text=True)
    assert signed_in(app, Role.REQUESTER).get("/follow-up/").status_code == 403
