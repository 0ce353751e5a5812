"""The plain answer shape the app stores: read, written back unchanged, validated."""

from __future__ import annotations

from typing import Any

import pytest

from compass import (
    Answer,
    InputError,
    QuestionSet,
    answers_from_plain,
    answers_to_plain,
    validate_answers,
)

P = "urn:ethicsdesk:compass:association:question:effect_privacy"
ALT = "urn:ethicsdesk:compass:association:question:alternatives"
PLAIN: dict[str, Any] = {
    "anna": {
        P: {"pupils": {"value": -2, "likelihood": 4, "note": "Volgt klikgedrag"}},
        ALT: {"": {"value": "not_examined"}},
    },
    "bram": {
        P: {
            "pupils": {"value": "unknown"},
            "teachers": {"value": 1, "likelihood": 2, "note": "Minder nakijken"},
        }
    },
}


def test_plain_answers_round_trip() -> None:
    answers = answers_from_plain(PLAIN)
    assert Answer("anna", P, "pupils", -2, 4, "Volgt klikgedrag") in answers
    assert Answer("anna", ALT, None, "not_examined", None, "") in answers
    assert answers_to_plain(answers) == PLAIN
    assert answers_to_plain(reversed(answers)) == PLAIN


def test_lists_become_tuples_and_back() -> None:
    plain = {"m": {ALT: {"": {"value": ["a", "b"]}}}}
    answers = answers_from_plain(plain)
    assert answers[0].value == ("a", "b")
    assert answers_to_plain(answers) == plain


@pytest.mark.parametrize(
    ("plain", "problem"),
    [
        ([], "answers: must be an object"),
        ({"m": []}, "m: must be an object"),
        ({"m": {P: {"pupils": {"value": 1, "colour": "red"}}}}, "unknown key(s) ['colour']"),
        ({"m": {P: {"pupils": {"value": True}}}}, "must be a number, text"),
        ({"m": {P: {"pupils": {"value": 1.5}}}}, "must be a number, text"),
        ({"m": {P: {"pupils": {"value": [1]}}}}, "only hold option ids"),
        ({"m": {P: {"pupils": {"value": 1, "note": 3}}}}, "note: must be text"),
        (
            {"m": {P: {"pupils": {"value": 1, "likelihood": [2]}}}},
            "likelihood: must be a scale point",
        ),
    ],
)
def test_wrong_shapes_raise_input_errors(plain: Any, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        answers_from_plain(plain)
    assert problem in str(caught.value)


def test_validate_answers_lists_every_problem(association: QuestionSet) -> None:
    answers = (
        *answers_from_plain(PLAIN),
        Answer("cor", "urn:nope", None, 1),
        Answer("cor", P, "pupils", 2, 2, ""),
    )
    assert validate_answers(association, answers) == (
        "cor / urn:nope / -: unknown question",
        f"cor / {P} / pupils: a rationale (note) is required for a non-neutral answer",
    )
