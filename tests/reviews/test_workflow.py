"""The case workflow: every declared move, every refused one, who may make them, and their traces.

Operation-level tests drive ``apply_transition`` on real rows; HTTP-level tests use the case page
the way the committee does. The helpers at the top are shared with the property test.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from flask import current_app

from ethicsdesk.audit.models import AuditAction, AuditEntry
from ethicsdesk.audit.queries import entries_for_case
from ethicsdesk.auth.models import User
from ethicsdesk.core.permissions import Role
from ethicsdesk.extensions import db
from ethicsdesk.notifications.models import Notification, NotificationKind
from ethicsdesk.reviews.models import CaseStatus, ReviewCase
from ethicsdesk.reviews.operations import WorkflowError, apply_transition
from ethicsdesk.reviews.workflow import ACTIVE, BY_NAME, TRANSITIONS
from tests.factories import DEFAULT_PASSWORD, make_case, make_user
from tests.helpers import Browser

S = CaseStatus
REASON = "Wachten op de verwerkersovereenkomst van de leverancier."
NAMES = tuple(t.name for t in TRANSITIONS)
MANAGEMENT_MOVES = frozenset(NAMES) - {"submit", "withdraw"}

# Who may make which move on a requester's case: the specification, written independently of
# ROLE_GRANTS so that a wrong grant shows up here. "requester" is the case's own requester.
ACTORS = (
    "requester",
    "other_requester",
    "secretary",
    "chair",
    "member",
    "dpo",
    "coordinator",
    "admin",
    "staff",
)
PERMITTED: dict[str, frozenset[str]] = {
    "submit": frozenset({"requester"}),
    "withdraw": frozenset({"requester", "secretary", "chair"}),
    **dict.fromkeys(MANAGEMENT_MOVES, frozenset({"secretary", "chair"})),
}
# who may open a requester's case page at all
CASE_READERS = frozenset({"requester", "secretary", "chair", "member", "dpo", "coordinator"})


def permitted(name: str, status: CaseStatus) -> frozenset[str]:
    """Who may make a move now: a draft belongs to its requester until it is submitted."""
    if status is S.DRAFT:
        return PERMITTED[name] & {"requester"}
    return PERMITTED[name]


def readers(status: CaseStatus) -> frozenset[str]:
    """Who may open the case page: only the requester sees a draft."""
    return frozenset({"requester"}) if status is S.DRAFT else CASE_READERS


ROLES_OF = {
    "requester": (Role.REQUESTER,),
    "other_requester": (Role.REQUESTER,),
    "secretary": (Role.SECRETARY,),
    "chair": (Role.CHAIR, Role.MEMBER),
    "member": (Role.MEMBER,),
    "dpo": (Role.DPO,),
    "coordinator": (Role.COORDINATOR,),
    "admin": (Role.ADMIN,),
    "staff": (),
}

# The shortest way from a new draft to each status (a postponed case waited in "submitted").
PATH_TO: dict[CaseStatus, tuple[str, ...]] = {
    S.DRAFT: (),
    S.SUBMITTED: ("submit",),
    S.TRIAGE: ("submit", "start_triage"),
    S.IN_REVIEW: ("submit", "start_triage", "start_review"),
    S.IN_DELIBERATION: ("submit", "start_triage", "start_review", "start_deliberation"),
    S.ADVISED: ("submit", "start_triage", "start_review", "start_deliberation", "advise"),
    S.POSTPONED: ("submit", "postpone"),
    S.WITHDRAWN: ("submit", "withdraw"),
}
DECLARED = [(t.name, source) for t in TRANSITIONS for source in sorted(t.sources)]
UNDECLARED = [
    (name, status) for name in NAMES for status in S if status not in BY_NAME[name].sources
]


class People(SimpleNamespace):
    """One user per key of ``ACTORS``: a role each, a second requester and staff without roles."""

    def __getitem__(self, key: str) -> User:
        """Tables name people by key; ``people["chair"]`` reads like ``people.chair``."""
        return getattr(self, key)


@pytest.fixture
def people(app) -> People:
    """Everyone who might try to move a case, all in the one organisation."""
    return People(**{key: make_user(*roles, name=key.title()) for key, roles in ROLES_OF.items()})


def case_in(status: CaseStatus, people: People) -> ReviewCase:
    """A committed case of ``people.requester`` brought to ``status`` through real moves."""
    case = make_case(people.requester, submit=False)
    for name in PATH_TO[status]:
        actor = people.requester if name == "submit" else people.secretary
        apply_transition(case, actor, name, REASON)
    db.session.commit()
    assert case.status is status
    return case


def attempt(case: ReviewCase, actor: User, name: str, reason: str | None = None):
    """Try one move and return its refusal, or None when it went through."""
    # a request context only because a refusal outside one crashes (see the xfail below)
    with current_app.test_request_context():
        try:
            apply_transition(case, actor, name, reason)
        except WorkflowError as error:
            return error
    return None


def audit_count(case: ReviewCase) -> int:
    """How many audit entries the case has in the database."""
    query = sa.select(sa.func.count()).select_from(AuditEntry).where(AuditEntry.case_id == case.id)
    return db.session.scalar(query)


def transition_entries(case: ReviewCase) -> list[AuditEntry]:
    """The case's status changes as the audit trail records them, oldest first."""
    return entries_for_case(case, (AuditAction.TRANSITION,))


