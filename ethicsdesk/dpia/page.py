"""What the DPIA pages show, prepared in Python: progress, questions with answers, risk maps."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup

from dpia_templates.dpia.model import DpiaTemplate
from dpia_templates.dpia.risk import risk_level, risk_table
from dpia_templates.dpia.riskmap import risk_map_svg
from dpia_templates.dpia.templates import load_templates
from ethicsdesk.core.i18n import current_language, pick
from ethicsdesk.core.markup import render_text
from ethicsdesk.core.permissions import Permission, can
from ethicsdesk.dpia import queries
from ethicsdesk.dpia.forms import (
    DPO_STATUSES,
    FEARED_EVENTS,
    answer_field_name,
    note_field_name,
)
from ethicsdesk.dpia.models import Dpia
from ethicsdesk.reviews.models import ReviewCase


def _suggested_template(case: ReviewCase) -> str:
    """The template the screening suggests, else the case's category, else the general one."""
    if case.screening:
        return case.screening["suggested_template"]["category"]
    return case.category or "other"


def overview_context(case: ReviewCase, dpia: Dpia | None) -> dict[str, Any]:
    """The DPIA overview: start form, or progress, answers, register, maps and opinions."""
    user = current_user._get_current_object()
    context: dict[str, Any] = {
        "case": case,
        "dpia": dpia,
        "can_edit": can(user, Permission.DPIA_EDIT, case),
    }
    if dpia is None:
        suggested = _suggested_template(case)
        templates = load_templates()
        context["template_choices"] = [
            (t.id, pick(t.title), t.id == suggested) for t in templates.values()
        ]
        return context
    template = queries.template_of(dpia)
    answers = queries.answers_by_question(dpia)
    progress = queries.progress(dpia, template)
    total = sum(p.total for p in progress)
    done = sum(p.answered for p in progress)
    context.update(
        template_title=pick(template.title),
        template_outdated=template.version != dpia.template_version,
        progress={p.section_id: p for p in progress},
        overall=(done, total, round(100 * done / total) if total else 100),
        sections=[_section_view(section, answers, dpia) for section in template.sections],
        risks=_risk_rows(dpia),
        maps=_risk_maps(dpia),
    )
    context.update(_opinions_view(dpia))
    return context


def _opinions_view(dpia: Dpia) -> dict[str, Any]:
    """The opinions part of the overview, with the art. 36 conclusion and the judgement on it."""
    opinions = dpia.opinions or {}
    dpo = opinions.get("dpo") or {}
    judgement = opinions.get("prior_consultation") or {}
    computed = queries.prior_consultation(dpia)
    needed = judgement.get("needed")
    return {
        "consultation": computed,
        "judgement": {"needed": needed, "motivation": judgement.get("motivation")},
        "consultation_required": computed.required if needed is None else needed,
        "dpo": dpo,
        "dpo_status_label": next(
            (str(c.label) for c in DPO_STATUSES if c.value == dpo.get("status")), ""
        ),
        "dpo_opinion_html": render_text(dpo.get("opinion"), dpia.text_format),
        "subjects": opinions.get("data_subjects") or {},
    }


def _section_view(section: Any, answers: dict[str, Any], dpia: Dpia) -> dict[str, Any]:
    questions = []
    for question in section.questions:
        answer = answers.get(question.id)
        shown = ""
        if answer is not None:
            text = answer.text or _choice_label(question, answer.choice)
            shown = render_text(text, dpia.text_format)
        questions.append({"label": pick(question.label), "answer": answer, "html": shown})
    return {"id": section.id, "title": pick(section.title), "questions": questions}


def _choice_label(question: Any, code: str | None) -> str:
    return next((pick(c.label) for c in question.choices if c.code == code), code or "")


RISK_LEVEL_LABELS = {"low": _l("low"), "medium": _l("medium"), "high": _l("high")}


def _risk_rows(dpia: Dpia) -> list[dict[str, Any]]:
    rows = []
    for number, risk in enumerate(dpia.risks, start=1):
        residual = None
        if risk.residual_severity and risk.residual_likelihood:
            residual = risk_level(risk.residual_severity, risk.residual_likelihood).value
        rows.append(
            {
                "number": number,
                "risk": risk,
                "event": FEARED_EVENTS.get(risk.feared_event, risk.feared_event),
                "level": risk_level(risk.severity, risk.likelihood).value,
                "residual_level": residual,
                "level_label": RISK_LEVEL_LABELS[risk_level(risk.severity, risk.likelihood).value],
                "residual_label": RISK_LEVEL_LABELS.get(residual or "", ""),
            }
        )
    return rows


def _risk_maps(dpia: Dpia) -> list[dict[str, Any]]:
    """The heat maps before and after the measures, each with its text table."""
    lang = current_language()
    points = queries.risk_points(dpia)
    maps = []
    for residual, title in ((False, _("Before the measures")), (True, _("After the measures"))):
        svg = risk_map_svg(points, title, lang, residual=residual,
                           id_prefix="residual" if residual else "inherent")  # fmt: skip
        maps.append({"title": title, "svg": Markup(svg), "residual": residual})  # noqa: S704
    return maps


def risk_table_rows(dpia: Dpia) -> list[Any]:
    """Rows of the accessible table beside the risk maps."""
    return risk_table(queries.risk_points(dpia), current_language())


def section_data(dpia: Dpia, template: DpiaTemplate, section_id: str, version: int) -> dict:
    """Pre-fill a section form from the stored answers."""
    answers = queries.answers_by_question(dpia)
    data: dict[str, Any] = {"version": str(version)}
    for question in template.section(section_id).questions:
        answer = answers.get(question.id)
        if answer is not None:
            data[answer_field_name(question.id)] = answer.choice or answer.text
            data[note_field_name(question.id)] = answer.note
    return data


def editor_context(
    case: ReviewCase,
    dpia: Dpia,
    template: DpiaTemplate,
    section_id: str,
    form: Any,
    conflict: Any = None,
) -> dict[str, Any]:
    """The section editor: each question with its guidance, answer and note fields."""
    section = template.section(section_id)
    answers = queries.answers_by_question(dpia)
    questions = []
    for question in section.questions:
        stored = answers.get(question.id)
        theirs = conflict.theirs.get(question.id) if conflict else None
        questions.append(
            {
                "id": question.id,
                "answer": form[answer_field_name(question.id)],
                "note": form[note_field_name(question.id)],
                "guidance": render_text(pick(question.guidance), "markdown"),
                "reference": question.reference,
                "last": stored,
                "theirs": theirs,
            }
        )
    progress = {p.section_id: p for p in queries.progress(dpia, template)}
    return {
        "case": case,
        "dpia": dpia,
        "form": form,
        "section_title": pick(section.title),
        "section_guidance": render_text(pick(section.guidance), "markdown"),
        "section_reference": section.reference,
        "questions": questions,
        "conflict": conflict,
        "progress": progress[section_id],
        "sections": [(s.id, pick(s.title)) for s in template.sections],
        "current_section": section_id,
    }
