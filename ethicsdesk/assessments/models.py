"""A case's compass round and each member's private answers to it."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ethicsdesk.auth.models import User
from ethicsdesk.core.db import EnumText, JSONType, utcnow
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import ReviewCase


class RoundState(enum.StrEnum):
    """Members answer while the round is open; opening the comparison closes it."""

    OPEN = "open"
    CLOSED = "closed"


class AssessmentRound(db.Model):
    """The compass for one case, pinned to the question set version its answers refer to.

    Answers stay private to each member until the comparison is opened; from then on they
    are frozen, so nobody adjusts their view after seeing the others' (no anchoring).
    """

    __tablename__ = "assessment_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("review_cases.id"), unique=True)
    set_id: Mapped[str] = mapped_column(sa.String(60))
    set_version: Mapped[str] = mapped_column(sa.String(20))
    set_digest: Mapped[str] = mapped_column(sa.String(64))
    state: Mapped[RoundState] = mapped_column(EnumText(RoundState), default=RoundState.OPEN)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    opened_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    closed_at: Mapped[datetime | None]
    comparison_opened_at: Mapped[datetime | None]
    comparison_opened_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    case: Mapped[ReviewCase] = relationship()
    opened_by: Mapped[User | None] = relationship(foreign_keys=[opened_by_id])
    comparison_opened_by: Mapped[User | None] = relationship(foreign_keys=[comparison_opened_by_id])

    @property
    def comparison_open(self) -> bool:
        """Whether members' answers may be shown to the committee."""
        return self.comparison_opened_at is not None

    def __repr__(self) -> str:
        return f"<AssessmentRound case={self.case_id} {self.set_id} {self.state.value}>"


class MemberAnswers(db.Model):
    """One member's answers in the compass library's shape: {urn: {target: {value, …}}}."""

    __tablename__ = "assessment_answers"
    __table_args__ = (sa.UniqueConstraint("round_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(sa.ForeignKey("assessment_rounds.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None]

    round: Mapped[AssessmentRound] = relationship()
    member: Mapped[User] = relationship()
