"""Audit entries; rows are only ever inserted (the ORM and database triggers refuse the rest)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ethicsdesk.auth.models import User
from ethicsdesk.core.db import EnumText, JSONType, utcnow
from ethicsdesk.core.enums import LabelledEnum, labels
from ethicsdesk.extensions import db


class AuditAction(LabelledEnum):
    """What kind of event an entry records."""

    CREATED = "created"
    TRANSITION = "transition"
    SCREENING_OVERRIDE = "screening_override"
    EDITED = "edited"
    ATTACHMENT_ADDED = "attachment_added"
    MESSAGE_POSTED = "message_posted"
    DPIA_STARTED = "dpia_started"
    DPIA_IMPORTED = "dpia_imported"
    COMPASS_OPENED = "compass_opened"
    ADVISORY_PUBLISHED = "advisory_published"
    ADVISORY_RETRACTED = "advisory_retracted"
    CONDITION_STATUS = "condition_status"
    ADHERENCE_RECORDED = "adherence_recorded"


ACTION_LABELS = labels(
    AuditAction,
    {
        AuditAction.CREATED: _l("Request created"),
        AuditAction.TRANSITION: _l("Status changed"),
        AuditAction.SCREENING_OVERRIDE: _l("Screening conclusion overridden"),
        AuditAction.EDITED: _l("Request edited"),
        AuditAction.ATTACHMENT_ADDED: _l("Document added"),
        AuditAction.MESSAGE_POSTED: _l("Message posted"),
        AuditAction.DPIA_STARTED: _l("DPIA started"),
        AuditAction.DPIA_IMPORTED: _l("DPIA imported"),
        AuditAction.COMPASS_OPENED: _l("Compass comparison opened"),
        AuditAction.ADVISORY_PUBLISHED: _l("Advisory published"),
        AuditAction.ADVISORY_RETRACTED: _l("Advisory retracted"),
        AuditAction.CONDITION_STATUS: _l("Condition status recorded"),
        AuditAction.ADHERENCE_RECORDED: _l("Follow-up of the advice recorded"),
    },
)


class AuditEntry(db.Model):
    """One event on a case; never updated, never deleted."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("review_cases.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    action: Mapped[AuditAction] = mapped_column(EnumText(AuditAction))
    from_status: Mapped[str | None] = mapped_column(sa.String(32))
    to_status: Mapped[str | None] = mapped_column(sa.String(32))
    reason: Mapped[str | None] = mapped_column(sa.Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    actor: Mapped[User | None] = relationship()


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or remove an audit entry."""


@sa.event.listens_for(Session, "before_flush")
def _refuse_audit_changes(session: Session, _context: Any, _instances: Any) -> None:
    """The ORM half of append-only; database triggers are the other half."""
    for instance in (*session.dirty, *session.deleted):
        if isinstance(instance, AuditEntry) and (
            instance in session.deleted or session.is_modified(instance)
        ):
            raise AppendOnlyError("audit entries are append-only")
