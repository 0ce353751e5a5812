"""The follow-up dashboard's reads and its writes: keep evaluating signed advisories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from ethicsdesk.advisories.models import Advisory, AdvisoryCondition, AdvisoryStatus
from ethicsdesk.audit.models import AuditAction
from ethicsdesk.audit.operations import record
from ethicsdesk.auth.models import User
from ethicsdesk.core.db import utcnow
from ethicsdesk.extensions import db
from ethicsdesk.publications.models import Adherence, ConditionCheck, ConditionStatus, FollowUp
from ethicsdesk.publications.operations import catalogue_changed

SOON = timedelta(days=30)
LIMIT = 200
CHUNK = 1000


@dataclass
class Overview:
    """Everything the dashboard lists; conditions come with their last recorded check."""

    overdue: list[tuple[AdvisoryCondition, ConditionCheck | None]]
    due_soon: list[tuple[AdvisoryCondition, ConditionCheck | None]]
    re_evaluation: list[Advisory]
    advisories: list[tuple[Advisory, FollowUp | None]]


def overview(today: date) -> Overview:
    """Conditions not yet met, overdue or due within 30 days; re-evaluations; adherence."""
    signed = Advisory.status == AdvisoryStatus.SIGNED
    conditions = (
        sa.select(AdvisoryCondition, ConditionCheck)
        .join(AdvisoryCondition.advisory)
        .outerjoin(ConditionCheck, ConditionCheck.condition_id == AdvisoryCondition.id)
        .where(signed, sa.or_(ConditionCheck.id.is_(None),
                              ConditionCheck.status != ConditionStatus.MET))
        .order_by(AdvisoryCondition.due_date, AdvisoryCondition.id)
        .limit(LIMIT)
    )  # fmt: skip
    overdue = conditions.where(AdvisoryCondition.due_date < today)
    soon = conditions.where(AdvisoryCondition.due_date.between(today, today + SOON))
    re_eval = sa.select(Advisory).where(signed, Advisory.re_evaluation_date <= today + SOON)
    advisories = (
        sa.select(Advisory, FollowUp)
        .outerjoin(FollowUp, FollowUp.advisory_id == Advisory.id)
        .where(signed)
        .order_by(Advisory.number)
        .limit(LIMIT)
    )
    return Overview(
        overdue=[(c, check) for c, check in db.session.execute(overdue)],
        due_soon=[(c, check) for c, check in db.session.execute(soon)],
        re_evaluation=list(
            db.session.scalars(re_eval.order_by(Advisory.re_evaluation_date).limit(LIMIT))
        ),
        advisories=[(a, f) for a, f in db.session.execute(advisories)],
    )


def record_adherence(advisory: Advisory, actor: User, adherence: Adherence, note: str) -> FollowUp:
    """What the school did with the advice: the latest replaces it, the history keeps each."""
    follow_up = db.session.scalar(sa.select(FollowUp).where(FollowUp.advisory_id == advisory.id))
    previous = follow_up.adherence.value if follow_up and follow_up.adherence else None
    if follow_up is None:
        follow_up = FollowUp(advisory=advisory)
        db.session.add(follow_up)
    follow_up.adherence = adherence
    follow_up.note = note
    follow_up.recorded_by = actor
    follow_up.recorded_at = utcnow()
    record(advisory.case, actor, AuditAction.ADHERENCE_RECORDED, from_status=previous,
           to_status=adherence.value, reason=note or None,
           details={"advisory": advisory.reference})  # fmt: skip
    db.session.flush()
    return follow_up


def checks_of(conditions: list[AdvisoryCondition]) -> dict[int, ConditionCheck]:
    """The recorded check per condition id (conditions never checked are absent)."""
    ids = [condition.id for condition in conditions]
    found: dict[int, ConditionCheck] = {}
    for start in range(0, len(ids), CHUNK):  # bound the IN list for the CSV export
        chunk = ids[start : start + CHUNK]
        query = sa.select(ConditionCheck).where(ConditionCheck.condition_id.in_(chunk))
        found.update((check.condition_id, check) for check in db.session.scalars(query))
    return found


def record_condition_status(
    condition: AdvisoryCondition, actor: User, status: ConditionStatus, note: str
) -> ConditionCheck:
    """Record whether a condition was met, apart from the signed advisory; audited on the case."""
    check = db.session.scalar(
        sa.select(ConditionCheck).where(ConditionCheck.condition_id == condition.id)
    )
    previous = check.status.value if check else ConditionStatus.OPEN.value
    if check is None:
        check = ConditionCheck(condition=condition)
        db.session.add(check)
    check.status = status
    check.note = note
    check.recorded_by = actor
    check.recorded_at = utcnow()
    details = {"advisory": condition.advisory.reference, "condition": condition.id}
    record(condition.advisory.case, actor, AuditAction.CONDITION_STATUS, from_status=previous,
           to_status=status.value, reason=note or None, details=details)  # fmt: skip
    catalogue_changed()  # the advisory page shows the status
    db.session.flush()
    return check


def display_status(check: ConditionCheck | None, due_date: date | None, today: date) -> str:
    """What a reader sees: met / not_met as recorded, else overdue when past due, else open."""
    if check is not None and check.status is not ConditionStatus.OPEN:
        return check.status.value
    return "overdue" if due_date is not None and due_date < today else "open"