def snapshot(case: ReviewCase) -> tuple:
    """What a refused move must leave alone, read back from the database."""
    db.session.commit()
    db.session.expire_all()
    return (
        case.status,
        case.status_before_postponement,
        case.status_changed_at,
        case.submitted_at,
        audit_count(case),
        db.session.scalar(sa.select(sa.func.count()).select_from(Notification)),
    )


def notifications_about(case: ReviewCase) -> list[tuple[int, NotificationKind, dict]]:
    """(recipient id, kind, params) of every notification on the case, oldest first."""
    rows = db.session.scalars(
        sa.select(Notification).where(Notification.case_id == case.id).order_by(Notification.id)
    )
    return [(n.user_id, n.kind, n.params) for n in rows]


def post_transition(browser: Browser, case: ReviewCase, name: str, reason: str | None = None):
    """POST the case page's transition form (the token comes from the case page itself)."""
    data = {"csrf_token": browser.csrf_token(f"/reviews/{case.id}"), "transition": name}
    if reason is not None:
        data["reason"] = reason
    return browser.client.post(f"/reviews/{case.id}/transition", data=data)


def signed_in(app, user: User) -> Browser:
    """A browser of its own, signed in as this user."""
    browser = Browser(app)
    browser.login(user.email, DEFAULT_PASSWORD)
    return browser


def transition_forms(html: str) -> dict[str, str]:
    """Each transition form on a page by its button text: the move its hidden field sends."""
    forms = re.findall(r"<form[^>]*/transition\".*?</form>", html, flags=re.S)
    result = {}
    for form in forms:
        sent = re.search(r'name="transition" type="hidden" value="([^"]*)"', form).group(1)
        button = re.search(r'<button type="submit" class="button">([^<]*)</button>', form)
        result[button.group(1)] = sent
    return result


# --- every declared move succeeds for a role that holds its permission ---------------------------


@pytest.mark.parametrize(
    ("name", "source", "actor_key"),
    [
        (name, source, actor_key)
        for name, source in DECLARED
        for actor_key in sorted(permitted(name, source))
    ],
)
def test_declared_move_succeeds_with_one_audit_entry(people, name, source, actor_key) -> None:
    """Each arrow of the diagram works for each role allowed to draw it, and leaves one trace."""
    case = case_in(source, people)
    actor = people[actor_key]
    transition = BY_NAME[name]
    reason = REASON if transition.reason_required else None
    expected = transition.target or S.SUBMITTED  # the postponed case was postponed from submitted
    changed_before, entries_before = case.status_changed_at, audit_count(case)

    assert attempt(case, actor, name, reason) is None
    db.session.commit()
    db.session.expire_all()

    assert case.status is expected
    assert case.status_changed_at > changed_before
    assert audit_count(case) == entries_before + 1
    entry = transition_entries(case)[-1]
    assert (entry.action, entry.from_status, entry.to_status) == (
        AuditAction.TRANSITION,
        source.value,
        expected.value,
    )
    assert (entry.reason, entry.actor_id, entry.case_id) == (reason, actor.id, case.id)
    assert entry.details == {"transition": name}


def test_optional_reason_is_kept_and_trimmed(people) -> None:
    """A reason given for a move that does not need one still belongs in the trail."""
    case = case_in(S.SUBMITTED, people)
    assert attempt(case, people.chair, "start_triage", f"  {REASON}\n") is None
    assert transition_entries(case)[-1].reason == REASON


