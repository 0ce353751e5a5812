"""Aggregate members' answers per value x stakeholder: medians, spreads and disagreement flags.

'not applicable' and 'unknown' never count in a median or spread; 'unknown' is counted
separately because many unknowns are themselves a reason to deliberate.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from compass.answers import Answer
from compass.model import NOT_APPLICABLE, UNKNOWN, Question, QuestionSet, Scale, Thresholds
from compass.question_types import QUESTION_TYPES, answer_targets

FLAG_SPREAD = "spread"
FLAG_OPPOSITE = "opposite_signs"
FLAG_UNKNOWN = "many_unknown"
FLAGS = (FLAG_SPREAD, FLAG_OPPOSITE, FLAG_UNKNOWN)


@dataclass(frozen=True, slots=True)
class Stats:
    """Summary of counted answers (whole numbers) plus how many said unknown or not applicable."""

    count: int
    unknown: int
    not_applicable: int
    median: float | None
    minimum: int | None
    maximum: int | None
    spread: int | None
    iqr: float | None
    positive: int
    negative: int

    @property
    def unknown_share(self) -> float:
        """Share of 'unknown' among members who gave an effect or said unknown."""
        answered = self.count + self.unknown
        return self.unknown / answered if answered else 0.0


@dataclass(frozen=True, slots=True)
class Position:
    """One member's answer in a cell, shown next to the aggregate so nobody's view disappears."""

    member: str
    question: str
    value: int | str
    likelihood: int | str | None
    note: str


@dataclass(frozen=True, slots=True)
class CellSummary:
    """Value x stakeholder: the effect statistics, the likelihood, the flags and all positions."""

    value: str
    stakeholder: str
    scale: str
    stats: Stats
    likelihood_median: float | None
    likelihood_weight: float | None
    flags: tuple[str, ...]
    positions: tuple[Position, ...]


@dataclass(frozen=True, slots=True)
class RatingSummary:
    """A scale or value-rating question (per value for ratings), aggregated the same way."""

    question: str
    target: str | None
    stats: Stats
    flags: tuple[str, ...]
    positions: tuple[Position, ...]


@dataclass(frozen=True, slots=True)
class Aggregation:
    """Everything aggregated for one case and set version (store it with the advisory)."""

    set_id: str
    set_version: str
    members: tuple[str, ...]
    thresholds: Thresholds
    cells: tuple[CellSummary, ...]
    ratings: tuple[RatingSummary, ...]

    def cell(self, value: str, stakeholder: str) -> CellSummary | None:
        """The cell of one value and stakeholder, if the set asks about it."""
        for cell in self.cells:
            if cell.value == value and cell.stakeholder == stakeholder:
                return cell
        return None


def _is_number(point: object) -> bool:
    """Whole numbers only: JSON booleans are not scale points."""
    return isinstance(point, int) and not isinstance(point, bool)


def stats_of(points: Iterable[object]) -> Stats:
    """Median, min/max spread and IQR of the counted points; specials are only counted."""
    points = list(points)
    numbers = sorted(point for point in points if _is_number(point))
    count = len(numbers)
    iqr = None
    if count:
        quartiles = statistics.quantiles(numbers, n=4, method="inclusive") if count > 1 else None
        iqr = float(quartiles[2] - quartiles[0]) if quartiles else 0.0
    return Stats(
        count=count,
        unknown=sum(1 for point in points if point == UNKNOWN),
        not_applicable=sum(1 for point in points if point == NOT_APPLICABLE),
        median=float(statistics.median(numbers)) if count else None,
        minimum=numbers[0] if count else None,
        maximum=numbers[-1] if count else None,
        spread=numbers[-1] - numbers[0] if count else None,
        iqr=iqr,
        positive=sum(1 for number in numbers if number > 0),
        negative=sum(1 for number in numbers if number < 0),
    )


def flags_of(stats: Stats, thresholds: Thresholds) -> tuple[str, ...]:
    """Disagreement flags by the set's thresholds: wide spread, opposite signs, many unknowns."""
    flags = []
    if stats.spread is not None and stats.spread >= thresholds.disagreement_spread:
        flags.append(FLAG_SPREAD)
    minimum = thresholds.opposite_signs_min
    if minimum > 0 and stats.positive >= minimum and stats.negative >= minimum:
        flags.append(FLAG_OPPOSITE)
    if stats.unknown >= thresholds.many_unknown_min and (
        stats.unknown_share >= thresholds.many_unknown_share
    ):
        flags.append(FLAG_UNKNOWN)
    return tuple(flags)


