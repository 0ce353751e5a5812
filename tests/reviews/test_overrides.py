"""Human oversight: the committee overrides a screening conclusion with a mandatory reason."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from ethicsdesk.audit.models import AuditAction, AuditEntry
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import ReviewCase, ScreeningOverride
from ethicsdesk.reviews.operations import RequestData, save_request
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import Browser
from tests.reviews.conftest import load_case


@pytest.fixture
def proctoring_case(app) -> ReviewCase:
    requester = make_user(Role.REQUESTER)
    case = save_request(
        None, requester, RequestData.from_document(load_case("4_proctoring.json"), []), submit=True
    )
    db.session.commit()
    return case


def override_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(ScreeningOverride))


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.CHAIR, Role.DPO])
def test_committee_overrides_with_reason_and_it_is_shown(app, proctoring_case, role) -> None:
    browser = Browser(app)
    user = make_user(role)
    browser.login(user.email, DEFAULT_PASSWORD)
    reason = "Alleen bij toetsen op school, geen webcambeelden: geen systematische monitoring."
    response = browser.submit(
        f"/reviews/{proctoring_case.id}/override",
        {"conclusion": "ai_act", "new_value": "limited", "reason": reason},
    )
    assert response.status_code == 302
    page = browser.get(f"/reviews/{proctoring_case.id}").get_data(as_text=True)
    assert "Aangepast door" in page
    assert reason in page
    assert "Hoog risico" in page  # what the rules said stays visible
    entry = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == AuditAction.SCREENING_OVERRIDE)
    ).one()
    assert entry.reason == reason
    assert entry.details == {"conclusion": "ai_act", "from": "high_risk", "to": "limited"}


@pytest.mark.parametrize(
    ("data", "status"),
    [
        ({"conclusion": "ai_act", "new_value": "limited", "reason": ""}, 422),
        ({"conclusion": "ai_act", "new_value": "limited", "reason": "te kort"}, 422),
        ({"conclusion": "ai_act", "new_value": "nonsense", "reason": "x" * 20}, 422),
        ({"conclusion": "ai_act", "new_value": "required", "reason": "x" * 20}, 409),
        ({"conclusion": "dpia", "new_value": "required", "reason": "x" * 20}, 409),
        ({"conclusion": "flag.unknown", "new_value": "applies", "reason": "x" * 20}, 422),
    ],
)
def test_bad_overrides_are_refused_and_change_nothing(app, proctoring_case, data, status) -> None:
    browser = Browser(app)
    browser.login(make_user(Role.SECRETARY).email, DEFAULT_PASSWORD)
    response = browser.submit(f"/reviews/{proctoring_case.id}/override", data)
    assert response.status_code == status
    assert 'class="field__error"' in response.get_data(as_text=True)
    assert override_count() == 0


@pytest.mark.parametrize("role", [Role.REQUESTER, Role.MEMBER, Role.COORDINATOR])
def test_others_cannot_override(app, proctoring_case, role) -> None:
    browser = Browser(app)
    user = proctoring_case.requester if role is Role.REQUESTER else make_user(role)
    browser.login(user.email, DEFAULT_PASSWORD)
    data = {"conclusion": "dpia", "new_value": "not_required", "reason": "x" * 20}
    assert browser.submit(f"/reviews/{proctoring_case.id}/override", data).status_code == 403
    assert override_count() == 0


def test_a_flag_can_be_set_aside(app, proctoring_case) -> None:
    browser = Browser(app)
    browser.login(make_user(Role.DPO).email, DEFAULT_PASSWORD)
    data = {"conclusion": "flag:flag.kia", "new_value": "does_not_apply",
            "reason": "Alleen leerlingen van 18 jaar en ouder in het mbo."}  # fmt: skip
    assert browser.submit(f"/reviews/{proctoring_case.id}/override", data).status_code == 302
    page = browser.get(f"/reviews/{proctoring_case.id}").get_data(as_text=True)
    assert "findings__struck" in page
