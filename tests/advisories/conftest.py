"""A case that went through a meeting with a 4-1 vote, ready for its advisory."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ethicsdesk.core.permissions import Role
from ethicsdesk.deliberation import operations as meeting_ops
from ethicsdesk.deliberation.models import Position
from ethicsdesk.extensions import db
from ethicsdesk.reviews.operations import RequestData, apply_transition, save_request
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser
from tests.reviews.conftest import load_case


@pytest.fixture
def decided(app) -> dict[str, Any]:
    """The generative-AI case, decided favourable with conditions in a 4-1 vote."""
    secretary = make_user(Role.SECRETARY, Role.MEMBER, name="Sanne de Vries")
    chair = make_user(Role.CHAIR, Role.MEMBER, name="Karel Bos")
    members = [make_user(Role.MEMBER) for _ in range(3)]
    requester = make_user(Role.REQUESTER)
    data = RequestData.from_document(load_case("3_generative_writing.json"), [])
    case = save_request(None, requester, data, submit=True)
    for step in ("start_triage", "start_review", "start_deliberation"):
        apply_transition(case, secretary, step)
    everyone = [secretary, chair, *members]
    meeting = meeting_ops.plan_meeting(secretary, "November", date.today(), "", 3, [case], {})
    meeting_ops.record_attendance(meeting, everyone)
    item = meeting.items[0]
    for user in everyone[:4]:
        meeting_ops.cast_vote(item, user, Position.FAVOURABLE_WITH_CONDITIONS, "Met voorwaarden.")
    meeting_ops.cast_vote(item, members[2], Position.UNFAVOURABLE, "Gegevens naar de VS.")
    meeting_ops.add_minority_opinion(item, members[2], "Ik ben tegen: teksten verlaten de EER.")
    meeting_ops.decide(item, chair, Position.FAVOURABLE_WITH_CONDITIONS)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["ethicsdesk", "pki", "init"])
    assert result.exit_code == 0, result.output
    return {"case": case, "secretary": secretary, "chair": chair, "requester": requester,
            "members": members}  # fmt: skip


def browser_for(app, user) -> Browser:
    browser = Browser(app)
    browser.login(user.email, DEFAULT_PASSWORD)
    return browser


ADVISORY_FORM = {
    "title": "Advies over SchrijfMaatje AI",
    "lang": "nl",
    "outcome": "favourable_with_conditions",
    "reasons": "De commissie adviseert **positief met voorwaarden**.",
    "public_summary": "Toegestaan onder voorwaarden.",
    "re_evaluation_date": "2027-09-01",
    "conditions-0-text": "Geen training op leerlingteksten (contractueel).",
    "conditions-0-owner": "Inkoop",
    "conditions-0-due_date": "2027-02-01",
    "conditions-0-how_checked": "Verwerkersovereenkomst controleren",
}
