"""Risk levels and the art. 36 conclusion: one documented matrix, so every screen rates alike.

Severity and likelihood use the CNIL's four levels (1 negligible, 2 limited, 3 significant,
4 maximum). The Dutch government model asks for a level low / medium / high; RISK_MATRIX maps
each cell of the CNIL 4x4 map to it, weighting severity slightly more than likelihood
(rows: likelihood 4 → 1, columns: severity 1 → 4):

    likelihood 4 maximum       medium  high    high    high
    likelihood 3 significant   low     medium  high    high
    likelihood 2 limited       low     medium  medium  high
    likelihood 1 negligible    low     low     medium  medium
                               sev 1   sev 2   sev 3   sev 4

The residual risk is the rating after the measures; until it is rated, the rating before the
measures counts, so an unassessed high risk keeps prior consultation required.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from dpia_templates._data import Text
from dpia_templates.dpia.labels import pair, say
from dpia_templates.dpia.model import LEVELS


class RiskLevel(enum.StrEnum):
    """The Dutch model's risk level."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


L, M, H = RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH
# RISK_MATRIX[likelihood - 1][severity - 1]
RISK_MATRIX: tuple[tuple[RiskLevel, ...], ...] = (
    (L, L, M, M),
    (L, M, M, H),
    (L, M, H, H),
    (M, H, H, H),
)


def level_label(level: int) -> Text:
    """The CNIL name of a level 1-4."""
    return pair(f"level.{level}")


def risk_level(severity: int, likelihood: int) -> RiskLevel:
    """Risk level of one cell of the map (ValueError outside 1-4)."""
    if severity not in LEVELS or likelihood not in LEVELS:
        raise ValueError(f"levels must be 1-4, got severity {severity}, likelihood {likelihood}")
    return RISK_MATRIX[likelihood - 1][severity - 1]


class ConsultationStatus(enum.StrEnum):
    """Whether art. 36 prior consultation is needed."""

    REQUIRED = "required"
    NOT_REQUIRED = "not_required"
    INCOMPLETE = "incomplete"


@dataclass(frozen=True, slots=True)
class RiskPoint:
    """One risk as the map, the table and the conclusion need it; `number` is its marker."""

    number: int
    id: str
    title: str
    severity: int | None
    likelihood: int | None
    residual_severity: int | None = None
    residual_likelihood: int | None = None

    @property
    def rated(self) -> bool:
        """Whether the risk has a severity and a likelihood before the measures."""
        return self.severity is not None and self.likelihood is not None

    @property
    def residual_rated(self) -> bool:
        """Whether the risk was rated again after the measures."""
        return self.residual_severity is not None and self.residual_likelihood is not None

    @property
    def level(self) -> RiskLevel | None:
        """Level before the measures (None when unrated)."""
        if self.severity is None or self.likelihood is None:
            return None
        return risk_level(self.severity, self.likelihood)

    def cell(self, residual: bool = False) -> tuple[int, int] | None:
        """(severity, likelihood) on the map before or after the measures; None when unrated."""
        if residual:
            if self.residual_severity is None or self.residual_likelihood is None:
                return None
            return self.residual_severity, self.residual_likelihood
        if self.severity is None or self.likelihood is None:
            return None
        return self.severity, self.likelihood

    def effective_residual(self) -> tuple[int, int] | None:
        """The residual rating, or the rating before the measures while none is given."""
        return self.cell(residual=True) or self.cell()


def risk_points(doc: Mapping[str, Any]) -> tuple[RiskPoint, ...]:
    """Risk points of a DPIA document, numbered in register order from 1."""
    return tuple(
        RiskPoint(
            number=number,
            id=str(risk["id"]),
            title=str(risk.get("title") or risk["id"]),
            severity=risk.get("severity"),
            likelihood=risk.get("likelihood"),
            residual_severity=risk.get("residual_severity"),
            residual_likelihood=risk.get("residual_likelihood"),
        )
        for number, risk in enumerate(doc.get("risks", []), start=1)
    )


@dataclass(frozen=True, slots=True)
class Conclusion:
    """The art. 36 conclusion with reasons that name the risks it rests on."""

    status: ConsultationStatus
    summary: Text
    reasons: tuple[Text, ...]
    risk_ids: tuple[str, ...]

    @property
    def required(self) -> bool:
        """Whether the supervisory authority must be consulted before processing starts."""
        return self.status is ConsultationStatus.REQUIRED


def prior_consultation_needed(risks: Iterable[RiskPoint]) -> Conclusion:
    """Art. 36: required while a high residual risk remains; incomplete while risks are unrated."""
    points = tuple(risks)
    high: list[RiskPoint] = []
    reasons: list[Text] = []
    unrated: list[RiskPoint] = []
    for point in points:
        cell = point.effective_residual()
        if cell is None:
            unrated.append(point)
        elif risk_level(*cell) is RiskLevel.HIGH:
            high.append(point)
            key = "high" if point.residual_rated else "high_unassessed"
            values = {"severity": cell[0], "likelihood": cell[1]}
            reasons.append(pair(f"consultation.{key}", **_named(point), **values))
    reasons.extend(pair("consultation.unrated", **_named(point)) for point in unrated)
    if high:
        status, ids = ConsultationStatus.REQUIRED, tuple(p.id for p in high)
    elif unrated or not points:
        status, ids = ConsultationStatus.INCOMPLETE, tuple(p.id for p in unrated)
        reasons = reasons or [pair("consultation.empty")]
    else:
        status, ids = ConsultationStatus.NOT_REQUIRED, ()
        reasons = [pair("consultation.none_high", count=len(points))]
    return Conclusion(status, pair(f"consultation.{status.value}"), tuple(reasons), ids)


def _named(point: RiskPoint) -> dict[str, object]:
    """The placeholders naming a risk in a reason."""
    return {"number": point.number, "title": point.title}


@dataclass(frozen=True, slots=True)
class RiskRow:
    """One row of the accessible table beside the risk map, in one language."""

    number: int
    id: str
    title: str
    severity: str
    likelihood: str
    level: str
    level_code: str | None
    residual_severity: str
    residual_likelihood: str
    residual_level: str
    residual_level_code: str | None


def describe_level(level: int | None, lang: str) -> str:
    """'3 - significant', or 'not rated'."""
    return (
        say("text.not_rated", lang) if level is None else f"{level} - {say(f'level.{level}', lang)}"
    )


def _level_cells(cell: tuple[int, int] | None, lang: str) -> tuple[str, str, str, str | None]:
    """Severity, likelihood, level text and level code of one map cell."""
    if cell is None:
        unrated = say("text.not_rated", lang)
        return unrated, unrated, unrated, None
    code = risk_level(*cell).value
    return (
        describe_level(cell[0], lang),
        describe_level(cell[1], lang),
        say(f"risk_level.{code}", lang),
        code,
    )


def risk_table(points: Iterable[RiskPoint], lang: str) -> list[RiskRow]:
    """Rows for the table that gives the risk map's content to screen readers and print."""
    rows = []
    for point in points:
        before = _level_cells(point.cell(), lang)
        after = _level_cells(point.cell(residual=True), lang)
        rows.append(RiskRow(point.number, point.id, point.title, *before, *after))
    return rows
