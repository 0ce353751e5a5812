"""Writes for a DPIA: start from a template, save sections with optimistic locking, keep the
risk register, measures and opinions.

Saving a section is a compare-and-set on its version number: if someone else saved the section
since the form was opened, nothing is written and the caller gets both texts to reconcile.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from dpia_templates.dpia.model import DpiaTemplate
from ethicsdesk.audit.models import AuditAction
from ethicsdesk.audit.operations import record
from ethicsdesk.auth.models import User
from ethicsdesk.core.db import utcnow
from ethicsdesk.dpia.models import Dpia, DpiaAnswer, DpiaMeasure, DpiaRisk, DpiaSection
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import ReviewCase


@dataclass(frozen=True)
class AnswerInput:
    """One question's answer as the editor sends it."""

    text: str = ""
    choice: str | None = None
    note: str = ""


class SectionConflictError(Exception):
    """Someone saved the section after this editor opened it; nothing was written."""

    def __init__(self, theirs: dict[str, DpiaAnswer], version: int, by: User | None) -> None:
        super().__init__("section changed meanwhile")
        self.theirs = theirs
        self.version = version
        self.by = by


def start_dpia(case: ReviewCase, actor: User, template: DpiaTemplate, lang: str) -> Dpia:
    """Create the case's DPIA from a template, pre-filled with its typical risks and measures."""
    dpia = Dpia(
        case=case,
        template_id=template.id,
        template_version=template.version,
        created_by=actor,
        extra={},
    )
    dpia.sections = [DpiaSection(section_id=section.id) for section in template.sections]
    measures = {}
    for position, measure in enumerate(template.measures):
        measures[measure.id] = DpiaMeasure(
            key=measure.id,
            position=position,
            title=getattr(measure.title, lang),
            description=getattr(measure.description, lang),
        )
    dpia.measures = list(measures.values())
    dpia.risks = [
        DpiaRisk(
            key=risk.id,
            position=position,
            title=getattr(risk.title, lang),
            description=getattr(risk.description, lang),
            source=getattr(risk.source, lang),
            affected=getattr(risk.affected, lang),
            feared_event=risk.feared_event.value,
            likelihood=risk.likelihood,
            severity=risk.severity,
            measures=[measures[m] for m in risk.measure_ids if m in measures],
        )
        for position, risk in enumerate(template.risks)
    ]
    db.session.add(dpia)
    db.session.flush()
    record(case, actor, AuditAction.DPIA_STARTED, details={"template": template.id,
                                                          "version": template.version})  # fmt: skip
    return dpia


def save_section(
    dpia: Dpia,
    section_id: str,
    actor: User,
    answers: dict[str, AnswerInput],
    expected_version: int,
) -> int:
    """Store a section's answers if nobody saved it meanwhile; returns the new version."""
    claimed = db.session.execute(
        sa.update(DpiaSection)
        .where(
            DpiaSection.dpia_id == dpia.id,
            DpiaSection.section_id == section_id,
            DpiaSection.version == expected_version,
        )
        .values(version=DpiaSection.version + 1, updated_at=utcnow(), updated_by_id=actor.id)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        section = db.session.scalars(
            sa.select(DpiaSection)
            .where(DpiaSection.dpia_id == dpia.id, DpiaSection.section_id == section_id)
            .execution_options(populate_existing=True)
        ).one()
        theirs = {a.question_id: a for a in _answers(dpia) if a.question_id in answers}
        raise SectionConflictError(theirs, section.version, section.updated_by)
    stored = {answer.question_id: answer for answer in _answers(dpia)}
    now = utcnow()
    for question_id, given in answers.items():
        answer = stored.get(question_id)
        if answer is None:
            if not (given.text or given.choice or given.note):
                continue
            answer = DpiaAnswer(dpia_id=dpia.id, question_id=question_id)
            db.session.add(answer)
        elif (answer.text, answer.choice, answer.note) == (given.text, given.choice, given.note):
            continue  # unchanged answers keep their author and time
        answer.text, answer.choice, answer.note = given.text, given.choice, given.note
        answer.author_id = actor.id
        answer.updated_at = now
    db.session.flush()
    return expected_version + 1


def _answers(dpia: Dpia) -> list[DpiaAnswer]:
    """The stored answers, read fresh so a concurrent writer's rows are seen."""
    return list(
        db.session.scalars(
            sa.select(DpiaAnswer)
            .where(DpiaAnswer.dpia_id == dpia.id)
            .execution_options(populate_existing=True)
        )
    )


@dataclass(frozen=True)
class RiskInput:
    """A risk as the register form sends it."""

    title: str
    description: str
    source: str
    affected: str
    feared_event: str
    likelihood: int
    severity: int
    residual_likelihood: int | None
    residual_severity: int | None
    measures: list[DpiaMeasure]


def save_risk(dpia: Dpia, risk: DpiaRisk | None, data: RiskInput) -> DpiaRisk:
    """Add a risk to the register, or change one."""
    if risk is None:
        position = max((r.position for r in dpia.risks), default=-1) + 1
        risk = DpiaRisk(dpia=dpia, key=f"risk-{position + 1}", position=position)
        db.session.add(risk)
    for name in ("title", "description", "source", "affected", "feared_event", "likelihood",
                 "severity", "residual_likelihood", "residual_severity", "measures"):  # fmt: skip
        setattr(risk, name, getattr(data, name))
    db.session.flush()
    return risk


def delete_risk(risk: DpiaRisk) -> None:
    """Take a risk out of the register (its measures stay)."""
    db.session.delete(risk)
    db.session.flush()


@dataclass(frozen=True)
class MeasureInput:
    """A measure as the form sends it."""

    title: str
    description: str
    owner: str
    due_date: date | None
    status: str


def save_measure(dpia: Dpia, measure: DpiaMeasure | None, data: MeasureInput) -> DpiaMeasure:
    """Add a measure, or change one."""
    if measure is None:
        position = max((m.position for m in dpia.measures), default=-1) + 1
        measure = DpiaMeasure(dpia=dpia, key=f"measure-{position + 1}", position=position)
        db.session.add(measure)
    for name in ("title", "description", "owner", "due_date", "status"):
        setattr(measure, name, getattr(data, name))
    db.session.flush()
    return measure


def save_opinions(dpia: Dpia, opinions: dict[str, Any]) -> None:
    """DPO advice, the views of the people concerned, and the art. 36 judgement."""
    dpia.opinions = opinions
    db.session.flush()
