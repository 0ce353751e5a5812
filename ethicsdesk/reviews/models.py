"""A technology review case and the states it passes through."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ethicsdesk.auth.models import User
from ethicsdesk.core.db import EnumText, utcnow
from ethicsdesk.extensions import db
from ethicsdesk.organisations.models import Organisation


class CaseStatus(enum.StrEnum):
    """Where a case stands; the allowed moves between them are declared in the workflow."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    TRIAGE = "triage"
    IN_REVIEW = "in_review"
    IN_DELIBERATION = "in_deliberation"
    ADVISED = "advised"
    POSTPONED = "postponed"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> Any:
        """The status as users read it, in their language."""
        return STATUS_LABELS[self]


STATUS_LABELS = {
    CaseStatus.DRAFT: _l("Draft"),
    CaseStatus.SUBMITTED: _l("Submitted"),
    CaseStatus.TRIAGE: _l("Triage"),
    CaseStatus.IN_REVIEW: _l("In review"),
    CaseStatus.IN_DELIBERATION: _l("In deliberation"),
    CaseStatus.ADVISED: _l("Advised"),
    CaseStatus.POSTPONED: _l("Postponed"),
    CaseStatus.WITHDRAWN: _l("Withdrawn"),
}


class ReviewCase(db.Model):
    """One technology that a school wants to use, from request to advisory."""

    __tablename__ = "review_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    requester_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    vendor: Mapped[str] = mapped_column(sa.String(200))
    purpose: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[CaseStatus] = mapped_column(
        EnumText(CaseStatus), default=CaseStatus.DRAFT, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None]

    organisation: Mapped[Organisation] = relationship()
    requester: Mapped[User] = relationship()

    def is_owned_by(self, user: Any) -> bool:
        """The requester owns the case: they may follow it, others with OWN scope may not."""
        return user.is_authenticated and self.requester_id == user.id

    def __repr__(self) -> str:
        return f"<ReviewCase {self.id} {self.title!r} {self.status.value}>"
