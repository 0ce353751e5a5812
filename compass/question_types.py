"""The question-type registry: which keys each type needs and which answers it accepts.

Checked when this module is imported, so a wrong registry stops the app at start-up, and a
question set using an unknown type fails when it is loaded, never while members answer.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from compass.model import SPECIAL_POINTS, AnswerValue, Question, Scale

TargetKind = Literal["none", "stakeholder", "value"]
COMMON_REQUIRED = frozenset({"id", "urn", "section", "type", "text"})
COMMON_OPTIONAL = frozenset({"guidance", "values"})
TYPE_KEYS = frozenset(
    field.name
    for field in dataclasses.fields(Question)
    if field.name not in COMMON_REQUIRED | COMMON_OPTIONAL
)
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
Check = Callable[[Question, AnswerValue, object], str | None]


class RegistryError(RuntimeError):
    """The registry itself is inconsistent: a programming error caught at start-up."""


@dataclass(frozen=True, slots=True)
class QuestionType:
    """A kind of question: its extra keys, what it is asked about, and how an answer is checked."""

    name: str
    required: frozenset[str]
    optional: frozenset[str]
    target: TargetKind
    needs_values: bool
    check: Check


def _scale_problem(scale: Scale | None, value: object, what: str) -> str | None:
    """Why value is not a point of scale (None when it is)."""
    if scale is None or scale.accepts(value):
        return None
    return f"{what} {value!r} is not a point of scale {scale.id!r}"


def _check_scale(question: Question, value: AnswerValue, likelihood: object) -> str | None:
    """A scale or value-rating answer: one point of the question's scale, no likelihood."""
    if likelihood is not None:
        return "this question takes no likelihood"
    return _scale_problem(question.scale, value, "answer")


def _check_effect(question: Question, value: AnswerValue, likelihood: object) -> str | None:
    """An expected effect with its likelihood; a counted effect may need a rationale (the note)."""
    problem = _scale_problem(question.scale, value, "effect")
    if problem is None and likelihood is not None:
        problem = _scale_problem(question.likelihood_scale, likelihood, "likelihood")
    return problem


def _check_choice(question: Question, value: AnswerValue, likelihood: object) -> str | None:
    """One option id, several for a multiple choice, or a special point."""
    ids = {option.id for option in question.options}
    if likelihood is not None:
        return "this question takes no likelihood"
    if isinstance(value, str) and value in SPECIAL_POINTS:
        return None
    chosen = value if question.multiple and isinstance(value, tuple) else (value,)
    if not chosen or len(set(chosen)) != len(chosen):
        return "choose at least one option, each once"
    wrong = [item for item in chosen if not (isinstance(item, str) and item in ids)]
    return f"unknown option(s) {wrong!r}" if wrong else None


def _check_text(question: Question, value: AnswerValue, likelihood: object) -> str | None:
    """An argued open answer or a proposed option for action: non-empty text."""
    if likelihood is not None:
        return "this question takes no likelihood"
    if not isinstance(value, str) or not value.strip():
        return "the answer must be a non-empty text"
    return None


def check_registry(types: Iterable[QuestionType]) -> Mapping[str, QuestionType]:
    """Validate question types and index them by name; raise RegistryError on any inconsistency."""
    registry: dict[str, QuestionType] = {}
    for item in types:
        problems = []
        if not _NAME.match(item.name) or item.name in registry:
            problems.append("name must be a unique snake_case word")
        if item.required & item.optional:
            problems.append(
                f"keys both required and optional: {sorted(item.required & item.optional)}"
            )
        unknown = (item.required | item.optional) - TYPE_KEYS
        if unknown:
            problems.append(f"keys that are no Question field: {sorted(unknown)}")
        if item.target == "stakeholder" and "stakeholders" not in item.required:
            problems.append("a stakeholder question must require 'stakeholders'")
        if item.target == "value" and not item.needs_values:
            problems.append("a value question must require values")
        if item.target not in ("none", "stakeholder", "value") or not callable(item.check):
            problems.append("target must be none/stakeholder/value and check callable")
        if problems:
            raise RegistryError(f"question type {item.name!r}: {'; '.join(problems)}")
        registry[item.name] = item
    return MappingProxyType(registry)


QUESTION_TYPES: Mapping[str, QuestionType] = check_registry(
    [
        QuestionType("scale", frozenset({"scale"}), frozenset(), "none", False, _check_scale),
        QuestionType(
            "choice", frozenset({"options"}), frozenset({"multiple"}), "none", False, _check_choice
        ),
        QuestionType("open_text", frozenset(), frozenset(), "none", False, _check_text),
        QuestionType(
            "stakeholder_effect",
            frozenset({"scale", "likelihood_scale", "stakeholders"}),
            frozenset({"requires_note"}),
            "stakeholder",
            True,
            _check_effect,
        ),
        QuestionType(
            "value_rating", frozenset({"scale"}), frozenset(), "value", True, _check_scale
        ),
        QuestionType("option", frozenset({"option_kind"}), frozenset(), "none", False, _check_text),
    ]
)


def question_type(name: str) -> QuestionType:
    """A registered question type by name (KeyError for an unknown one)."""
    return QUESTION_TYPES[name]


def answer_targets(question: Question) -> tuple[str | None, ...]:
    """What a question is asked about: each stakeholder, each value, or nothing (None)."""
    target = QUESTION_TYPES[question.type].target
    if target == "stakeholder":
        return question.stakeholders
    if target == "value":
        return question.values
    return (None,)


def check_answer(
    question: Question, target: str | None, value: AnswerValue, likelihood: object, note: str
) -> str | None:
    """Why one answer does not fit its question (None when it does)."""
    if target not in answer_targets(question):
        return f"target {target!r} is not asked for this question"
    problem = QUESTION_TYPES[question.type].check(question, value, likelihood)
    counted_effect = isinstance(value, int) and value != 0
    if problem is None and question.requires_note and counted_effect and not note.strip():
        problem = "a rationale (note) is required for a non-neutral answer"
    return problem
