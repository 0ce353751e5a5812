"""What the advisory pages show, and the form ↔ operation conversions."""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from ethicsdesk.advisories import operations, queries
from ethicsdesk.advisories.forms import SignForm
from ethicsdesk.advisories.models import OUTCOME_LABELS, Advisory, AdvisoryStatus, Outcome
from ethicsdesk.advisories.operations import AdvisoryInput, ConditionInput
from ethicsdesk.core.i18n import current_language
from ethicsdesk.core.permissions import Permission, can
from ethicsdesk.deliberation.models import MeetingItem, Position
from ethicsdesk.publications.page import publishing_context
from ethicsdesk.reviews.models import ReviewCase

DECISION_TO_OUTCOME = {
    Position.FAVOURABLE: Outcome.FAVOURABLE,
    Position.FAVOURABLE_WITH_CONDITIONS: Outcome.FAVOURABLE_WITH_CONDITIONS,
    Position.POSTPONE: Outcome.POSTPONED,
    Position.UNFAVOURABLE: Outcome.UNFAVOURABLE,
}


def draft_data(case: ReviewCase, item: MeetingItem | None) -> dict[str, Any]:
    """A new draft pre-filled from the case and the committee's decision."""
    outcome = DECISION_TO_OUTCOME.get(item.outcome) if item and item.outcome else None
    reasons = (
        "\n".join(f"- {v.member.name}: {v.reasons}" for v in item.votes if v.reasons)
        if item
        else ""
    )
    return {
        "title": f"Advies over {case.title}"
        if current_language() == "nl"
        else f"Advisory on {case.title}",
        "lang": current_language(),
        "outcome": (outcome or Outcome.FAVOURABLE_WITH_CONDITIONS).value,
        "reasons": reasons,
    }


def form_input(form: Any) -> AdvisoryInput:
    """The drafting form as plain data; empty condition rows are dropped."""
    return AdvisoryInput(
        title=form.title.data, outcome=Outcome(form.outcome.data), reasons=form.reasons.data,
        public_summary=form.public_summary.data, re_evaluation_date=form.re_evaluation_date.data,
        lang=form.lang.data,
        conditions=[ConditionInput(text=c["text"], owner=c["owner"] or "", due_date=c["due_date"],
                                   how_checked=c["how_checked"] or "")
                    for c in form.conditions.data if c["text"]],
    )  # fmt: skip


def advisory_context(case: ReviewCase, advisory: Advisory, sign_form: Any = None) -> dict[str, Any]:
    """The advisory page: text, conditions, signatures and the actions this user may take."""
    user = current_user._get_current_object()
    manage = can(user, Permission.CASE_MANAGE, case)
    waiting_for_me = (
        manage and advisory.status is AdvisoryStatus.SIGNING
        and operations.open_field_for(advisory, user) is not None
    )  # fmt: skip
    return {
        "case": case,
        "advisory": advisory,
        "outcome_label": OUTCOME_LABELS[advisory.outcome],
        "versions": queries.advisories_of_case(case),
        "entry": queries.archive_entry_of(advisory),
        "can_edit": manage and advisory.status is AdvisoryStatus.DRAFT,
        "can_new_version": manage and advisory.status is AdvisoryStatus.SIGNED,
        "sign_form": (sign_form or SignForm(user=user)) if waiting_for_me else None,
        "boxes": advisory.signature_boxes or [],
        "signed_fields": {s.field_name: s for s in advisory.signatures},
        "publishing": publishing_context(user, advisory),
    }
