"""Bringing a DPIA made in the CNIL PIA tool into EthicsDesk as a case under review."""

from __future__ import annotations

from typing import Any

from ethicsdesk.audit.models import AuditAction
from ethicsdesk.audit.operations import record
from ethicsdesk.auth.models import User
from ethicsdesk.core.db import utcnow
from ethicsdesk.dpia.documents import create_from_document, document_from_cnil
from ethicsdesk.dpia.models import Dpia
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import CaseStatus, ReviewCase


def import_cnil_case(
    actor: User, data: dict[str, Any], template_id: str
) -> tuple[ReviewCase, Dpia]:
    """Create a case in review with the imported DPIA; the CNIL file's details are all kept."""
    document = document_from_cnil(data, template_id)
    pia = data.get("pia", {})
    now = utcnow()
    case = ReviewCase(
        organisation_id=actor.organisation_id,
        requester=actor,
        title=(pia.get("name") or "CNIL PIA")[:200],
        vendor="",
        purpose=(pia.get("name") or "")[:5000] or "CNIL PIA",
        category=template_id,
        answers={},
        status=CaseStatus.IN_REVIEW,
        submitted_at=now,
        status_changed_at=now,
    )
    db.session.add(case)
    db.session.flush()
    dpia = create_from_document(case, actor, document)
    record(case, actor, AuditAction.DPIA_IMPORTED, to_status=case.status.value,
           details={"source": "cnil", "template": template_id})  # fmt: skip
    return case, dpia
