"""A notification for one user about one case event."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ethicsdesk.auth.models import User
from ethicsdesk.core.db import EnumText, JSONType, utcnow
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import ReviewCase


class NotificationKind(enum.StrEnum):
    """What happened; the text is rendered in the reader's language when shown or mailed."""

    CASE_SUBMITTED = "case_submitted"
    STATUS_CHANGED = "status_changed"
    QUESTION_ASKED = "question_asked"
    QUESTION_ANSWERED = "question_answered"


TEXTS = {
    NotificationKind.CASE_SUBMITTED: _l("New review request: %(case)s"),
    NotificationKind.STATUS_CHANGED: _l("%(case)s is now: %(status)s"),
    NotificationKind.QUESTION_ASKED: _l("The committee asked you a question about %(case)s"),
    NotificationKind.QUESTION_ANSWERED: _l("The requester answered a question about %(case)s"),
}


class Notification(db.Model):
    """One line in a user's notification list."""

    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("review_cases.id"), index=True)
    kind: Mapped[NotificationKind] = mapped_column(EnumText(NotificationKind))
    params: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
    case: Mapped[ReviewCase | None] = relationship()
