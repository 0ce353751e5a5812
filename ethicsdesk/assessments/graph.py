"""The case's value-impact graph: the members' aggregated answers plus the DPIA's risks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from compass import Aggregation, Answer, QuestionSet, Text, aggregate, answers_from_plain
from compass.graph import build_value_graph
from ethicsdesk.assessments.models import MemberAnswers
from ethicsdesk.dpia.models import Dpia
from ethicsdesk.reviews.models import ReviewCase

DPIA_STAKEHOLDER = "pupils"  # a DPIA protects the people whose data are processed
DPIA_VALUE = "privacy"
DPIA_MEASURE_KIND = "context"  # agreements and organisation; a DPIA measure names no kind
DPIA_LEVELS = 4  # DPIA likelihood and severity run from 1 to 4
REJECTED = "rejected"


def member_key(row: MemberAnswers) -> str:
    """The member's key in the library's answers (the user id, never shown)."""
    return str(row.member_id)


def all_answers(rows: Iterable[MemberAnswers]) -> tuple[Answer, ...]:
    """Every member's stored answers as the library's Answer records."""
    return answers_from_plain({member_key(row): row.answers for row in rows if row.answers})


def aggregation_of(question_set: QuestionSet, rows: Sequence[MemberAnswers]) -> Aggregation:
    """Medians, spreads, flags and positions per value x stakeholder."""
    return aggregate(question_set, all_answers(rows))


def _level(level: int | None) -> float:
    """A DPIA level (1-4) as the graph's 0..1; an unrated level counts as the middle."""
    if not level:
        return 0.5
    return min(max(level, 1), DPIA_LEVELS) / DPIA_LEVELS


def dpia_graph_input(dpia: Dpia, question_set: QuestionSet) -> dict[str, Any]:
    """The DPIA's risks (negative effects on pupils' privacy) and measures (options) as plain input.

    Risks carry their level before the measures; the measures that mitigate them are drawn as
    options, so a risk without a measure becomes a candidate condition. Rejected measures and
    measures the set has no stakeholder or value for are left out.
    """
    stakeholders = [s.id for s in question_set.stakeholders if s.id == DPIA_STAKEHOLDER]
    if not stakeholders:
        stakeholders = [s.id for s in question_set.stakeholders if s.vulnerable]
    values = [v.id for v in question_set.all_values if v.id == DPIA_VALUE]
    risks = []
    for risk in dpia.risks:
        title = risk.title or f"DPIA {risk.id}"
        risks.append(
            {
                "id": f"risk-{risk.id}",
                "nl": title,
                "en": title,
                "stakeholders": stakeholders,
                "values": values,
                "likelihood": _level(risk.likelihood),
                "severity": _level(risk.severity),
            }
        )
    measures = []
    for measure in dpia.measures:
        if measure.status == REJECTED:
            continue
        title = measure.title or f"DPIA {measure.id}"
        measures.append(
            {
                "id": f"measure-{measure.id}",
                "nl": title,
                "en": title,
                "kind": DPIA_MEASURE_KIND,
                "mitigates": [f"risk-{risk.id}" for risk in measure.risks],
            }
        )
    return {"risks": risks, "measures": measures}


def value_graph(
    case: ReviewCase, question_set: QuestionSet, aggregation: Aggregation, dpia: Dpia | None
) -> nx.MultiDiGraph:
    """The case's value-impact graph; DPIA risks and measures are added when there is a DPIA."""
    extra = dpia_graph_input(dpia, question_set) if dpia is not None else None
    return build_value_graph(
        question_set,
        aggregation,
        case=str(case.id),
        title=Text(nl=case.title, en=case.title),
        extra=extra,
    )
