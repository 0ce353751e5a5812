"""Reading meetings and what the agenda can hold."""

from __future__ import annotations

import sqlalchemy as sa

from ethicsdesk.auth.models import User, UserRole
from ethicsdesk.core.permissions import Role
from ethicsdesk.deliberation.models import Meeting, MeetingItem
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import CaseStatus, ReviewCase


def meetings() -> list[Meeting]:
    """All meetings, the latest first."""
    return list(db.session.scalars(sa.select(Meeting).order_by(Meeting.held_on.desc())))


def meeting_by_id(meeting_id: int) -> Meeting | None:
    return db.session.get(Meeting, meeting_id)


def item_of(meeting: Meeting, item_id: int) -> MeetingItem | None:
    """An agenda item, only if it belongs to this meeting."""
    return db.session.scalar(
        sa.select(MeetingItem).where(
            MeetingItem.id == item_id, MeetingItem.meeting_id == meeting.id
        )
    )


def cases_in_deliberation() -> list[ReviewCase]:
    """Cases the secretary can put on an agenda."""
    return list(
        db.session.scalars(
            sa.select(ReviewCase)
            .where(ReviewCase.status == CaseStatus.IN_DELIBERATION)
            .order_by(ReviewCase.title)
        )
    )


def committee_members() -> list[User]:
    """Active users who may attend and vote (members, secretaries, chairs), and the DPO."""
    roles = [Role.MEMBER.value, Role.SECRETARY.value, Role.CHAIR.value, Role.DPO.value]
    return list(
        db.session.scalars(
            sa.select(User)
            .join(UserRole)
            .where(User.active.is_(True), UserRole.role.in_(roles))
            .distinct()
            .order_by(User.name)
        )
    )


def items_of_case(case: ReviewCase) -> list[MeetingItem]:
    """Every agenda item about this case, oldest meeting first."""
    return list(
        db.session.scalars(
            sa.select(MeetingItem)
            .join(Meeting)
            .where(MeetingItem.case_id == case.id)
            .order_by(Meeting.held_on, MeetingItem.id)
        )
    )
