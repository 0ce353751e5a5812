"""Everything the case page shows, prepared in Python so the template only displays it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_login import current_user

from dpia_templates import load_vocabulary
from ethicsdesk.attachments.queries import attachments_of
from ethicsdesk.audit.models import AuditAction, AuditEntry
from ethicsdesk.audit.queries import entries_for_case
from ethicsdesk.core.enums import LabelledEnum
from ethicsdesk.core.i18n import pick
from ethicsdesk.core.permissions import Permission, can
from ethicsdesk.publications.models import Adherence, ConditionStatus
from ethicsdesk.reviews.forms import AttachmentForm, MessageForm, OverrideForm, TransitionForm
from ethicsdesk.reviews.models import CaseStatus, ReviewCase
from ethicsdesk.reviews.operations import EDITABLE, allowed_transitions
from ethicsdesk.reviews.screening import conclusions, is_blocking, trigger_text


@dataclass(frozen=True)
class FindingView:
    """One rule that applied, in the reader's language, with the answers that triggered it."""

    title: str
    explanation: str
    reference: str
    triggers: list[str]
    conclusion: Any = None


def _finding(raw: dict[str, Any], conclusion: Any = None) -> FindingView:
    return FindingView(
        title=pick(raw["title"]),
        explanation=pick(raw["explanation"]),
        reference=raw.get("reference", ""),
        triggers=[trigger_text(t) for t in raw.get("triggers", [])],
        conclusion=conclusion,
    )


def screening_view(case: ReviewCase) -> dict[str, Any] | None:
    """The stored screening as readable sections, with the committee's overrides applied."""
    if not case.screening:
        return None
    raw = case.screening
    by_key = {c.key: c for c in conclusions(case)}
    vocabulary = load_vocabulary()
    questions = {**vocabulary.lists, **vocabulary.facts, **vocabulary.numbers}
    return {
        "dpia": by_key["dpia"],
        "dpia_summary": [pick(line) for line in raw["dpia"]["summary"]],
        "dpia_reasons": [_finding(reason) for reason in raw["dpia"]["reasons"]],
        "ai_act": by_key["ai_act"],
        "ai_findings": [_finding(finding) for finding in raw["ai_act"]["findings"]],
        "duties": [
            {
                "title": pick(duty["title"]),
                "explanation": pick(duty["explanation"]),
                "reference": duty["reference"],
                "applies_from": duty.get("applies_from"),
            }
            for duty in raw["ai_act"]["duties"]
        ],
        "flags": [_finding(f, by_key[f"flag:{f['rule_id']}"]) for f in raw["flags"]],
        "template": pick(raw["suggested_template"]["name"]),
        "template_reason": pick(raw["suggested_template"]["reason"]),
        "unanswered": [
            pick(questions[name].label) for name in raw["unanswered"] if name in questions
        ],
        "blocking": is_blocking(case),
        "overrides": [c for c in by_key.values() if c.overridden],
        "conclusions": list(by_key.values()),
        "ruleset": raw.get("ruleset", ""),
    }


def case_page_context(case: ReviewCase, **forms: Any) -> dict[str, Any]:
    """Template context of the case page; a bound form passed in keeps its errors."""
    user = current_user._get_current_object()
    case_conclusions = conclusions(case)
    transitions = [
        (t, forms["failed_transition"] if _is_failed(forms, t.name) else _fresh_transition_form(t))
        for t in allowed_transitions(case, user)
    ]
    can_discuss = can(user, Permission.CASE_DISCUSS, case) and case.status not in (
        CaseStatus.DRAFT,
        CaseStatus.WITHDRAWN,
    )
    return {
        "case": case,
        "screening": screening_view(case),
        "timeline": entries_for_case(case),
        "attachments": attachments_of(case),
        "transitions": transitions,
        "can_edit": case.status in EDITABLE and can(user, Permission.CASE_EDIT, case),
        "is_requester": case.is_owned_by(user),
        "can_see_dpia": can(user, Permission.DPIA_VIEW, case)
        and case.status is not CaseStatus.DRAFT,
        "can_see_compass": can(user, Permission.COMPASS_VIEW, case)
        and case.status is not CaseStatus.DRAFT,
        "answers": answer_sections(case),
        "steps": progress_steps(case),
        **_advisory_links(case, user),
        "override_form": (
            forms.get("override_form") or OverrideForm(conclusions=case_conclusions)
            if can(user, Permission.SCREENING_OVERRIDE, case) and case_conclusions
            else None
        ),
        "message_form": (forms.get("message_form") or MessageForm()) if can_discuss else None,
        "attachment_form": (
            (forms.get("attachment_form") or AttachmentForm())
            if can(user, Permission.CASE_DISCUSS, case) and case.status is not CaseStatus.WITHDRAWN
            else None
        ),
    }


