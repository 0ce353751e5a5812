"""Reading a user's notifications."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from ethicsdesk.auth.models import User
from ethicsdesk.extensions import db
from ethicsdesk.notifications.models import Notification


def notifications_of(user: User, limit: int = 100) -> list[Notification]:
    """The user's latest notifications, newest first."""
    return list(
        db.session.scalars(
            sa.select(Notification)
            .options(joinedload(Notification.case))
            .where(Notification.user_id == user.id)
            .order_by(Notification.created_at.desc(), Notification.id.desc())
            .limit(limit)
        )
    )


def unread_count(user: User) -> int:
    """How many notifications the user has not read yet (shown in the header)."""
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )
