"""The association that runs the ethics committee, and the schools whose technology it reviews."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ethicsdesk.core.db import utcnow
from ethicsdesk.extensions import db


class Organisation(db.Model):
    """A school board (schoolbestuur or vereniging) with its own ethics committee."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    schools: Mapped[list[School]] = relationship(
        back_populates="organisation", order_by="School.name"
    )

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r}>"


class School(db.Model):
    """A school of the association; review requests name the schools they concern."""

    __tablename__ = "schools"
    __table_args__ = (sa.UniqueConstraint("organisation_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    brin: Mapped[str | None] = mapped_column(sa.String(8), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="schools")

    def __repr__(self) -> str:
        return f"<School {self.id} {self.name!r}>"
