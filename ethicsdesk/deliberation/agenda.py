"""Discussion points for a meeting, taken from the case's opened compass comparison."""

from __future__ import annotations

from compass import deliberation_agenda
from ethicsdesk.assessments import queries as assessment_queries
from ethicsdesk.assessments.graph import aggregation_of
from ethicsdesk.assessments.page import question_set_of
from ethicsdesk.reviews.models import ReviewCase

MAX_POINTS = 8


def discussion_points(case: ReviewCase, lang: str) -> list[str]:
    """The most disputed value-stakeholder items first; none while answers are private."""
    round_ = assessment_queries.round_of_case(case)
    if round_ is None or not round_.comparison_open:
        return []
    question_set = question_set_of(round_)
    aggregation = aggregation_of(question_set, assessment_queries.answers_for_comparison(round_))
    items = deliberation_agenda(question_set, aggregation)
    return [getattr(item.explanation, lang) for item in items if item.flags][:MAX_POINTS]
