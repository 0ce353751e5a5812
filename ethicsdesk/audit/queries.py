"""Reading the audit trail."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from ethicsdesk.audit.models import AuditAction, AuditEntry
from ethicsdesk.extensions import db


def entries_for_case(case: Any, actions: tuple[AuditAction, ...] | None = None) -> list[AuditEntry]:
    """The case's history, oldest first."""
    query = (
        sa.select(AuditEntry)
        .options(joinedload(AuditEntry.actor))
        .where(AuditEntry.case_id == case.id)
        .order_by(AuditEntry.created_at, AuditEntry.id)
    )
    if actions:
        query = query.where(AuditEntry.action.in_([a.value for a in actions]))
    return list(db.session.scalars(query))
