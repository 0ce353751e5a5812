"""Writing to the audit trail."""

from __future__ import annotations

from typing import Any

from ethicsdesk.audit.models import AuditAction, AuditEntry
from ethicsdesk.auth.models import User
from ethicsdesk.extensions import db


def record(
    case: Any,
    actor: User | None,
    action: AuditAction,
    *,
    from_status: str | None = None,
    to_status: str | None = None,
    reason: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry; callers record every state change and override through here."""
    entry = AuditEntry(
        case_id=case.id if case is not None else None,
        actor_id=actor.id if actor is not None else None,
        action=action,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        details=details or {},
    )
    db.session.add(entry)
    db.session.flush()
    return entry
