"""An advisory, its conditions, signatures and archive entries; a signed one is never edited."""

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
from ethicsdesk.deliberation.models import MeetingItem
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import ReviewCase


class AdvisoryStatus(LabelledEnum):
    """Draft while written, signing once frozen, signed when every required signer signed."""

    DRAFT = "draft"
    SIGNING = "signing"
    SIGNED = "signed"
    SUPERSEDED = "superseded"


STATUS_LABELS = labels(
    AdvisoryStatus,
    {
        AdvisoryStatus.DRAFT: _l("Draft"),
        AdvisoryStatus.SIGNING: _l("Awaiting signatures"),
        AdvisoryStatus.SIGNED: _l("Signed"),
        AdvisoryStatus.SUPERSEDED: _l("Superseded"),
    },
)


class Outcome(enum.StrEnum):
    """The advisory's conclusion."""

    FAVOURABLE = "favourable"
    FAVOURABLE_WITH_CONDITIONS = "favourable_with_conditions"
    POSTPONED = "postponed"
    UNFAVOURABLE = "unfavourable"


OUTCOME_LABELS = {
    Outcome.FAVOURABLE: _l("Favourable"),
    Outcome.FAVOURABLE_WITH_CONDITIONS: _l("Favourable with conditions"),
    Outcome.POSTPONED: _l("Postponed: more information needed"),
    Outcome.UNFAVOURABLE: _l("Unfavourable"),
}


class Advisory(db.Model):
    """One version of the committee's advisory on a case (number + version is unique)."""

    __tablename__ = "advisories"
    __table_args__ = (sa.UniqueConstraint("number", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("review_cases.id"), index=True)
    number: Mapped[str] = mapped_column(sa.String(20), index=True)
    version: Mapped[int] = mapped_column(default=1)
    supersedes_id: Mapped[int | None] = mapped_column(sa.ForeignKey("advisories.id"))
    status: Mapped[AdvisoryStatus] = mapped_column(
        EnumText(AdvisoryStatus), default=AdvisoryStatus.DRAFT
    )
    lang: Mapped[str] = mapped_column(sa.String(8), default="nl")
    title: Mapped[str] = mapped_column(sa.String(300))
    outcome: Mapped[Outcome] = mapped_column(EnumText(Outcome))
    reasons: Mapped[str] = mapped_column(sa.Text, default="")
    public_summary: Mapped[str] = mapped_column(sa.Text, default="")
    re_evaluation_date: Mapped[date | None]
    meeting_item_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meeting_items.id"))
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # frozen at "ready for signing": what the PDF was rendered from, and its hash before signing
    content: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    unsigned_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    signature_boxes: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONType)
    working_pdf: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    issued_on: Mapped[date | None]
    signed_at: Mapped[datetime | None]

    case: Mapped[ReviewCase] = relationship()
    created_by: Mapped[User | None] = relationship()
    supersedes: Mapped[Advisory | None] = relationship(remote_side=[id])
    meeting_item: Mapped[MeetingItem | None] = relationship()
    conditions: Mapped[list[AdvisoryCondition]] = relationship(
        back_populates="advisory",
        cascade="all, delete-orphan",
        order_by="AdvisoryCondition.position",
    )
    signatures: Mapped[list[AdvisorySignature]] = relationship(
        back_populates="advisory", order_by="AdvisorySignature.signed_at"
    )

    @property
    def reference(self) -> str:
        """How people cite it: EC-2026-007 v2."""
        return f"{self.number} v{self.version}"


class AdvisoryCondition(db.Model):
    """A condition attached to a favourable advisory: what, who, by when, and how it is checked."""

    __tablename__ = "advisory_conditions"

    id: Mapped[int] = mapped_column(primary_key=True)
    advisory_id: Mapped[int] = mapped_column(
        sa.ForeignKey("advisories.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    text: Mapped[str] = mapped_column(sa.Text)
    owner: Mapped[str] = mapped_column(sa.String(200), default="")
    due_date: Mapped[date | None]
    how_checked: Mapped[str] = mapped_column(sa.Text, default="")

    advisory: Mapped[Advisory] = relationship(back_populates="conditions")


class AdvisorySignature(db.Model):
    """Who signed which field of an advisory, when, with which certificate."""

    __tablename__ = "advisory_signatures"
    __table_args__ = (sa.UniqueConstraint("advisory_id", "field_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    advisory_id: Mapped[int] = mapped_column(sa.ForeignKey("advisories.id"), index=True)
    signer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    role: Mapped[str] = mapped_column(sa.String(32))
    field_name: Mapped[str] = mapped_column(sa.String(60))
    certificate_sha256: Mapped[str] = mapped_column(sa.String(64))
    signed_at: Mapped[datetime] = mapped_column(default=utcnow)

    advisory: Mapped[Advisory] = relationship(back_populates="signatures")
    signer: Mapped[User] = relationship()


class ArchiveEntry(db.Model):
    """A signed PDF in the write-once archive; each entry chains the hash of the one before."""

    __tablename__ = "archive_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    advisory_id: Mapped[int] = mapped_column(sa.ForeignKey("advisories.id"), unique=True)
    sha256: Mapped[str] = mapped_column(sa.String(64), unique=True)
    size: Mapped[int]
    previous_chain_hash: Mapped[str] = mapped_column(sa.String(64))
    chain_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # the PDF itself in the embedded setup; with object storage it stays here until stored there
    content: Mapped[bytes | None] = mapped_column(sa.LargeBinary)
    storage_key: Mapped[str | None] = mapped_column(sa.String(255))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    advisory: Mapped[Advisory] = relationship()


class SignatureVerdict(db.Model):
    """What checking an archived PDF's signatures found, under given trust anchors.

    Checked when the PDF is archived, so showing an advisory never needs the validator
    (pyHanko, 20 MiB per worker); it holds until a certificate it relied on expires
    (``valid_until``) and only for the trust anchors it was checked with (``trust_digest``).
    """

    __tablename__ = "signature_verdicts"

    sha256: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    trust_digest: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    report: Mapped[dict[str, Any]] = mapped_column(JSONType)
    valid_until: Mapped[datetime | None]
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)


class SignerCertificate(db.Model):
    """The certificate the association issued to a user who signs advisories."""

    __tablename__ = "signer_certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    key_id: Mapped[str] = mapped_column(sa.String(100), unique=True)
    serial: Mapped[str] = mapped_column(sa.String(60))
    sha256: Mapped[str] = mapped_column(sa.String(64), unique=True)
    not_after: Mapped[datetime]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()
