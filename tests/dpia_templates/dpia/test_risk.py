"""The risk matrix and the art. 36 conclusion."""

from __future__ import annotations

import pytest

from dpia_templates.dpia import (
    RISK_MATRIX,
    ConsultationStatus,
    RiskLevel,
    RiskPoint,
    level_label,
    prior_consultation_needed,
    risk_level,
    risk_points,
    risk_table,
)

L, M, H = RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH
# (severity, likelihood, level): the whole documented 4x4 matrix.
MATRIX = [
    (1, 1, L), (2, 1, L), (3, 1, M), (4, 1, M),
    (1, 2, L), (2, 2, M), (3, 2, M), (4, 2, H),
    (1, 3, L), (2, 3, M), (3, 3, H), (4, 3, H),
    (1, 4, M), (2, 4, H), (3, 4, H), (4, 4, H),
]  # fmt: skip


def point(number: int, *ratings: int | None) -> RiskPoint:
    """A risk point named after its number: severity, likelihood, residual severity, likelihood."""
    severity, likelihood, residual_s, residual_l = (*ratings, None, None)[:4]
    return RiskPoint(
        number, f"r{number}", f"Risk {number}", severity, likelihood, residual_s, residual_l
    )


@pytest.mark.parametrize(("severity", "likelihood", "level"), MATRIX)
def test_risk_level_matrix(severity: int, likelihood: int, level: RiskLevel) -> None:
    assert risk_level(severity, likelihood) is level
    assert RISK_MATRIX[likelihood - 1][severity - 1] is level


def test_matrix_never_decreases_with_severity_or_likelihood() -> None:
    order = [L, M, H]
    for s in range(1, 5):
        for likelihood in range(1, 5):
            here = order.index(risk_level(s, likelihood))
            assert s == 4 or order.index(risk_level(s + 1, likelihood)) >= here
            assert likelihood == 4 or order.index(risk_level(s, likelihood + 1)) >= here


@pytest.mark.parametrize(("severity", "likelihood"), [(0, 1), (1, 5), (5, 5), (2, -1)])
def test_levels_outside_one_to_four_are_refused(severity: int, likelihood: int) -> None:
    with pytest.raises(ValueError, match="levels must be 1-4"):
        risk_level(severity, likelihood)


def test_level_labels() -> None:
    assert [level_label(n).en for n in range(1, 5)] == [
        "negligible",
        "limited",
        "significant",
        "maximum",
    ]
    assert level_label(3).nl == "aanzienlijk"


# (points, status, ids the conclusion rests on, a phrase of the first English reason)
REQUIRED, NOT_REQUIRED, INCOMPLETE = (
    ConsultationStatus.REQUIRED,
    ConsultationStatus.NOT_REQUIRED,
    ConsultationStatus.INCOMPLETE,
)
CONCLUSIONS = [
    ([], INCOMPLETE, (), "The risk register is empty."),
    ([point(1, 2, 2)], NOT_REQUIRED, (), "None of the 1 risks"),
    ([point(1, 4, 4, 2, 1)], NOT_REQUIRED, (), "None of the 1 risks"),
    ([point(1, 4, 4, 4, 2)], REQUIRED, ("r1",), "'Risk 1' has a high residual risk (severity 4"),
    ([point(1, 3, 3)], REQUIRED, ("r1",), "its residual risk has not been rated yet"),
    ([point(1, 1, 1), point(2, None, None)], INCOMPLETE, ("r2",), "'Risk 2' has no severity"),
    ([point(1, 2, 2, 4, 4), point(2, None, 3)], REQUIRED, ("r1",), "Risk 1"),
    ([point(1, 4, 4, 3, 3), point(2, 3, 4, 1, 1), point(3, 2, 4, 2, 4)], REQUIRED, ("r1", "r3"),
     "Risk 1"),
]  # fmt: skip


@pytest.mark.parametrize(("points", "status", "ids", "reason"), CONCLUSIONS)
def test_prior_consultation(
    points: list[RiskPoint], status: ConsultationStatus, ids: tuple[str, ...], reason: str
) -> None:
    conclusion = prior_consultation_needed(points)
    assert conclusion.status is status
    assert conclusion.required is (status is ConsultationStatus.REQUIRED)
    assert conclusion.risk_ids == ids
    assert reason in conclusion.reasons[0].en
    assert all(r.nl and r.en for r in conclusion.reasons)
    assert conclusion.summary.nl


def test_required_names_the_unrated_risks_too() -> None:
    conclusion = prior_consultation_needed([point(1, 4, 4), point(2, None, None)])
    assert [r.en.split("'")[1] for r in conclusion.reasons] == ["Risk 1", "Risk 2"]


def test_risk_points_and_table_from_a_document() -> None:
    doc = {
        "risks": [
            {
                "id": "a",
                "title": "A",
                "severity": 3,
                "likelihood": 4,
                "residual_severity": 2,
                "residual_likelihood": 2,
            },
            {
                "id": "b",
                "title": "",
                "severity": None,
                "likelihood": None,
                "residual_severity": None,
                "residual_likelihood": None,
            },
        ]
    }
    points = risk_points(doc)
    assert points[0] == RiskPoint(1, "a", "A", 3, 4, 2, 2)
    assert points[1].title == "b"
    assert points[0].level is H
    assert points[1].level is None
    rows = risk_table(points, "en")
    assert (rows[0].severity, rows[0].likelihood, rows[0].level) == (
        "3 - significant",
        "4 - maximum",
        "high",
    )
    assert (rows[0].residual_level, rows[0].residual_level_code) == ("medium", "medium")
    assert (rows[1].level, rows[1].level_code) == ("not rated", None)
    assert risk_table(points, "nl")[0].level == "hoog"
