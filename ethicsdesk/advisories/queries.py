"""Reading advisories and their archive entries."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from ethicsdesk.advisories.models import Advisory, ArchiveEntry, SignatureVerdict
from ethicsdesk.deliberation.models import MeetingItem
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import ReviewCase
from ethicsdesk.signing.report import VerificationReport, report_from_dict


def advisories_of_case(case: ReviewCase) -> list[Advisory]:
    """Every version of the case's advisory, newest first."""
    return list(
        db.session.scalars(
            sa.select(Advisory).where(Advisory.case_id == case.id).order_by(Advisory.id.desc())
        )
    )


def advisory_of_case(case: ReviewCase, advisory_id: int) -> Advisory | None:
    """One advisory, only if it belongs to this case."""
    return db.session.scalar(
        sa.select(Advisory).where(Advisory.id == advisory_id, Advisory.case_id == case.id)
    )


def archive_entry_of(advisory: Advisory) -> ArchiveEntry | None:
    return db.session.scalar(sa.select(ArchiveEntry).where(ArchiveEntry.advisory_id == advisory.id))


def decided_item(case: ReviewCase) -> MeetingItem | None:
    """The latest meeting item in which the committee decided on the case."""
    return db.session.scalar(
        sa.select(MeetingItem)
        .where(MeetingItem.case_id == case.id, MeetingItem.outcome.is_not(None))
        .order_by(MeetingItem.decided_at.desc())
        .limit(1)
    )


def kept_report(sha256: str, trust_digest: str, now: datetime) -> VerificationReport | None:
    """The report recorded when the PDF was archived, if it still holds (same trust, no expiry)."""
    verdict = db.session.get(SignatureVerdict, (sha256, trust_digest))
    if verdict is None or (verdict.valid_until is not None and verdict.valid_until <= now):
        return None
    return report_from_dict(verdict.report)
