"""One member's compass answers as plain data: what the app stores and what scoring reads.

Plain (JSON) shape, per case::

    {member_id: {question_urn: {target: {"value": ..., "likelihood": ..., "note": "..."}}}}

`target` is a stakeholder id (stakeholder_effect), a value id (value_rating) or "" (others).
`value` is a scale point (int, "not_applicable", "unknown"), an option id (list for a multiple
choice) or text; `likelihood` only for effects; `note` is the member's rationale.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from compass.errors import InputError
from compass.model import AnswerValue, QuestionSet
from compass.question_types import check_answer

NO_TARGET = ""
ANSWER_KEYS = frozenset({"value", "likelihood", "note"})


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer of one member to one question about one target (stakeholder or value)."""

    member: str
    question: str
    target: str | None
    value: AnswerValue
    likelihood: int | str | None = None
    note: str = ""


def _mapping(raw: object, where: str) -> Mapping[str, Any]:
    """A JSON object with string keys, or an InputError saying where it is not."""
    if not isinstance(raw, Mapping) or not all(isinstance(key, str) for key in raw):
        raise InputError(f"{where}: must be an object with string keys")
    return raw


def _value(raw: object, where: str) -> AnswerValue:
    """A JSON answer value; lists (multiple choice) become tuples so answers stay hashable."""
    if isinstance(raw, list):
        if not all(isinstance(item, str) for item in raw):
            raise InputError(f"{where}.value: a list may only hold option ids")
        return tuple(raw)
    if raw is None or isinstance(raw, str) or (isinstance(raw, int) and not isinstance(raw, bool)):
        return raw
    raise InputError(f"{where}.value: must be a number, text, list of option ids or null")


def answers_from_plain(data: Mapping[str, Any]) -> tuple[Answer, ...]:
    """Read the stored nested shape into Answer records (shape errors raise InputError)."""
    answers = []
    for member, questions in _mapping(data, "answers").items():
        for urn, targets in _mapping(questions, member).items():
            for target, raw in _mapping(targets, f"{member}.{urn}").items():
                where = f"{member}.{urn}.{target!r}"
                entry = _mapping(raw, where)
                unknown = sorted(entry.keys() - ANSWER_KEYS)
                if unknown:
                    raise InputError(f"{where}: unknown key(s) {unknown}")
                likelihood = entry.get("likelihood")
                if likelihood is not None and not isinstance(likelihood, int | str):
                    raise InputError(f"{where}.likelihood: must be a scale point")
                note = entry.get("note", "")
                if not isinstance(note, str):
                    raise InputError(f"{where}.note: must be text")
                answers.append(
                    Answer(
                        member,
                        urn,
                        target or None,
                        _value(entry.get("value"), where),
                        likelihood,
                        note,
                    )
                )
    return tuple(answers)


def answers_to_plain(answers: Iterable[Answer]) -> dict[str, Any]:
    """The nested JSON shape, sorted by member, question and target for stable storage."""
    result: dict[str, Any] = {}
    for answer in sorted(answers, key=lambda a: (a.member, a.question, a.target or NO_TARGET)):
        entry: dict[str, Any] = {
            "value": list(answer.value) if isinstance(answer.value, tuple) else answer.value
        }
        if answer.likelihood is not None:
            entry["likelihood"] = answer.likelihood
        if answer.note:
            entry["note"] = answer.note
        targets = result.setdefault(answer.member, {}).setdefault(answer.question, {})
        targets[answer.target or NO_TARGET] = entry
    return result


def validate_answers(question_set: QuestionSet, answers: Iterable[Answer]) -> tuple[str, ...]:
    """Problems with answers against a set ('' tuple when all fit); run before storing them."""
    questions = {question.urn: question for question in question_set.questions}
    problems = []
    for answer in answers:
        where = f"{answer.member} / {answer.question} / {answer.target or '-'}"
        question = questions.get(answer.question)
        if question is None:
            problems.append(f"{where}: unknown question")
            continue
        problem = check_answer(
            question, answer.target, answer.value, answer.likelihood, answer.note
        )
        if problem:
            problems.append(f"{where}: {problem}")
    return tuple(problems)
