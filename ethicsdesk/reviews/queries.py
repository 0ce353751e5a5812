"""Lookups for review cases."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from ethicsdesk.auth.models import User
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import CaseStatus, ReviewCase


def case_by_id(case_id: int) -> ReviewCase | None:
    """The case with this id, if any."""
    return db.session.get(ReviewCase, case_id)


def cases_of_requester(user: User) -> list[ReviewCase]:
    """The requester's own cases, newest first."""
    return list(
        db.session.scalars(
            sa.select(ReviewCase)
            .where(ReviewCase.requester_id == user.id)
            .order_by(ReviewCase.created_at.desc(), ReviewCase.id.desc())
        )
    )


def queue() -> list[ReviewCase]:
    """Submitted cases for the committee, oldest first so none waits unseen."""
    return list(
        db.session.scalars(
            sa.select(ReviewCase)
            .options(joinedload(ReviewCase.requester))
            .where(ReviewCase.status != CaseStatus.DRAFT)
            .order_by(ReviewCase.submitted_at, ReviewCase.id)
        )
    )
