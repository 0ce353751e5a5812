"""A signed advisory's publication: who may see it, and whether it was retracted."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ethicsdesk.advisories.models import Advisory, AdvisoryCondition
from ethicsdesk.auth.models import User
from ethicsdesk.core.db import EnumText, utcnow
from ethicsdesk.core.enums import LabelledEnum, labels
from ethicsdesk.extensions import db


class Visibility(LabelledEnum):
    """Internal: every signed-in staff member; public: anyone, without login."""

    INTERNAL = "internal"
    PUBLIC = "public"


VISIBILITY_LABELS = labels(
    Visibility,
    {
        Visibility.INTERNAL: _l("Internal (all staff)"),
        Visibility.PUBLIC: _l("Public (anyone)"),
    },
)


class Publication(db.Model):
    """One published advisory version; a retracted one stays, marked with its reason.

    ``search_text`` is the folded, punctuation-free document both search engines index
    (SQLite FTS5 table ``publication_fts``; PostgreSQL GIN index on its tsvector).
    """

    __tablename__ = "publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    advisory_id: Mapped[int] = mapped_column(sa.ForeignKey("advisories.id"), unique=True)
    visibility: Mapped[Visibility] = mapped_column(EnumText(Visibility), index=True)
    published_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    published_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    superseded: Mapped[bool] = mapped_column(default=False)
    retracted_at: Mapped[datetime | None]
    retracted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    retraction_reason: Mapped[str | None] = mapped_column(sa.Text)
    search_text: Mapped[str] = mapped_column(sa.Text, default="")

    advisory: Mapped[Advisory] = relationship()
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])
    retracted_by: Mapped[User | None] = relationship(foreign_keys=[retracted_by_id])
    # written with Core in operations.publish (delete + insert), read through this
    concerns: Mapped[list[PublicationValue]] = relationship(
        viewonly=True, order_by="PublicationValue.value_id"
    )

    @property
    def retracted(self) -> bool:
        return self.retracted_at is not None

    @property
    def values_of_concern(self) -> list[str]:
        """Value ids the committee's assessment flagged (see publications/concerns.py)."""
        return [row.value_id for row in self.concerns]


class Adherence(LabelledEnum):
    """Whether the school followed the committee's advice."""

    FOLLOWED = "followed"
    PARTLY = "partly"
    NOT_FOLLOWED = "not_followed"


ADHERENCE_LABELS = labels(
    Adherence,
    {
        Adherence.FOLLOWED: _l("Followed"),
        Adherence.PARTLY: _l("Partly followed"),
        Adherence.NOT_FOLLOWED: _l("Not followed"),
    },
)


class FollowUp(db.Model):
    """What the school did with an advisory, as last recorded by the committee."""

    __tablename__ = "advisory_follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    advisory_id: Mapped[int] = mapped_column(sa.ForeignKey("advisories.id"), unique=True)
    adherence: Mapped[Adherence] = mapped_column(EnumText(Adherence))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    advisory: Mapped[Advisory] = relationship()
    recorded_by: Mapped[User | None] = relationship()


class PublicationValue(db.Model):
    """A compass value the committee's assessment flagged for a publication (catalogue filter).

    Filled by ``operations.publish`` from ``concerns.values_of_concern``; the bulk demo generator
    inserts rows directly, so keep the table name and columns stable.
    """

    __tablename__ = "publication_values"

    publication_id: Mapped[int] = mapped_column(
        sa.ForeignKey("publications.id", ondelete="CASCADE"), primary_key=True
    )
    value_id: Mapped[str] = mapped_column(sa.String(60), primary_key=True, index=True)


class ConditionStatus(LabelledEnum):
    """How far a condition of a signed advisory has been met, as last recorded."""

    OPEN = "open"
    MET = "met"
    NOT_MET = "not_met"


CONDITION_STATUS_LABELS = labels(
    ConditionStatus,
    {
        ConditionStatus.OPEN: _l("Open"),
        ConditionStatus.MET: _l("Met"),
        ConditionStatus.NOT_MET: _l("Not met"),
    },
)


class ConditionCheck(db.Model):
    """The latest recorded status of one condition; kept apart because the advisory is signed."""

    __tablename__ = "condition_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    condition_id: Mapped[int] = mapped_column(sa.ForeignKey("advisory_conditions.id"), unique=True)
    status: Mapped[ConditionStatus] = mapped_column(EnumText(ConditionStatus))
    note: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    condition: Mapped[AdvisoryCondition] = relationship()
    recorded_by: Mapped[User | None] = relationship()


class CatalogueState(db.Model):
    """One row whose version changes with every publication or retraction.

    Every instance compares it (one primary-key read) before reusing a rendered catalogue page,
    so a retraction shows everywhere with the next request, on any number of instances.
    """

    __tablename__ = "catalogue_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(default=0)
