"""The question-type registry is checked at start-up and validates answers per type."""

from __future__ import annotations

import dataclasses

import pytest

from compass import QUESTION_TYPES, QuestionSet, check_answer, load_question_set
from compass.model import AnswerValue, Question
from compass.question_types import TYPE_KEYS, QuestionType, RegistryError, check_registry

EXPECTED = {"scale", "choice", "open_text", "stakeholder_effect", "value_rating", "option"}
GOOD = QUESTION_TYPES["scale"]


def test_registry_holds_the_six_types_and_every_key_has_a_parser() -> None:
    from compass._parse_questions import KEY_PARSERS

    assert set(QUESTION_TYPES) == EXPECTED
    assert set(KEY_PARSERS) == TYPE_KEYS
    for kind in QUESTION_TYPES.values():
        assert kind.required | kind.optional <= TYPE_KEYS


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"name": "Scale!"}, "snake_case"),
        (
            {"required": frozenset({"scale"}), "optional": frozenset({"scale"})},
            "both required and optional",
        ),
        ({"required": frozenset({"colour"})}, "no Question field"),
        ({"target": "stakeholder"}, "must require 'stakeholders'"),
        ({"target": "value", "needs_values": False}, "must require values"),
        ({"target": "group"}, "target must be"),
    ],
)
def test_a_broken_registry_stops_start_up(change: dict[str, object], problem: str) -> None:
    broken = dataclasses.replace(GOOD, **change)  # type: ignore[arg-type]
    with pytest.raises(RegistryError, match=problem):
        check_registry([broken])


def test_duplicate_type_names_are_refused() -> None:
    with pytest.raises(RegistryError, match="unique"):
        check_registry([GOOD, GOOD])


def _q(qs: QuestionSet, ident: str) -> Question:
    """A question of a set by its short id."""
    return next(q for q in qs.questions if q.id == ident)


A = load_question_set("association")
W = load_question_set("waardenwijzer")

ANSWERS = [
    # (question, target, value, likelihood, note, problem or None)
    (_q(A, "effect_privacy"), "pupils", -2, 3, "tracking", None),
    (_q(A, "effect_privacy"), "pupils", 0, None, "", None),
    (_q(A, "effect_privacy"), "pupils", "unknown", None, "", None),
    (_q(A, "effect_privacy"), "pupils", "not_applicable", "unknown", "", None),
    (_q(A, "effect_privacy"), "pupils", -2, 3, "", "rationale"),
    (_q(A, "effect_privacy"), "pupils", 3, 3, "x", "not a point of scale 'effect'"),
    (_q(A, "effect_privacy"), "pupils", True, 3, "x", "not a point of scale"),
    (_q(A, "effect_privacy"), "pupils", 1, 7, "x", "likelihood 7"),
    (_q(A, "effect_privacy"), "aliens", 1, 2, "x", "target 'aliens'"),
    (_q(A, "effect_privacy"), None, 1, 2, "x", "target None"),
    (_q(A, "overall_fit"), None, 4, None, "", None),
    (_q(A, "overall_fit"), None, 0, None, "", "not a point"),
    (_q(A, "overall_fit"), None, 4, 2, "", "no likelihood"),
    (_q(A, "alternatives"), None, "not_examined", None, "", None),
    (_q(A, "alternatives"), None, "unknown", None, "", None),
    (_q(A, "alternatives"), None, "maybe", None, "", "unknown option"),
    (_q(A, "alternatives"), None, ("none_better",), None, "", "unknown option"),
    (_q(A, "purpose"), None, "Oefenen met breuken", None, "", None),
    (_q(A, "purpose"), None, "  ", None, "", "non-empty text"),
    (_q(A, "option_context"), None, "Alleen met toestemming", None, "", None),
    (_q(A, "option_context"), None, 3, None, "", "non-empty text"),
    (_q(W, "values_touched"), "privacy", 3, None, "", None),
    (_q(W, "values_touched"), "justice", 3, None, "", "target 'justice'"),
    (_q(W, "values_touched"), "privacy", -1, None, "", "not a point"),
]


@pytest.mark.parametrize(("question", "target", "value", "likelihood", "note", "problem"), ANSWERS)
def test_answers_are_checked_by_their_type(
    question: Question,
    target: str | None,
    value: AnswerValue,
    likelihood: int | str | None,
    note: str,
    problem: str | None,
) -> None:
    result = check_answer(question, target, value, likelihood, note)
    if problem is None:
        assert result is None
    else:
        assert result is not None
        assert problem in result


def test_multiple_choice_takes_a_list_of_distinct_options() -> None:
    question = dataclasses.replace(_q(A, "alternatives"), multiple=True)
    assert check_answer(question, None, ("none_better", "not_examined"), None, "") is None
    assert "each once" in (
        check_answer(question, None, ("none_better", "none_better"), None, "") or ""
    )
    assert "each once" in (check_answer(question, None, (), None, "") or "")


def test_a_type_declares_its_keys() -> None:
    effect = QUESTION_TYPES["stakeholder_effect"]
    assert isinstance(effect, QuestionType)
    assert effect.required == {"scale", "likelihood_scale", "stakeholders"}
    assert effect.target == "stakeholder"