def test_submitting_sets_submitted_at_once(people) -> None:
    """The age of a request counts from its first submission, not from a later resume."""
    case = case_in(S.SUBMITTED, people)
    first = case.submitted_at
    assert first == case.status_changed_at
    for name in ("postpone", "resume", "start_triage"):
        assert attempt(case, people.secretary, name, REASON) is None
    assert case.submitted_at == first


# --- every undeclared (status, move) pair is refused and changes nothing -------------------------


@pytest.mark.parametrize(("name", "status"), UNDECLARED)
def test_undeclared_move_is_refused_and_changes_nothing(people, name, status) -> None:
    """Even a role holding the permission cannot jump the diagram."""
    case = case_in(status, people)
    actor = people.requester if name in {"submit", "withdraw"} else people.secretary
    before = snapshot(case)

    error = attempt(case, actor, name, REASON)

    assert error is not None
    assert str(error.message) == (
        f"Niet mogelijk zolang de aanvraag de status {status.label} heeft."
    )
    assert snapshot(case) == before


def test_undeclared_pairs_cover_everything_else() -> None:
    """The two tables above together are exactly every CaseStatus with every transition name."""
    assert len(DECLARED) + len(UNDECLARED) == len(S) * len(NAMES)
    assert set(DECLARED).isdisjoint(UNDECLARED)


def test_unknown_move_is_refused(people) -> None:
    """A forged transition name is not an error page, just a refusal."""
    case = case_in(S.SUBMITTED, people)
    before = snapshot(case)
    error = attempt(case, people.secretary, "approve", REASON)
    assert error is not None
    assert str(error.message) == "Onbekende actie."
    assert snapshot(case) == before


def test_refusal_outside_a_request_is_a_workflow_error(people) -> None:
    """Operations run from the CLI too; a refused move must stay a WorkflowError there."""
    case = case_in(S.SUBMITTED, people)
    with pytest.raises(WorkflowError):
        apply_transition(case, people.secretary, "advise")


# --- roles: who may not move a requester's case --------------------------------------------------


@pytest.mark.parametrize(
    ("name", "actor_key"),
    [(name, key) for name in NAMES for key in ACTORS if key not in PERMITTED[name]],
)
def test_role_without_permission_cannot_move(people, name, actor_key) -> None:
    """Member, DPO, coordinator, admin, staff and other requesters never move someone's case."""
    actor = people[actor_key]
    for source in sorted(BY_NAME[name].sources):
        case = case_in(source, people)
        before = snapshot(case)
        error = attempt(case, actor, name, REASON)
        assert error is not None, (actor_key, name, source)
        assert str(error.message) == "U mag dit niet doen bij deze aanvraag."
        assert snapshot(case) == before


def test_deactivated_secretary_cannot_move(people) -> None:
    """A blocked account loses its roles' powers at once."""
    case = case_in(S.SUBMITTED, people)
    people.secretary.active = False
    db.session.commit()
    before = snapshot(case)
    assert attempt(case, people.secretary, "start_triage") is not None
    assert snapshot(case) == before


def test_coordinator_cannot_move_over_http(app, people) -> None:
    """The coordinator reads every case but the transition endpoint refuses them."""
    case = case_in(S.SUBMITTED, people)
    before = snapshot(case)
    browser = signed_in(app, people.coordinator)

    response = post_transition(browser, case, "start_triage")

    assert response.status_code in {403, 409}
    assert snapshot(case) == before


def test_coordinator_sees_case_without_transition_buttons(app, people) -> None:
    """Reading is allowed; no form offers the coordinator a move."""
    case = case_in(S.IN_REVIEW, people)
    response = signed_in(app, people.coordinator).get(f"/reviews/{case.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert case.title in html
    assert "/transition" not in html
    assert "Volgende stappen" not in html


# --- reasons -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "source"), [(n, s) for n, s in DECLARED if BY_NAME[n].reason_required]
)
def test_reason_is_required(people, name, source) -> None:
    """Postponing, withdrawing and re-opening must say why, in the audit trail."""
    case = case_in(source, people)
    before = snapshot(case)
    actor = people.requester if source is S.DRAFT else people.chair
    for reason in (None, "", "   ", "\n\t "):
        error = attempt(case, actor, name, reason)
        assert error is not None, repr(reason)
        assert str(error.message) == "Geef een reden voor deze stap."
        assert snapshot(case) == before


