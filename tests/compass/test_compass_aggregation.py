"""Medians, spreads and disagreement flags per value x stakeholder, on hand-made answers."""

from __future__ import annotations

import pytest

from compass import QuestionSet, Thresholds, aggregate, stats_of
from tests.compass.helpers import effect

U, NA = "unknown", "not_applicable"

# points of several members -> (median, spread, iqr, count, unknown, n/a, flags)
TABLE = [
    ([-2, 1, 2], (1.0, 4, 2.0, 3, 0, 0, ("spread", "opposite_signs"))),
    ([0, 0, 1], (0.0, 1, 0.5, 3, 0, 0, ())),
    ([-1, -2, U, NA], (-1.5, 1, 0.5, 2, 1, 1, ())),
    ([U, U, 1], (1.0, 0, 0.0, 1, 2, 0, ("many_unknown",))),
    ([U, U, U], (None, None, None, 0, 3, 0, ("many_unknown",))),
    ([U, 1, 2, -1], (1.0, 3, 1.5, 3, 1, 0, ("spread", "opposite_signs"))),
    ([1, -1], (0.0, 2, 1.0, 2, 0, 0, ("opposite_signs",))),
    ([NA, NA], (None, None, None, 0, 0, 2, ())),
    ([], (None, None, None, 0, 0, 0, ())),
    ([2, 2, 2, -1], (2.0, 3, 0.75, 4, 0, 0, ("spread", "opposite_signs"))),
    ([-2, -1, 1, 2, 0], (0.0, 4, 2.0, 5, 0, 0, ("spread", "opposite_signs"))),
]


@pytest.mark.parametrize(("points", "expected"), TABLE)
def test_cell_statistics_and_flags(
    association: QuestionSet, points: list[int | str], expected: tuple
) -> None:  # type: ignore[type-arg]
    answers = [
        effect(f"m{index}", "privacy", "pupils", point) for index, point in enumerate(points)
    ]
    cell = aggregate(association, answers).cell("privacy", "pupils")
    assert cell is not None
    stats = cell.stats
    median, spread, iqr, count, unknown, not_applicable, flags = expected
    assert (stats.median, stats.spread, stats.iqr) == (median, spread, iqr)
    assert (stats.count, stats.unknown, stats.not_applicable) == (count, unknown, not_applicable)
    assert cell.flags == flags
    assert [p.member for p in cell.positions] == [f"m{i}" for i in range(len(points))]


def test_thresholds_are_data_and_can_be_overridden(association: QuestionSet) -> None:
    answers = [effect("a", "privacy", "pupils", 1), effect("b", "privacy", "pupils", -1)]
    assert aggregate(association, answers).cell("privacy", "pupils").flags == ("opposite_signs",)  # type: ignore[union-attr]
    strict = Thresholds(disagreement_spread=2, opposite_signs_min=2)
    assert aggregate(association, answers, strict).cell("privacy", "pupils").flags == ("spread",)  # type: ignore[union-attr]


def test_likelihood_median_counts_only_members_who_gave_an_effect(association: QuestionSet) -> None:
    answers = [
        effect("a", "privacy", "pupils", -2, likelihood=4),
        effect("b", "privacy", "pupils", 1, likelihood=2),
        effect("c", "privacy", "pupils", U, likelihood=1),
        effect("d", "privacy", "pupils", 1, likelihood=U),
    ]
    cell = aggregate(association, answers).cell("privacy", "pupils")
    assert cell is not None
    assert (cell.likelihood_median, cell.likelihood_weight) == (3.0, 0.75)


def test_grid_covers_every_value_and_stakeholder_in_set_order(association: QuestionSet) -> None:
    result = aggregate(association, [])
    assert len(result.cells) == 9 * 6
    assert [(c.value, c.stakeholder) for c in result.cells[:2]] == [
        ("justice", "pupils"),
        ("justice", "parents"),
    ]
    assert result.members == ()
    assert result.set_version == "1.0.0"


def test_answers_that_do_not_fit_are_ignored_not_fatal(association: QuestionSet) -> None:
    answers = [
        effect("a", "privacy", "pupils", 7),
        effect("b", "privacy", "pupils", ("x",)),  # type: ignore[arg-type]
        effect("c", "privacy", "aliens", 1),
        effect("d", "privacy", "pupils", -1),
    ]
    result = aggregate(association, answers)
    cell = result.cell("privacy", "pupils")
    assert cell is not None
    assert [p.member for p in cell.positions] == ["d"]
    assert result.members == ("a", "b", "c", "d")
    assert result.cell("privacy", "aliens") is None


def test_ratings_are_aggregated_per_question_and_target() -> None:
    from compass import Answer, load_question_set

    qs = load_question_set("waardenwijzer")
    urn = "urn:ethicsdesk:compass:waardenwijzer:question:values_touched"
    answers = [
        Answer("a", urn, "privacy", 3),
        Answer("b", urn, "privacy", 0),
        Answer("c", urn, "privacy", U),
    ]
    rating = next(r for r in aggregate(qs, answers).ratings if r.target == "privacy")
    assert (rating.stats.median, rating.stats.spread, rating.flags) == (1.5, 3, ("spread",))


def test_stats_ignore_booleans() -> None:
    assert stats_of([True, 1, "x", None]).count == 1
