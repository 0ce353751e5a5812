"""Reading a case's documents."""

from __future__ import annotations

import sqlalchemy as sa

from ethicsdesk.attachments.models import Attachment
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import ReviewCase


def attachments_of(case: ReviewCase) -> list[Attachment]:
    """The case's documents in upload order."""
    return list(
        db.session.scalars(
            sa.select(Attachment)
            .where(Attachment.case_id == case.id)
            .order_by(Attachment.created_at, Attachment.id)
        )
    )


def attachment_of_case(case: ReviewCase, attachment_id: int) -> Attachment | None:
    """One document, only if it belongs to this case (ids alone never grant access)."""
    return db.session.scalar(
        sa.select(Attachment).where(Attachment.id == attachment_id, Attachment.case_id == case.id)
    )