def test_reason_required_exactly_for_postpone_withdraw_reopen() -> None:
    """The declaration agrees with the committee's rule."""
    assert {t.name for t in TRANSITIONS if t.reason_required} == {"postpone", "withdraw", "reopen"}


# --- postpone and resume -------------------------------------------------------------------------


@pytest.mark.parametrize("status", sorted(ACTIVE))
def test_resume_returns_to_status_before_postponement(people, status) -> None:
    """An "aangehouden" case picks up where it stopped, not at the start."""
    case = case_in(status, people)
    assert attempt(case, people.secretary, "postpone", REASON) is None
    assert (case.status, case.status_before_postponement) == (S.POSTPONED, status)

    assert attempt(case, people.chair, "resume") is None
    db.session.commit()
    db.session.expire_all()

    assert (case.status, case.status_before_postponement) == (status, None)
    moves = [(e.from_status, e.to_status) for e in transition_entries(case)[-2:]]
    assert moves == [(status.value, "postponed"), ("postponed", status.value)]


def test_active_statuses_are_the_postponable_ones() -> None:
    """Resume is tested from every status a case can be postponed from."""
    assert BY_NAME["postpone"].sources == ACTIVE
    assert {S.SUBMITTED, S.TRIAGE, S.IN_REVIEW, S.IN_DELIBERATION} == ACTIVE


# --- HTTP: the case page -------------------------------------------------------------------------


def test_secretary_starts_triage_from_case_page(app, people) -> None:
    """The button on the case page moves the case, redirects and says so in Dutch."""
    case = case_in(S.SUBMITTED, people)
    browser = signed_in(app, people.secretary)
    page = browser.get(f"/reviews/{case.id}").get_data(as_text=True)
    assert transition_forms(page)["Triage starten"] == "start_triage"

    response = post_transition(browser, case, "start_triage")

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/reviews/{case.id}")
    followed = browser.get(response.headers["Location"]).get_data(as_text=True)
    assert "Status gewijzigd in: Triage" in followed
    db.session.expire_all()
    assert case.status is S.TRIAGE
    entry = transition_entries(case)[-1]
    assert (entry.from_status, entry.to_status, entry.actor_id) == (
        "submitted",
        "triage",
        people.secretary.id,
    )


def test_illegal_move_over_http_answers_409(app, people) -> None:
    """A stale or forged form is refused with a Dutch explanation, and nothing changes."""
    case = case_in(S.SUBMITTED, people)
    before = snapshot(case)
    browser = signed_in(app, people.secretary)

    response = post_transition(browser, case, "advise")

    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Niet mogelijk zolang de aanvraag de status Ingediend heeft." in html
    assert snapshot(case) == before


def test_missing_reason_over_http_is_shown_at_the_field(app, people) -> None:
    """The reason field of the postpone form carries the message; nothing changes."""
    case = case_in(S.TRIAGE, people)
    before = snapshot(case)
    browser = signed_in(app, people.secretary)

    response = post_transition(browser, case, "postpone", "   ")

    assert response.status_code == 409
    html = response.get_data(as_text=True)
    postpone = re.search(r"<details[^>]* open>.*?</details>", html, flags=re.S).group(0)
    assert "Aanhouden (wachten op informatie)" in postpone
    assert 'class="field__error" id="reason-error">Geef een reden voor deze stap.</p>' in postpone
    assert 'aria-invalid="true"' in postpone
    assert snapshot(case) == before


def test_buttons_after_a_refused_move_still_send_their_own_move(app, people) -> None:
    """After a missing reason, the other buttons on the page must still do what they say."""
    case = case_in(S.SUBMITTED, people)
    browser = signed_in(app, people.secretary)
    offered = transition_forms(browser.get(f"/reviews/{case.id}").get_data(as_text=True))

    response = post_transition(browser, case, "postpone", "")

    assert response.status_code == 409
    assert transition_forms(response.get_data(as_text=True)) == offered


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.IN_DELIBERATION])
@pytest.mark.parametrize("actor_key", ACTORS)
def test_case_page_offers_exactly_the_permitted_moves(app, people, actor_key, status) -> None:
    """Each reader sees a button for every move they may make now, and no other."""
    case = case_in(status, people)
    response = signed_in(app, people[actor_key]).get(f"/reviews/{case.id}")
    if actor_key not in readers(status):
        assert response.status_code in {403, 404}
        return
    assert response.status_code == 200
    offered = set(transition_forms(response.get_data(as_text=True)).values())
    assert offered == {
        t.name
        for t in TRANSITIONS
        if status in t.sources and actor_key in permitted(t.name, status)
    }


