"""The deliberation agenda: flagged cells, ordered by D x M x V x L, each with a reason."""

from __future__ import annotations

from compass import QuestionSet, aggregate, deliberation_agenda
from compass._text import MINUS
from tests.compass.helpers import effect

U = "unknown"
TIMES = "\u00d7"


def _answers() -> list:  # type: ignore[type-arg]
    return [
        # privacy x pupils: D 4, M 2, V 2 (vulnerable), L 1 -> 16
        effect("a", "privacy", "pupils", -2, likelihood=4),
        effect("b", "privacy", "pupils", 2, likelihood=4),
        # privacy x teachers: D 4, M 2, V 1, L 1 -> 8
        effect("a", "privacy", "teachers", -2, likelihood=4),
        effect("b", "privacy", "teachers", 2, likelihood=4),
        # justice x pupils: D 3, M 2, V 2, L 0.5 -> 6
        effect("a", "justice", "pupils", -1, likelihood=2),
        effect("b", "justice", "pupils", 2, likelihood=2),
        # autonomy x vendor: all unknown: D 1 x 4, M 2 (precaution), V 1, L 1 -> 8
        effect("a", "autonomy", "vendor", U),
        effect("b", "autonomy", "vendor", U),
        effect("c", "autonomy", "vendor", U),
        # transparency x parents: agreement, not on the agenda
        effect("a", "transparency", "parents", 0),
        effect("b", "transparency", "parents", 1),
    ]


def test_agenda_order_and_priority_factors(association: QuestionSet) -> None:
    agenda = deliberation_agenda(association, aggregate(association, _answers()))
    assert [(i.value, i.stakeholder, i.priority) for i in agenda] == [
        ("privacy", "pupils", 16.0),
        ("autonomy", "vendor", 8.0),  # ties keep set order: autonomy before privacy
        ("privacy", "teachers", 8.0),
        ("justice", "pupils", 6.0),
    ]
    first = agenda[0]
    assert (first.disagreement, first.impact, first.vulnerability, first.likelihood) == (
        4.0,
        2.0,
        2.0,
        1.0,
    )
    assert agenda[3].likelihood == 0.5


def test_every_item_explains_itself_in_both_languages(association: QuestionSet) -> None:
    agenda = deliberation_agenda(association, aggregate(association, _answers()))
    assert agenda[0].explanation.nl == (
        f"Privacy voor leerlingen: leden verschillen 4 punten ({MINUS}2 tot +2); "
        f"de leden zijn verdeeld: 1{TIMES} positief, 1{TIMES} negatief; "
        "het gaat om een kwetsbare groep."
    )
    assert agenda[1].explanation.en == "Autonomy for vendor: 3 of 3 members don't know (yet)."
    assert all("\n" not in item.explanation.nl + item.explanation.en for item in agenda)


def test_no_disagreement_means_an_empty_agenda(association: QuestionSet) -> None:
    answers = [effect(m, "privacy", "pupils", -1, likelihood=3) for m in "abc"]
    assert deliberation_agenda(association, aggregate(association, answers)) == ()
