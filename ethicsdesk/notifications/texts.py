"""Render a notification in the reader's language, for the page and for e-mail."""

from __future__ import annotations

from typing import Any

from ethicsdesk.notifications.models import TEXTS, NotificationKind
from ethicsdesk.reviews.models import CaseStatus


def render_text(kind: NotificationKind, case_title: str, params: dict[str, Any]) -> str:
    """The sentence for one notification; statuses are translated at reading time."""
    status = params.get("status")
    status_label = str(CaseStatus(status).label) if status else ""
    return str(TEXTS[kind]) % {"case": case_title, "status": status_label}