def _fresh_transition_form(transition: Any) -> TransitionForm:
    """A form for one move that ignores what was posted for another move."""
    return TransitionForm(formdata=None, data={"transition": transition.name})


def _is_failed(forms: dict[str, Any], name: str) -> bool:
    failed = forms.get("failed_transition")
    return failed is not None and failed.transition.data == name


def answer_sections(case: ReviewCase) -> list[tuple[Any, list[tuple[str, str]]]]:
    """The request's answers as labelled text, section by section, the way the form asked them."""
    from ethicsdesk.reviews.request_form import SECTIONS, ReviewRequestForm, form_data_from_case

    form = ReviewRequestForm(formdata=None, data=form_data_from_case(case), schools=case.schools)
    sections = []
    for title, names in SECTIONS:
        rows = []
        for name in names:
            field = form[name]
            rows.append((str(field.label.text), _display(field)))
        sections.append((title, rows))
    return sections


def _display(field: Any) -> str:
    """A field's answer as a reader sees it; "—" when not answered."""
    data = field.data
    if hasattr(field, "choices") and field.choices:
        labels = {str(choice.value): str(choice.label) for choice in field.choices}
        values = data if isinstance(data, list) else [data]
        shown = [labels.get(str(value), str(value)) for value in values if value not in ("", None)]
        return ", ".join(shown) or "—"
    if data in (None, ""):
        return "—"
    return str(data)


MAIN_PATH = (
    CaseStatus.DRAFT,
    CaseStatus.SUBMITTED,
    CaseStatus.TRIAGE,
    CaseStatus.IN_REVIEW,
    CaseStatus.IN_DELIBERATION,
    CaseStatus.ADVISED,
)


def progress_steps(case: ReviewCase) -> list[dict[str, Any]]:
    """The main path with done / current / to-do marks, so a requester sees where the case is."""
    current = case.status
    if current is CaseStatus.POSTPONED:
        current = case.status_before_postponement or CaseStatus.TRIAGE
    position = MAIN_PATH.index(current) if current in MAIN_PATH else -1
    steps = []
    for index, status in enumerate(MAIN_PATH):
        state = "done" if index < position else "current" if index == position else "todo"
        steps.append({"label": status.label, "state": state})
    return steps


def _advisory_links(case: ReviewCase, user: Any) -> dict[str, Any]:
    """The case's advisories this user may see, and whether they may start one."""
    from ethicsdesk.advisories.models import AdvisoryStatus
    from ethicsdesk.advisories.queries import advisories_of_case

    versions = advisories_of_case(case)
    visible = [
        a for a in versions
        if a.status is not AdvisoryStatus.DRAFT or not case.is_owned_by(user)
    ]  # fmt: skip
    in_progress = any(a.status is not AdvisoryStatus.SIGNED for a in versions)
    return {
        "advisories": visible,
        "can_draft_advisory": can(user, Permission.CASE_MANAGE, case)
        and case.status is CaseStatus.IN_DELIBERATION
        and not in_progress,
    }


# The statuses an audit entry names come from its action's vocabulary; a case's by default.
STATUS_VOCABULARIES: dict[AuditAction, type[LabelledEnum]] = {
    AuditAction.CONDITION_STATUS: ConditionStatus,
    AuditAction.ADHERENCE_RECORDED: Adherence,
}


def status_change(entry: AuditEntry) -> str:
    """'before → after' in the reader's language; a follow-up statement also shows its first."""
    own = STATUS_VOCABULARIES.get(entry.action)
    words = own or CaseStatus
    if entry.from_status and entry.to_status:
        return f"{_label(words, entry.from_status)} → {_label(words, entry.to_status)}"
    if entry.to_status and own is not None:
        return _label(own, entry.to_status)
    return ""


def _label(vocabulary: type[LabelledEnum], value: str) -> str:
    try:
        return str(vocabulary(value).label)
    except ValueError:  # a value no longer in the vocabulary: shown as it was stored
        return value
