"""Reading a DPIA and what its pages show: progress, risk points, the art. 36 conclusion."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from dpia_templates.dpia.model import DpiaTemplate
from dpia_templates.dpia.risk import Conclusion, RiskPoint, prior_consultation_needed
from dpia_templates.dpia.templates import load_template
from ethicsdesk.dpia.models import Dpia, DpiaAnswer, DpiaMeasure, DpiaRisk, DpiaSection
from ethicsdesk.extensions import db
from ethicsdesk.reviews.models import ReviewCase


def dpia_of_case(case: ReviewCase) -> Dpia | None:
    """The case's DPIA, if one was started."""
    return db.session.scalar(sa.select(Dpia).where(Dpia.case_id == case.id))


def template_of(dpia: Dpia) -> DpiaTemplate:
    """The template the DPIA was made from (its id; the version is recorded on the DPIA)."""
    return load_template(dpia.template_id)


def section_of(dpia: Dpia, section_id: str) -> DpiaSection | None:
    """The locking row of one section."""
    return db.session.scalar(
        sa.select(DpiaSection).where(
            DpiaSection.dpia_id == dpia.id, DpiaSection.section_id == section_id
        )
    )


def answers_by_question(dpia: Dpia) -> dict[str, DpiaAnswer]:
    """Every stored answer keyed by question id."""
    rows = db.session.scalars(sa.select(DpiaAnswer).where(DpiaAnswer.dpia_id == dpia.id))
    return {answer.question_id: answer for answer in rows}


@dataclass(frozen=True)
class SectionProgress:
    """How far one section is: answered questions out of all."""

    section_id: str
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100


def _answered(answer: DpiaAnswer) -> bool:
    return bool(answer.text or answer.choice)


def progress(dpia: Dpia, template: DpiaTemplate) -> list[SectionProgress]:
    """Per section, the questions that have an answer."""
    answers = answers_by_question(dpia)
    result = []
    for section in template.sections:
        ids = [q.id for q in section.questions]
        done = sum(
            1 for qid in ids if qid in answers and (answers[qid].text or answers[qid].choice)
        )
        result.append(SectionProgress(section.id, done, len(ids)))
    return result


def risk_points(dpia: Dpia) -> tuple[RiskPoint, ...]:
    """The register as numbered points for the map, the table and art. 36."""
    return tuple(
        RiskPoint(
            number=number,
            id=risk.key,
            title=risk.title,
            severity=risk.severity,
            likelihood=risk.likelihood,
            residual_severity=risk.residual_severity,
            residual_likelihood=risk.residual_likelihood,
        )
        for number, risk in enumerate(dpia.risks, start=1)
    )


def prior_consultation(dpia: Dpia) -> Conclusion:
    """Art. 36 as computed from the residual risks (the committee may override it)."""
    return prior_consultation_needed(risk_points(dpia))


def risk_of(dpia: Dpia, risk_id: int) -> DpiaRisk | None:
    """A risk, only if it belongs to this DPIA."""
    return db.session.scalar(
        sa.select(DpiaRisk).where(DpiaRisk.id == risk_id, DpiaRisk.dpia_id == dpia.id)
    )


def measure_of(dpia: Dpia, measure_id: int) -> DpiaMeasure | None:
    """A measure, only if it belongs to this DPIA."""
    return db.session.scalar(
        sa.select(DpiaMeasure).where(DpiaMeasure.id == measure_id, DpiaMeasure.dpia_id == dpia.id)
    )
