"""The ethical compass: question sets as data, scoring and the value-impact graph (no Flask).

>>> from compass import load_question_set, answers_from_plain, aggregate, deliberation_agenda
>>> qs = load_question_set("association")
>>> urn = "urn:ethicsdesk:compass:association:question:effect_privacy"
>>> answers = answers_from_plain({
...     "m1": {urn: {"pupils": {"value": -2, "likelihood": 4, "note": "tracking"}}},
...     "m2": {urn: {"pupils": {"value": 1, "likelihood": 2, "note": "less paper"}}}})
>>> agenda = deliberation_agenda(qs, aggregate(qs, answers))
>>> agenda[0].value, agenda[0].stakeholder, agenda[0].flags
('privacy', 'pupils', ('spread', 'opposite_signs'))
"""

from compass._text import Text
from compass.agenda import AgendaItem, deliberation_agenda
from compass.aggregation import (
    FLAGS,
    Aggregation,
    CellSummary,
    Position,
    RatingSummary,
    Stats,
    aggregate,
    stats_of,
)
from compass.answers import (
    NO_TARGET,
    Answer,
    answers_from_plain,
    answers_to_plain,
    validate_answers,
)
from compass.errors import CompassDataError, InputError, Problem, QuestionSetError
from compass.heatmap import HeatMapCell, HeatMapRow, HeatMapTable, heat_map_svg, heat_map_table
from compass.loading import DEFAULT_SET_ID, available_sets, check_sets, load_question_set
from compass.model import (
    NOT_APPLICABLE,
    UNKNOWN,
    QuestionSet,
    SetSummary,
    Thresholds,
)
from compass.portfolio import (
    Concern,
    PortfolioAnalysis,
    PortfolioThresholds,
    TechnologyRecord,
    VendorShare,
    analyse_portfolio,
    portfolio_graph,
    records_from_plain,
)
from compass.question_types import QUESTION_TYPES, QuestionType, check_answer

__all__ = [
    "DEFAULT_SET_ID",
    "FLAGS",
    "NOT_APPLICABLE",
    "NO_TARGET",
    "QUESTION_TYPES",
    "UNKNOWN",
    "AgendaItem",
    "Aggregation",
    "Answer",
    "CellSummary",
    "CompassDataError",
    "Concern",
    "HeatMapCell",
    "HeatMapRow",
    "HeatMapTable",
    "InputError",
    "PortfolioAnalysis",
    "PortfolioThresholds",
    "Position",
    "Problem",
    "QuestionSet",
    "QuestionSetError",
    "QuestionType",
    "RatingSummary",
    "SetSummary",
    "Stats",
    "TechnologyRecord",
    "Text",
    "Thresholds",
    "VendorShare",
    "aggregate",
    "analyse_portfolio",
    "answers_from_plain",
    "answers_to_plain",
    "available_sets",
    "check_answer",
    "check_sets",
    "deliberation_agenda",
    "heat_map_svg",
    "heat_map_table",
    "load_question_set",
    "portfolio_graph",
    "records_from_plain",
    "stats_of",
    "validate_answers",
]
