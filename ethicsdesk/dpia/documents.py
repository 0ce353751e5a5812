"""Between the database and the DPIA document format of ``dpia_templates`` (JSON export, CNIL
import and export, Markdown), and between forms and the operations' plain inputs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from dpia_templates.dpia.cnil import from_cnil, to_cnil
from dpia_templates.dpia.document import FORMAT
from dpia_templates.dpia.markdown import document_to_markdown
from dpia_templates.dpia.model import AnswerKind, DpiaTemplate
from dpia_templates.dpia.templates import load_template
from ethicsdesk.auth.models import User
from ethicsdesk.dpia.forms import answer_field_name, note_field_name
from ethicsdesk.dpia.models import Dpia, DpiaAnswer, DpiaMeasure, DpiaRisk, DpiaSection
from ethicsdesk.dpia.operations import AnswerInput, MeasureInput, RiskInput
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import ReviewCase


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value else None


def to_document(dpia: Dpia) -> dict[str, Any]:
    """The DPIA as a document (``dpia_templates/dpia/dpia.schema.json``)."""
    measure_keys = {measure.id: measure.key for measure in dpia.measures}
    answers = {}
    for answer in sorted(dpia.answers, key=lambda a: a.question_id):
        item: dict[str, Any] = {
            "text": answer.text or None,
            "choice": answer.choice,
            "note": answer.note or None,
            "author": answer.author.name if answer.author else answer.author_name,
            "updated_at": _iso(answer.updated_at),
        }
        if answer.extra:
            item["extra"] = answer.extra
        answers[answer.question_id] = item
    return {
        "format": FORMAT,
        "template": {"id": dpia.template_id, "version": dpia.template_version},
        "lang": dpia.lang,
        "text_format": dpia.text_format,
        "case": {
            "title": dpia.case.title,
            "vendor": dpia.case.vendor or None,
            "created_at": _iso(dpia.created_at),
            "updated_at": _iso(dpia.updated_at),
        },
        "answers": answers,
        "risks": [_risk_item(risk, measure_keys) for risk in dpia.risks],
        "measures": [_measure_item(measure) for measure in dpia.measures],
        "evaluations": list(dpia.evaluations or []),
        "opinions": dict(dpia.opinions or {}),
        "extra": dict(dpia.extra or {}),
    }


# optional risk fields of the document format that have no column (CNIL lists and reasons)
OPTIONAL_RISK_FIELDS = (
    "measure_names", "impacts", "threats", "risk_sources", "severity_reason", "likelihood_reason",
)  # fmt: skip
FIELDS_KEY = "document_fields"
ORDER_KEY = "measure_order"  # the order the measures were listed in, which a register keeps


def _ordered(keys: list[str], order: list[str]) -> list[str]:
    """Keys in the remembered order; keys added later follow in register order."""
    rank = {key: index for index, key in enumerate(order)}
    return sorted(keys, key=lambda key: (rank.get(key, len(rank)), keys.index(key)))


def _risk_item(risk: DpiaRisk, measure_keys: dict[int, str]) -> dict[str, Any]:
    extra = dict(risk.extra or {})
    fields = extra.pop(FIELDS_KEY, {})
    item = {
        "id": risk.key,
        "title": risk.title,
        "description": risk.description,
        "source": risk.source,
        "affected": risk.affected,
        "feared_event": risk.feared_event,
        "likelihood": risk.likelihood,
        "severity": risk.severity,
        "residual_likelihood": risk.residual_likelihood,
        "residual_severity": risk.residual_severity,
        "measure_ids": _ordered(
            [measure_keys[m.id] for m in risk.measures], extra.pop(ORDER_KEY, [])
        ),
        **fields,
    }
    if extra:
        item["extra"] = extra
    return item


def _measure_item(measure: DpiaMeasure) -> dict[str, Any]:
    item = {
        "id": measure.key,
        "title": measure.title,
        "description": measure.description,
        "owner": measure.owner or None,
        "due_date": _iso(measure.due_date),
        "status": measure.status,
    }
    if measure.extra:
        item["extra"] = measure.extra
    return item


def create_from_document(case: ReviewCase, actor: User, doc: dict[str, Any]) -> Dpia:
    """Store a document as the case's DPIA (used by imports); every part is kept."""
    template = load_template(doc["template"]["id"])
    dpia = Dpia(
        case=case,
        template_id=template.id,
        template_version=doc["template"]["version"],
        created_by=actor,
        lang=doc.get("lang", "nl"),
        text_format=doc.get("text_format", "markdown"),
        evaluations=list(doc.get("evaluations", [])),
        opinions=dict(doc.get("opinions", {})),
        extra=dict(doc.get("extra", {})),
    )
    dpia.sections = [DpiaSection(section_id=section.id) for section in template.sections]
    dpia.answers = [
        DpiaAnswer(
            question_id=question_id,
            text=item.get("text") or "",
            choice=item.get("choice"),
            note=item.get("note") or "",
            author_name=item.get("author"),
            updated_at=_parse_time(item.get("updated_at")),
            extra=item.get("extra") or {},
        )
        for question_id, item in doc.get("answers", {}).items()
    ]
    measures = {}
    for position, item in enumerate(doc.get("measures", [])):
        measures[item["id"]] = DpiaMeasure(
            key=item["id"], position=position, title=item["title"],
            description=item.get("description") or "", owner=item.get("owner") or "",
            due_date=date.fromisoformat(item["due_date"]) if item.get("due_date") else None,
            status=item.get("status"), extra=item.get("extra") or {},
        )  # fmt: skip
    dpia.measures = list(measures.values())
    dpia.risks = [
        _risk_from_item(item, position, measures)
        for position, item in enumerate(doc.get("risks", []))
    ]
    db.session.add(dpia)
    db.session.flush()
    return dpia