def _positions(
    answers: Sequence[Answer], scale: Scale | None, likelihoods: Scale | None = None
) -> tuple[Position, ...]:
    """Answers on the scale as positions sorted by member; a likelihood off its scale is dropped."""
    kept = [
        Position(
            a.member,
            a.question,
            a.value,
            a.likelihood if likelihoods is not None and likelihoods.accepts(a.likelihood) else None,
            a.note,
        )
        for a in answers
        if scale is not None and isinstance(a.value, int | str) and scale.accepts(a.value)
    ]
    return tuple(sorted(kept, key=lambda p: (p.member, p.question)))


def _likelihood(
    positions: Sequence[Position], scale: Scale | None
) -> tuple[float | None, float | None]:
    """Median likelihood of counted effects and its 0..1 weight (None when nobody estimated it)."""
    numbers = [
        p.likelihood for p in positions if _is_number(p.value) and isinstance(p.likelihood, int)
    ]
    if scale is None or not numbers:
        return None, None
    median = float(statistics.median(numbers))
    return median, scale.normalise(median)


def _cells(
    question_set: QuestionSet,
    grouped: dict[tuple[str, str | None], list[Answer]],
    thresholds: Thresholds,
) -> tuple[CellSummary, ...]:
    """One cell per value x stakeholder asked by stakeholder_effect questions, in set order."""
    per_cell: dict[tuple[str, str], list[tuple[Question, list[Answer]]]] = defaultdict(list)
    for question in question_set.questions:
        if QUESTION_TYPES[question.type].target != "stakeholder":
            continue
        for value in question.values:
            for stakeholder in question.stakeholders:
                per_cell[value, stakeholder].append(
                    (question, grouped.get((question.urn, stakeholder), []))
                )
    value_order = {value.id: index for index, value in enumerate(question_set.all_values)}
    stakeholder_order = {s.id: index for index, s in enumerate(question_set.stakeholders)}
    cells = []
    for (value, stakeholder), parts in sorted(
        per_cell.items(), key=lambda item: (value_order[item[0][0]], stakeholder_order[item[0][1]])
    ):
        positions = tuple(
            sorted(
                (
                    p
                    for question, answers in parts
                    for p in _positions(answers, question.scale, question.likelihood_scale)
                ),
                key=lambda p: (p.member, p.question),
            )
        )
        stats = stats_of(p.value for p in positions)
        first = parts[0][0]
        median, weight = _likelihood(positions, first.likelihood_scale)
        flags = flags_of(stats, thresholds)
        scale_id = first.scale.id if first.scale else ""
        cells.append(
            CellSummary(value, stakeholder, scale_id, stats, median, weight, flags, positions)
        )
    return tuple(cells)


def _ratings(
    question_set: QuestionSet,
    grouped: dict[tuple[str, str | None], list[Answer]],
    thresholds: Thresholds,
) -> tuple[RatingSummary, ...]:
    """Scale and value-rating questions, per question and target, in set order."""
    ratings = []
    for question in question_set.questions:
        if question.type not in ("scale", "value_rating"):
            continue
        for target in answer_targets(question):
            positions = _positions(grouped.get((question.urn, target), []), question.scale)
            stats = stats_of(p.value for p in positions)
            flags = flags_of(stats, thresholds)
            ratings.append(RatingSummary(question.urn, target, stats, flags, positions))
    return tuple(ratings)


def aggregate(
    question_set: QuestionSet, answers: Iterable[Answer], thresholds: Thresholds | None = None
) -> Aggregation:
    """Aggregate all members' answers; answers that do not fit the set are ignored, never fatal."""
    answers = list(answers)
    thresholds = thresholds or question_set.thresholds
    grouped: dict[tuple[str, str | None], list[Answer]] = defaultdict(list)
    for answer in answers:
        grouped[answer.question, answer.target].append(answer)
    return Aggregation(
        set_id=question_set.id,
        set_version=question_set.version,
        members=tuple(sorted({answer.member for answer in answers})),
        thresholds=thresholds,
        cells=_cells(question_set, grouped, thresholds),
        ratings=_ratings(question_set, grouped, thresholds),
    )
