"""Writes for review cases: the request, workflow moves, screening overrides and clarifications.

Every state change and override is recorded in the audit trail in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from ethicsdesk.audit.models import AuditAction
from ethicsdesk.audit.operations import record
from ethicsdesk.auth.models import User
from ethicsdesk.auth.queries import active_users_with_roles
from ethicsdesk.core.db import utcnow
from ethicsdesk.core.permissions import Permission, Role, can
from ethicsdesk.extensions import db
from ethicsdesk.notifications.models import NotificationKind
from ethicsdesk.notifications.operations import notify
from ethicsdesk.organisations.models import School
from ethicsdesk.reviews.models import (
    CaseMessage,
    CaseStatus,
    MessageKind,
    ReviewCase,
    ScreeningOverride,
)
from ethicsdesk.reviews.screening import conclusion_by_key, screen_case
from ethicsdesk.reviews.workflow import TRANSITIONS, Transition, target_of, transition_named

# The requester may still change the facts until the committee starts its review.
EDITABLE = frozenset(
    {CaseStatus.DRAFT, CaseStatus.SUBMITTED, CaseStatus.TRIAGE, CaseStatus.POSTPONED}
)
MANAGERS = (Role.SECRETARY, Role.CHAIR)
# request fields kept in columns of the case rather than in its ``answers``
DOCUMENT_COLUMNS = frozenset(
    {"technology", "vendor", "purpose", "category", "desired_decision_date", "schools", "$schema"}
)


class WorkflowError(Exception):
    """A refused action; the message is shown to the user and nothing is changed."""

    def __init__(self, message: Any) -> None:
        super().__init__(message)  # kept lazy: translated where it is shown, not where raised
        self.message = message


@dataclass
class RequestData:
    """What the request form hands to the operations, already validated."""

    title: str
    vendor: str
    purpose: str
    category: str | None = None
    desired_decision_date: date | None = None
    schools: list[School] = field(default_factory=list)
    answers: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_document(cls, document: dict[str, Any], schools: list[School]) -> RequestData:
        """Build from a request in the JSON format of ``dpia_templates/request.schema.json``."""
        answers = {k: v for k, v in document.items() if k not in DOCUMENT_COLUMNS}
        decision = document.get("desired_decision_date")
        return cls(
            title=document["technology"],
            vendor=document.get("vendor", ""),
            purpose=document["purpose"],
            category=document.get("category"),
            desired_decision_date=date.fromisoformat(decision) if decision else None,
            schools=schools,
            answers=answers,
        )


def _apply_request_data(case: ReviewCase, data: RequestData) -> None:
    """Copy the form's facts onto the case and screen it again."""
    case.title = data.title
    case.vendor = data.vendor
    case.purpose = data.purpose
    case.category = data.category or None
    case.desired_decision_date = data.desired_decision_date
    case.schools = list(data.schools)
    case.answers = dict(data.answers)
    db.session.flush()
    case.screening = screen_case(case).to_dict()
    case.screened_at = utcnow()


def save_request(
    case: ReviewCase | None, actor: User, data: RequestData, submit: bool = False
) -> ReviewCase:
    """Create or update a request, re-run the screening, and submit it when asked."""
    if case is None:
        case = ReviewCase(organisation_id=actor.organisation_id, requester=actor)
        db.session.add(case)
        _apply_request_data(case, data)
        record(case, actor, AuditAction.CREATED, to_status=case.status.value)
    else:
        if case.status not in EDITABLE or not can(actor, Permission.CASE_EDIT, case):
            raise WorkflowError(_l("This request can no longer be changed."))
        _apply_request_data(case, data)
        record(case, actor, AuditAction.EDITED, details={"status": case.status.value})
    if submit:
        apply_transition(case, actor, "submit")
    db.session.flush()
    return case


def allowed_transitions(case: ReviewCase, actor: User) -> list[Transition]:
    """The moves this user may make on this case now (for the buttons on the case page)."""
    return [t for t in TRANSITIONS if case.status in t.sources and can(actor, t.permission, case)]


def may_move(case: ReviewCase, actor: User) -> bool:
    """Whether any move of the workflow is this user's to make on this case, in any status."""
    return any(can(actor, transition.permission, case) for transition in TRANSITIONS)


