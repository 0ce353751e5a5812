"""A meeting of the committee and what each member said about each case on its agenda."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ethicsdesk.auth.models import User
from ethicsdesk.core.db import EnumText, JSONType, utcnow
from ethicsdesk.core.enums import LabelledEnum, labels
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import ReviewCase


class Position(LabelledEnum):
    """What a member advises, following research-ethics committee practice."""

    FAVOURABLE = "favourable"
    FAVOURABLE_WITH_CONDITIONS = "favourable_with_conditions"
    POSTPONE = "postpone"
    UNFAVOURABLE = "unfavourable"
    ABSTAIN = "abstain"


POSITION_LABELS = labels(
    Position,
    {
        Position.FAVOURABLE: _l("Favourable"),
        Position.FAVOURABLE_WITH_CONDITIONS: _l("Favourable with conditions"),
        Position.POSTPONE: _l("Postpone: more information needed"),
        Position.UNFAVOURABLE: _l("Unfavourable"),
        Position.ABSTAIN: _l("Abstain"),
    },
)

attendance = sa.Table(
    "meeting_attendance",
    db.metadata,
    sa.Column("meeting_id", sa.ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id"), primary_key=True),
)


class Meeting(db.Model):
    """One meeting of the ethics committee."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    held_on: Mapped[date]
    location: Mapped[str] = mapped_column(sa.String(200), default="")
    quorum: Mapped[int] = mapped_column(default=3)
    minutes: Mapped[str] = mapped_column(sa.Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    present: Mapped[list[User]] = relationship(secondary=attendance, order_by=User.name)
    items: Mapped[list[MeetingItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingItem.position"
    )


class MeetingItem(db.Model):
    """A case on a meeting's agenda, with the points to discuss and the outcome decided."""

    __tablename__ = "meeting_items"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "case_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(sa.ForeignKey("meetings.id", ondelete="CASCADE"))
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("review_cases.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    discussion_points: Mapped[list[str]] = mapped_column(JSONType, default=list)
    outcome: Mapped[Position | None] = mapped_column(EnumText(Position))
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    case: Mapped[ReviewCase] = relationship()
    decided_by: Mapped[User | None] = relationship()
    votes: Mapped[list[Vote]] = relationship(back_populates="item", cascade="all, delete-orphan")
    conflicts: Mapped[list[ConflictOfInterest]] = relationship(
        back_populates="item", cascade="all, delete-orphan"
    )
    minority_opinions: Mapped[list[MinorityOpinion]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="MinorityOpinion.id"
    )


class Vote(db.Model):
    """One member's position on one case, with the reasons (required when unfavourable)."""

    __tablename__ = "meeting_votes"
    __table_args__ = (sa.UniqueConstraint("item_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("meeting_items.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    position: Mapped[Position] = mapped_column(EnumText(Position))
    reasons: Mapped[str] = mapped_column(sa.Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    item: Mapped[MeetingItem] = relationship(back_populates="votes")
    member: Mapped[User] = relationship()


class ConflictOfInterest(db.Model):
    """A member who may not vote on a case, and why; recorded, never silently dropped."""

    __tablename__ = "meeting_conflicts"
    __table_args__ = (sa.UniqueConstraint("item_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("meeting_items.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(sa.Text)

    item: Mapped[MeetingItem] = relationship(back_populates="conflicts")
    member: Mapped[User] = relationship()


class MinorityOpinion(db.Model):
    """A dissent in the member's own words, carried into the advisory."""

    __tablename__ = "minority_opinions"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(sa.ForeignKey("meeting_items.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    item: Mapped[MeetingItem] = relationship(back_populates="minority_opinions")
    author: Mapped[User] = relationship()