def _risk_from_item(
    item: dict[str, Any], position: int, measures: dict[str, DpiaMeasure]
) -> DpiaRisk:
    """One risk of a document as a row, linked to the measures it names."""
    return DpiaRisk(
        key=item["id"],
        position=position,
        title=item["title"],
        description=item.get("description") or "",
        source=item.get("source") or "",
        affected=item.get("affected") or "",
        feared_event=item.get("feared_event", "other"),
        likelihood=item.get("likelihood"),
        severity=item.get("severity"),
        residual_likelihood=item.get("residual_likelihood"),
        residual_severity=item.get("residual_severity"),
        measures=[measures[m] for m in item.get("measure_ids", []) if m in measures],
        extra=_risk_extra(item),
    )


def _risk_extra(item: dict[str, Any]) -> dict[str, Any]:
    """The item's own extra plus the optional fields, so the next export writes them back."""
    extra = dict(item.get("extra") or {})
    fields = {name: item[name] for name in OPTIONAL_RISK_FIELDS if name in item}
    if fields:
        extra[FIELDS_KEY] = fields
    if item.get("measure_ids"):
        extra[ORDER_KEY] = list(item["measure_ids"])
    return extra


def _parse_time(value: str | None) -> datetime:
    from ethicsdesk.core.db import utcnow

    if not value:
        return utcnow()
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=utcnow().tzinfo)


def to_markdown(dpia: Dpia, lang: str) -> str:
    """The Markdown export of a DPIA."""
    return document_to_markdown(to_document(dpia), load_template(dpia.template_id), lang)


def to_cnil_json(dpia: Dpia) -> dict[str, Any]:
    """The DPIA in the CNIL PIA tool's JSON format."""
    return to_cnil(to_document(dpia), load_template(dpia.template_id))


def document_from_cnil(data: dict[str, Any], template_id: str, lang: str = "nl") -> dict[str, Any]:
    """A CNIL PIA tool export read as a DPIA document of one of our templates."""
    return from_cnil(data, load_template(template_id), lang=lang)


# --- forms ---------------------------------------------------------------------------------------