def apply_transition(
    case: ReviewCase, actor: User, name: str, reason: str | None = None
) -> ReviewCase:
    """Move the case if the workflow allows it for this user; refuse with a reason otherwise."""
    transition = transition_named(name)
    if transition is None:
        raise WorkflowError(_l("Unknown action."))
    if not can(actor, transition.permission, case):
        raise WorkflowError(_l("You may not do this on this case."))
    if case.status not in transition.sources:
        raise WorkflowError(
            _l("Not possible while the case is %(status)s.", status=case.status.label)
        )
    if case.status is CaseStatus.DRAFT and not case.is_owned_by(actor):
        raise WorkflowError(_l("A draft belongs to its requester until it is submitted."))
    reason = (reason or "").strip() or None
    if transition.reason_required and not reason:
        raise WorkflowError(_l("Give a reason for this step."))
    source = case.status
    target = target_of(transition, case)
    case.status_before_postponement = source if target is CaseStatus.POSTPONED else None
    case.status = target
    case.status_changed_at = utcnow()
    if target is CaseStatus.SUBMITTED and case.submitted_at is None:
        case.submitted_at = case.status_changed_at
    record(
        case,
        actor,
        AuditAction.TRANSITION,
        from_status=source.value,
        to_status=target.value,
        reason=reason,
        details={"transition": name},
    )
    _notify_transition(case, actor, transition, target)
    return case


def _notify_transition(
    case: ReviewCase, actor: User, transition: Transition, target: CaseStatus
) -> None:
    """A new request goes to the secretary and chair; every later move to the requester."""
    if transition.name == "submit":
        notify(active_users_with_roles(*MANAGERS), case, NotificationKind.CASE_SUBMITTED, actor)
    else:
        notify([case.requester], case, NotificationKind.STATUS_CHANGED, actor, status=target.value)


def override_conclusion(
    case: ReviewCase, actor: User, key: str, new_value: str, reason: str
) -> ScreeningOverride:
    """Replace one screening conclusion by the committee's judgement, with a mandatory reason."""
    if not can(actor, Permission.SCREENING_OVERRIDE, case):
        raise WorkflowError(_l("You may not do this on this case."))
    conclusion = conclusion_by_key(case, key)
    if conclusion is None or new_value not in dict(conclusion.choices):
        raise WorkflowError(_l("This conclusion cannot be set to that value."))
    reason = reason.strip()
    if not reason:
        raise WorkflowError(_l("Give a reason for this step."))
    if new_value == conclusion.value:
        raise WorkflowError(_l("The conclusion already has this value."))
    override = ScreeningOverride(
        case=case,
        author=actor,
        conclusion=key,
        original_value=conclusion.machine_value,
        new_value=new_value,
        reason=reason,
    )
    db.session.add(override)
    record(
        case,
        actor,
        AuditAction.SCREENING_OVERRIDE,
        reason=reason,
        details={"conclusion": key, "from": conclusion.value, "to": new_value},
    )
    return override


def post_message(case: ReviewCase, author: User, body: str) -> CaseMessage:
    """A committee question to the requester, or the requester's answer, in one thread."""
    if not can(author, Permission.CASE_DISCUSS, case):
        raise WorkflowError(_l("You may not do this on this case."))
    if case.status in (CaseStatus.DRAFT, CaseStatus.WITHDRAWN):
        raise WorkflowError(
            _l("Not possible while the case is %(status)s.", status=case.status.label)
        )
    from_requester = case.is_owned_by(author)
    kind = MessageKind.ANSWER if from_requester else MessageKind.QUESTION
    message = CaseMessage(case=case, author=author, kind=kind, body=body.strip())
    db.session.add(message)
    case.awaiting_requester = not from_requester
    record(case, author, AuditAction.MESSAGE_POSTED, details={"kind": kind.value})
    if from_requester:
        askers = {m.author for m in case.messages if m.kind is MessageKind.QUESTION}
        recipients = [*askers, *active_users_with_roles(*MANAGERS)]
        notify(recipients, case, NotificationKind.QUESTION_ANSWERED, author)
    else:
        notify([case.requester], case, NotificationKind.QUESTION_ASKED, author)
    db.session.flush()
    return message
