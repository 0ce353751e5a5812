"""A technology review case and the states it passes through."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ethicsdesk.auth.models import User
from ethicsdesk.core.db import EnumText, JSONType, utcnow
from ethicsdesk.core.enums import LabelledEnum, labels
from ethicsdesk.extensions import db
from ethicsdesk.organisations.models import Organisation, School


class CaseStatus(LabelledEnum):
    """Where a case stands; the allowed moves between them are declared in the workflow."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    TRIAGE = "triage"
    IN_REVIEW = "in_review"
    IN_DELIBERATION = "in_deliberation"
    ADVISED = "advised"
    POSTPONED = "postponed"
    WITHDRAWN = "withdrawn"


STATUS_LABELS = labels(
    CaseStatus,
    {
        CaseStatus.DRAFT: _l("Draft"),
        CaseStatus.SUBMITTED: _l("Submitted"),
        CaseStatus.TRIAGE: _l("Triage"),
        CaseStatus.IN_REVIEW: _l("In review"),
        CaseStatus.IN_DELIBERATION: _l("In deliberation"),
        CaseStatus.ADVISED: _l("Advised"),
        CaseStatus.POSTPONED: _l("Postponed"),
        CaseStatus.WITHDRAWN: _l("Withdrawn"),
    },
)


case_schools = sa.Table(
    "case_schools",
    db.metadata,
    sa.Column("case_id", sa.ForeignKey("review_cases.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("school_id", sa.ForeignKey("schools.id"), primary_key=True),
)


class ReviewCase(db.Model):
    """One technology that a school wants to use, from request to advisory.

    Facts that lists and filters need are columns; the rest of the request lives in ``answers``
    in the shape of ``dpia_templates/request.schema.json``, which the screening reads.
    """

    __tablename__ = "review_cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    requester_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    vendor: Mapped[str] = mapped_column(sa.String(200))
    purpose: Mapped[str] = mapped_column(sa.Text)
    category: Mapped[str | None] = mapped_column(sa.String(40), index=True)
    desired_decision_date: Mapped[date | None]
    answers: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    screening: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    screened_at: Mapped[datetime | None]
    status: Mapped[CaseStatus] = mapped_column(
        EnumText(CaseStatus), default=CaseStatus.DRAFT, index=True
    )
    status_before_postponement: Mapped[CaseStatus | None] = mapped_column(EnumText(CaseStatus))
    awaiting_requester: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None]
    status_changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    requester: Mapped[User] = relationship()
    schools: Mapped[list[School]] = relationship(secondary=case_schools, order_by=School.name)
    messages: Mapped[list[CaseMessage]] = relationship(
        back_populates="case", order_by="CaseMessage.created_at, CaseMessage.id"
    )
    overrides: Mapped[list[ScreeningOverride]] = relationship(
        back_populates="case", order_by="ScreeningOverride.created_at, ScreeningOverride.id"
    )

    @property
    def age_days(self) -> int:
        """Days since the request reached the committee (or was started, for drafts)."""
        since = self.submitted_at or self.created_at
        return (utcnow() - since).days

    def request_document(self) -> dict[str, Any]:
        """The request in the screening's JSON format: columns plus stored answers."""
        document = dict(self.answers or {})
        document.update(technology=self.title, purpose=self.purpose)
        if self.vendor:
            document["vendor"] = self.vendor
        if self.category:
            document["category"] = self.category
        if self.desired_decision_date:
            document["desired_decision_date"] = self.desired_decision_date.isoformat()
        if self.schools:
            document["schools"] = [school.name for school in self.schools]
        return document

    def is_owned_by(self, user: Any) -> bool:
        """The requester owns the case: they may follow it, others with OWN scope may not."""
        return user.is_authenticated and self.requester_id == user.id

    def __repr__(self) -> str:
        return f"<ReviewCase {self.id} {self.title!r} {self.status.value}>"


class MessageKind(enum.StrEnum):
    """A clarification question from the committee, or the requester's answer."""

    QUESTION = "question"
    ANSWER = "answer"


class CaseMessage(db.Model):
    """One message in the clarification thread between committee and requester."""

    __tablename__ = "case_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("review_cases.id"), index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    kind: Mapped[MessageKind] = mapped_column(EnumText(MessageKind))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[ReviewCase] = relationship(back_populates="messages")
    author: Mapped[User] = relationship()


class ScreeningOverride(db.Model):
    """The committee's judgement replacing one screening conclusion, with its reason."""

    __tablename__ = "screening_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("review_cases.id"), index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    conclusion: Mapped[str] = mapped_column(sa.String(80))
    original_value: Mapped[str] = mapped_column(sa.String(40))
    new_value: Mapped[str] = mapped_column(sa.String(40))
    reason: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[ReviewCase] = relationship(back_populates="overrides")
    author: Mapped[User] = relationship()