def test_other_requester_cannot_move_over_http(app, people) -> None:
    """Someone else's case does not even exist for a requester, and stays as it was."""
    case = case_in(S.SUBMITTED, people)
    before = snapshot(case)
    response = post_transition(signed_in(app, people.other_requester), case, "withdraw", REASON)
    assert response.status_code == 404
    assert snapshot(case) == before


def test_overlong_reason_over_http_is_explained(app, people) -> None:
    """Browsers count a line break as one character but send two, so this does happen."""
    case = case_in(S.SUBMITTED, people)
    before = snapshot(case)
    response = post_transition(signed_in(app, people.secretary), case, "postpone", "x" * 5001)
    assert response.status_code == 422
    assert "niet langer zijn dan 5000" in response.get_data(as_text=True)
    assert snapshot(case) == before


def test_reason_with_nul_character_is_not_stored(app, people) -> None:
    """Pasted binary junk is refused or cleaned, never an error page or a NUL in the trail."""
    case = case_in(S.SUBMITTED, people)
    response = post_transition(signed_in(app, people.secretary), case, "postpone", "a\x00b")
    assert response.status_code in {302, 409, 422}
    db.session.expire_all()
    assert all("\x00" not in (entry.reason or "") for entry in transition_entries(case))


def test_confirm_buttons_are_in_dutch(app, people) -> None:
    """A Dutch user sees no English on the buttons of the case page."""
    case = case_in(S.SUBMITTED, people)
    html = signed_in(app, people.secretary).get(f"/reviews/{case.id}").get_data(as_text=True)
    assert "Bevestigen: Aanhouden (wachten op informatie)" in html
    assert "Confirm:" not in html


# --- notifications -------------------------------------------------------------------------------


def test_managers_are_notified_of_a_submission(people) -> None:
    """Secretary and chair hear of a new request; other roles and the requester do not."""
    case = case_in(S.DRAFT, people)
    assert attempt(case, people.requester, "submit") is None
    assert notifications_about(case) == [
        (people.secretary.id, NotificationKind.CASE_SUBMITTED, {}),
        (people.chair.id, NotificationKind.CASE_SUBMITTED, {}),
    ]


def test_secretary_submitting_own_request_is_not_notified(people) -> None:
    """A secretary who files a request themselves is told nothing about it."""
    case = make_case(make_user(Role.REQUESTER, Role.SECRETARY), submit=True)
    assert notifications_about(case) == [
        (people.secretary.id, NotificationKind.CASE_SUBMITTED, {}),
        (people.chair.id, NotificationKind.CASE_SUBMITTED, {}),
    ]


@pytest.mark.parametrize(
    ("name", "source"),
    [(n, s) for n, s in DECLARED if n != "submit" and s is not S.DRAFT],
)
def test_requester_is_notified_of_every_status_change(people, name, source) -> None:
    """Each move by the committee tells the requester the new status, and only them."""
    case = case_in(source, people)
    already = len(notifications_about(case))
    assert attempt(case, people.secretary, name, REASON) is None
    assert notifications_about(case)[already:] == [
        (people.requester.id, NotificationKind.STATUS_CHANGED, {"status": case.status.value})
    ]


@pytest.mark.parametrize("source", [S.DRAFT, S.SUBMITTED, S.POSTPONED])
def test_requester_withdrawing_is_not_notified(people, source) -> None:
    """Nobody is notified of their own action."""
    case = case_in(source, people)
    already = len(notifications_about(case))
    assert attempt(case, people.requester, "withdraw", REASON) is None
    assert notifications_about(case)[already:] == []


def test_status_change_notification_shows_dutch_status(app, people) -> None:
    """The requester reads the new status in their own language on the notifications page."""
    case = case_in(S.TRIAGE, people)
    html = signed_in(app, people.requester).get("/notifications/").get_data(as_text=True)
    assert f"{case.title} is nu: Triage" in html