def answers_from_section_form(
    form: Any, template: DpiaTemplate, section_id: str
) -> dict[str, AnswerInput]:
    """The section form's answers as plain inputs for ``save_section``."""
    answers = {}
    for question in template.section(section_id).questions:
        value = form[answer_field_name(question.id)].data or ""
        note = form[note_field_name(question.id)].data or ""
        if question.kind is AnswerKind.CHOICE:
            answers[question.id] = AnswerInput(text="", choice=value or None, note=note)
        else:
            answers[question.id] = AnswerInput(text=value, choice=None, note=note)
    return answers


def risk_form_data(risk: DpiaRisk) -> dict[str, Any]:
    """Pre-fill the risk form."""
    return {
        "title": risk.title, "description": risk.description, "source": risk.source,
        "affected": risk.affected, "feared_event": risk.feared_event,
        "likelihood": risk.likelihood, "severity": risk.severity,
        "residual_likelihood": str(risk.residual_likelihood or ""),
        "residual_severity": str(risk.residual_severity or ""),
        "measures": [m.id for m in risk.measures],
    }  # fmt: skip


def risk_input(form: Any, dpia: Dpia) -> RiskInput:
    """The risk form as a plain input for ``save_risk``."""
    chosen = set(form.measures.data or [])
    return RiskInput(
        title=form.title.data, description=form.description.data or "",
        source=form.source.data or "", affected=form.affected.data or "",
        feared_event=form.feared_event.data, likelihood=form.likelihood.data,
        severity=form.severity.data,
        residual_likelihood=_level(form.residual_likelihood.data),
        residual_severity=_level(form.residual_severity.data),
        measures=[m for m in dpia.measures if m.id in chosen],
    )  # fmt: skip


def _level(value: str | None) -> int | None:
    return int(value) if value else None


def measure_input(form: Any) -> MeasureInput:
    """The measure form as a plain input for ``save_measure``."""
    return MeasureInput(
        title=form.title.data, description=form.description.data or "",
        owner=form.owner.data or "", due_date=form.due_date.data, status=form.status.data,
    )  # fmt: skip


def opinions_form_data(dpia: Dpia) -> dict[str, Any]:
    """Pre-fill the opinions form from the stored opinions."""
    opinions = dpia.opinions or {}
    dpo = opinions.get("dpo", {})
    subjects = opinions.get("data_subjects", {})
    consultation = opinions.get("prior_consultation", {})
    return {
        "dpo_name": dpo.get("name"), "dpo_status": dpo.get("status") or "",
        "dpo_date": date.fromisoformat(dpo["date"][:10]) if dpo.get("date") else None,
        "dpo_opinion": dpo.get("opinion"),
        "subjects_sought": _yes_no(subjects.get("sought")), "subjects_names": subjects.get("names"),
        "subjects_opinion": subjects.get("opinion"),
        "subjects_reason_not_sought": subjects.get("reason_not_sought"),
        "consultation_needed": _yes_no(consultation.get("needed")),
        "consultation_motivation": consultation.get("motivation"),
    }  # fmt: skip


def opinions_values(form: Any, dpia: Dpia) -> dict[str, Any]:
    """The opinions form merged into the stored opinions (fields the form lacks are kept)."""
    opinions = {key: dict(value) for key, value in (dpia.opinions or {}).items()}
    opinions.setdefault("dpo", {}).update(
        name=form.dpo_name.data or None, date=_iso(form.dpo_date.data),
        status=form.dpo_status.data or None, opinion=form.dpo_opinion.data or None,
    )  # fmt: skip
    opinions.setdefault("data_subjects", {}).update(
        sought=_bool(form.subjects_sought.data), names=form.subjects_names.data or None,
        opinion=form.subjects_opinion.data or None,
        reason_not_sought=form.subjects_reason_not_sought.data or None,
    )  # fmt: skip
    opinions.setdefault("prior_consultation", {}).update(
        needed=_bool(form.consultation_needed.data),
        motivation=form.consultation_motivation.data or None,
    )
    return opinions


def _yes_no(value: bool | None) -> str:
    return {True: "yes", False: "no"}.get(value, "")  # type: ignore[call-overload]


def _bool(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")
