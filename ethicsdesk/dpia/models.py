"""A DPIA, its sections (the unit of optimistic locking), answers, risks and measures."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ethicsdesk.auth.models import User
from ethicsdesk.core.db import JSONType, utcnow
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import ReviewCase

risk_measures = sa.Table(
    "dpia_risk_measures",
    db.metadata,
    sa.Column("risk_id", sa.ForeignKey("dpia_risks.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "measure_id", sa.ForeignKey("dpia_measures.id", ondelete="CASCADE"), primary_key=True
    ),
)


class Dpia(db.Model):
    """The data protection impact assessment of one case, made from a versioned template."""

    __tablename__ = "dpias"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("review_cases.id"), unique=True)
    template_id: Mapped[str] = mapped_column(sa.String(60))
    template_version: Mapped[str] = mapped_column(sa.String(20))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    # opinions as in the DPIA document format: "dpo" (art. 35(2)), "data_subjects" (art. 35(9)),
    # "prior_consultation" (art. 36) — kept whole so imports and exports lose nothing
    opinions: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # answers are Markdown when written here, HTML when imported from the CNIL tool
    text_format: Mapped[str] = mapped_column(sa.String(10), default="markdown")
    lang: Mapped[str] = mapped_column(sa.String(8), default="nl")
    # CNIL-style evaluations of the parts (status, comments, re-rated gauges), kept as given
    evaluations: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    # what an import could not place elsewhere, kept so that an export loses nothing
    extra: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)

    case: Mapped[ReviewCase] = relationship()
    created_by: Mapped[User | None] = relationship()
    sections: Mapped[list[DpiaSection]] = relationship(
        back_populates="dpia", cascade="all, delete-orphan"
    )
    answers: Mapped[list[DpiaAnswer]] = relationship(
        back_populates="dpia", cascade="all, delete-orphan"
    )
    risks: Mapped[list[DpiaRisk]] = relationship(
        back_populates="dpia", cascade="all, delete-orphan", order_by="DpiaRisk.position"
    )
    measures: Mapped[list[DpiaMeasure]] = relationship(
        back_populates="dpia", cascade="all, delete-orphan", order_by="DpiaMeasure.position"
    )


class DpiaSection(db.Model):
    """A section's edit counter: saving with a stale version is a conflict, never an overwrite."""

    __tablename__ = "dpia_sections"
    __table_args__ = (sa.UniqueConstraint("dpia_id", "section_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dpia_id: Mapped[int] = mapped_column(sa.ForeignKey("dpias.id", ondelete="CASCADE"))
    section_id: Mapped[str] = mapped_column(sa.String(60))
    version: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime | None]
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    dpia: Mapped[Dpia] = relationship(back_populates="sections")
    updated_by: Mapped[User | None] = relationship()


class DpiaAnswer(db.Model):
    """The answer to one template question, with who wrote it and when, and a note."""

    __tablename__ = "dpia_answers"
    __table_args__ = (sa.UniqueConstraint("dpia_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dpia_id: Mapped[int] = mapped_column(sa.ForeignKey("dpias.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(sa.String(80))
    text: Mapped[str] = mapped_column(sa.Text, default="")
    # a code, or several codes for a multiple choice question
    choice: Mapped[Any] = mapped_column(JSONType, nullable=True)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    author_name: Mapped[str | None] = mapped_column(sa.String(200))  # imported authors
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    extra: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)

    dpia: Mapped[Dpia] = relationship(back_populates="answers")
    author: Mapped[User | None] = relationship()


class DpiaRisk(db.Model):
    """One risk for the people concerned, before and after its measures (levels 1-4)."""

    __tablename__ = "dpia_risks"

    id: Mapped[int] = mapped_column(primary_key=True)
    dpia_id: Mapped[int] = mapped_column(sa.ForeignKey("dpias.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(sa.String(80))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    source: Mapped[str] = mapped_column(sa.Text, default="")
    affected: Mapped[str] = mapped_column(sa.Text, default="")
    feared_event: Mapped[str] = mapped_column(sa.String(40), default="other")
    likelihood: Mapped[int] = mapped_column(default=2)
    severity: Mapped[int] = mapped_column(default=2)
    residual_likelihood: Mapped[int | None]
    residual_severity: Mapped[int | None]
    extra: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)

    dpia: Mapped[Dpia] = relationship(back_populates="risks")
    measures: Mapped[list[DpiaMeasure]] = relationship(
        secondary=risk_measures, back_populates="risks", order_by="DpiaMeasure.position"
    )


class DpiaMeasure(db.Model):
    """A measure against one or more risks, with an owner and a due date."""

    __tablename__ = "dpia_measures"

    id: Mapped[int] = mapped_column(primary_key=True)
    dpia_id: Mapped[int] = mapped_column(sa.ForeignKey("dpias.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(sa.String(80))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(sa.String(300))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    owner: Mapped[str] = mapped_column(sa.String(200), default="")
    due_date: Mapped[date | None]
    status: Mapped[str | None] = mapped_column(sa.String(20), default="proposed")
    extra: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)

    dpia: Mapped[Dpia] = relationship(back_populates="measures")
    risks: Mapped[list[DpiaRisk]] = relationship(
        secondary=risk_measures, back_populates="measures", order_by="DpiaRisk.position"
    )
