"""Writes for review cases."""

from __future__ import annotations

from ethicsdesk.auth.models import User
from ethicsdesk.core.db import utcnow
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import CaseStatus, ReviewCase


def submit_request(requester: User, title: str, vendor: str, purpose: str) -> ReviewCase:
    """File a review request from procurement; it lands in the committee's queue."""
    case = ReviewCase(
        organisation_id=requester.organisation_id,
        requester=requester,
        title=title.strip(),
        vendor=vendor.strip(),
        purpose=purpose.strip(),
        status=CaseStatus.SUBMITTED,
        submitted_at=utcnow(),
    )
    db.session.add(case)
    db.session.flush()
    return case
