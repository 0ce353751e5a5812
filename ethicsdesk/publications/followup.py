"""The follow-up dashboard's reads and its one write: keep evaluating signed advisories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from ethicsdesk.advisories.models import Advisory, AdvisoryCondition, AdvisoryStatus
from ethicsdesk.auth.models import User
from ethicsdesk.core.db import utcnow
from ethicsdesk.extensions import db
from ethicsdesk.publications.models import Adherence, FollowUp

SOON = timedelta(days=30)
LIMIT = 200


@dataclass
class Overview:
    """Everything the dashboard lists."""

    overdue: list[AdvisoryCondition]
    due_soon: list[AdvisoryCondition]
    re_evaluation: list[Advisory]
    advisories: list[tuple[Advisory, FollowUp | None]]


def overview(today: date) -> Overview:
    """Conditions overdue or due within 30 days, re-evaluations due, adherence per advisory."""
    signed = Advisory.status == AdvisoryStatus.SIGNED
    conditions = sa.select(AdvisoryCondition).join(AdvisoryCondition.advisory).where(signed)
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
        overdue=list(db.session.scalars(overdue.order_by(AdvisoryCondition.due_date).limit(LIMIT))),
        due_soon=list(db.session.scalars(soon.order_by(AdvisoryCondition.due_date).limit(LIMIT))),
        re_evaluation=list(
            db.session.scalars(re_eval.order_by(Advisory.re_evaluation_date).limit(LIMIT))
        ),
        advisories=[(a, f) for a, f in db.session.execute(advisories)],
    )


def record_adherence(advisory: Advisory, actor: User, adherence: Adherence, note: str) -> FollowUp:
    """Store what the school did with the advice; the latest statement replaces the previous."""
    follow_up = db.session.scalar(sa.select(FollowUp).where(FollowUp.advisory_id == advisory.id))
    if follow_up is None:
        follow_up = FollowUp(advisory=advisory)
        db.session.add(follow_up)
    follow_up.adherence = adherence
    follow_up.note = note
    follow_up.recorded_by = actor
    follow_up.recorded_at = utcnow()
    db.session.flush()
    return follow_up
