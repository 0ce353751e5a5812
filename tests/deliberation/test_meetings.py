"""Meetings: agenda, attendance, positions with reasons, conflicts, dissent, quorum, decision."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from ethicsdesk.core.permissions import Role
from ethicsdesk.deliberation.models import Meeting, MeetingItem, Position, Vote
from ethicsdesk.extensions import db
from ethicsdesk.reviews.operations import apply_transition
from tests.factories import DEFAULT_PASSWORD, make_case, make_user
from tests.helpers import Browser


def browser_for(app, user) -> Browser:
    browser = Browser(app)
    browser.login(user.email, DEFAULT_PASSWORD)
    return browser


@pytest.fixture
def committee(app):
    """A case in deliberation, a secretary, a chair and three members."""
    secretary = make_user(Role.SECRETARY, Role.MEMBER)
    chair = make_user(Role.CHAIR, Role.MEMBER)
    members = [make_user(Role.MEMBER) for _ in range(3)]
    case = make_case()
    for step in ("start_triage", "start_review", "start_deliberation"):
        apply_transition(case, secretary, step)
    db.session.commit()
    return {"case": case, "secretary": secretary, "chair": chair, "members": members}


def plan(app, committee) -> tuple[Browser, Meeting]:
    secretary = browser_for(app, committee["secretary"])
    data = {
        "title": "Vergadering november",
        "held_on": date.today().isoformat(),
        "location": "Bestuursbureau",
        "quorum": "3",
        "cases": [str(committee["case"].id)],
    }
    response = secretary.submit("/meetings/new", data)
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.expire_all()
    meeting = db.session.scalars(sa.select(Meeting)).one()
    everyone = [committee["secretary"], committee["chair"], *committee["members"]]
    secretary.submit(
        f"/meetings/{meeting.id}/attendance", {"present": [str(u.id) for u in everyone]}
    )
    return secretary, meeting


def item_url(meeting: Meeting, action: str) -> str:
    return f"/meetings/{meeting.id}/items/{meeting.items[0].id}/{action}"


def test_four_one_vote_with_minority_opinion_and_decision(app, committee) -> None:
    secretary, meeting = plan(app, committee)
    voters = [committee["secretary"], committee["chair"], *committee["members"]]
    for user in voters[:4]:
        browser = browser_for(app, user)
        data = {"position": "favourable_with_conditions", "reasons": "Met voorwaarden."}
        assert browser.submit(item_url(meeting, "vote"), data).status_code == 302
    dissenter = browser_for(app, voters[4])
    no_reason = dissenter.submit(item_url(meeting, "vote"), {"position": "unfavourable"})
    assert no_reason.status_code == 422
    assert "Een negatief standpunt heeft redenen nodig" in no_reason.get_data(as_text=True)
    data = {"position": "unfavourable", "reasons": "Leerlingteksten gaan naar de VS."}
    assert dissenter.submit(item_url(meeting, "vote"), data).status_code == 302
    opinion = "Ik ben tegen: de gegevens van leerlingen verlaten de EER."
    assert dissenter.submit(item_url(meeting, "minority"), {"text": opinion}).status_code == 302
    page = secretary.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert opinion in page
    decision = {"outcome": "favourable_with_conditions"}
    assert secretary.submit(item_url(meeting, "decide"), decision).status_code == 302
    db.session.expire_all()
    item = db.session.scalars(sa.select(MeetingItem)).one()
    assert item.outcome is Position.FAVOURABLE_WITH_CONDITIONS
    positions = sorted(v.position.value for v in item.votes)
    assert positions.count("favourable_with_conditions") == 4
    assert positions.count("unfavourable") == 1
    # after the decision nobody can change a position any more
    late = browser_for(app, voters[0]).submit(item_url(meeting, "vote"), {"position": "abstain"})
    assert late.status_code == 409


def test_conflict_of_interest_excludes_from_the_vote_and_quorum(app, committee) -> None:
    _secretary, meeting = plan(app, committee)
    member = committee["members"][0]
    browser = browser_for(app, member)
    browser.submit(item_url(meeting, "vote"), {"position": "favourable"})
    data = {"note": "Mijn partner werkt bij de leverancier."}
    assert browser.submit(item_url(meeting, "conflict"), data).status_code == 302
    db.session.expire_all()
    assert db.session.scalars(sa.select(Vote).where(Vote.member_id == member.id)).all() == []
    refused = browser.submit(item_url(meeting, "vote"), {"position": "favourable"})
    assert refused.status_code == 409
    assert "belangenconflict" in refused.get_data(as_text=True)


def test_no_quorum_no_decision(app, committee) -> None:
    secretary, meeting = plan(app, committee)
    secretary.submit(
        f"/meetings/{meeting.id}/attendance", {"present": [str(committee["secretary"].id)]}
    )
    response = secretary.submit(item_url(meeting, "decide"), {"outcome": "favourable"})
    assert response.status_code == 409
    assert "Geen quorum" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.scalars(sa.select(MeetingItem)).one().outcome is None


def test_absent_members_dpo_and_coordinator_cannot_vote(app, committee) -> None:
    _secretary, meeting = plan(app, committee)
    absent = make_user(Role.MEMBER)
    assert (
        browser_for(app, absent)
        .submit(item_url(meeting, "vote"), {"position": "favourable"})
        .status_code
        == 409
    )
    dpo = browser_for(app, make_user(Role.DPO))
    assert dpo.submit(item_url(meeting, "vote"), {"position": "favourable"}).status_code == 403
    coordinator = browser_for(app, make_user(Role.COORDINATOR))
    assert coordinator.get(f"/meetings/{meeting.id}").status_code == 200
    assert (
        coordinator.submit(item_url(meeting, "decide"), {"outcome": "favourable"}).status_code
        == 403
    )
    assert (
        browser_for(app, make_user(Role.REQUESTER)).get(f"/meetings/{meeting.id}").status_code
        == 403
    )


def test_minutes_are_markdown_and_sanitised(app, committee) -> None:
    secretary, meeting = plan(app, committee)
    text = "**Besluit** genomen <script>alert(1)</script>"
    assert secretary.submit(f"/meetings/{meeting.id}/minutes", {"minutes": text}).status_code == 302
    page = secretary.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "<strong>Besluit</strong>" in page
    assert "<script>alert(1)" not in page


def test_a_meeting_needs_a_case_in_deliberation(app, committee) -> None:
    secretary = browser_for(app, committee["secretary"])
    data = {"title": "Leeg", "held_on": date.today().isoformat(), "quorum": "3"}
    response = secretary.submit("/meetings/new", data)
    assert response.status_code == 422
    assert 'id="cases-error"' in response.get_data(as_text=True)
