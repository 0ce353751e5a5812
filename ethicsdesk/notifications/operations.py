"""Creating notifications and queueing their e-mails until the request has committed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from flask import has_request_context, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from ethicsdesk.auth.models import User
from ethicsdesk.core.db import utcnow
from ethicsdesk.extensions import db
from ethicsdesk.mail import Message, queue_after_commit
from ethicsdesk.notifications.models import Notification, NotificationKind
from ethicsdesk.notifications.texts import render_text
from ethicsdesk.reviews.models import ReviewCase


def notify(
    recipients: Iterable[User],
    case: ReviewCase,
    kind: NotificationKind,
    actor: User | None = None,
    **params: Any,
) -> list[Notification]:
    """Tell each active recipient (never the actor) about a case event, in app and by mail."""
    created = []
    seen: set[int] = set()
    for user in recipients:
        if not user.active or user.id in seen or (actor is not None and user.id == actor.id):
            continue
        seen.add(user.id)
        notification = Notification(user=user, case=case, kind=kind, params=params)
        db.session.add(notification)
        created.append(notification)
        if has_request_context():  # CLI and batch jobs notify in-app only
            queue_after_commit(_email(user, case, kind, params))
    db.session.flush()
    return created


def _email(user: User, case: ReviewCase, kind: NotificationKind, params: dict[str, Any]) -> Message:
    """The e-mail for one notification, written in the recipient's own language."""
    link = url_for("reviews.case_detail", case_id=case.id, _external=True)
    with force_locale(user.locale):
        text = render_text(kind, case.title, params)
        body = _("%(text)s\n\nOpen the case: %(link)s", text=text, link=link)
        subject = f"EthicsDesk: {text}"
    return Message(to=(user.email,), subject=subject, text=body)


def mark_all_read(user: User) -> int:
    """Mark every unread notification of the user as read; returns how many."""
    result = db.session.execute(
        sa.update(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    db.session.flush()
    return result.rowcount
