"""Turn disagreement into a deliberation agenda: what the committee should talk about first.

Priority of a flagged value x stakeholder cell (higher = earlier on the agenda)::

    priority = D x M x V x L

    D  disagreement size: spread (max - min of the counted effects); when many members
       said 'unknown', at least unknown_share x scale width (not knowing is disagreement too)
    M  impact: the largest |effect| any member expects; the scale's largest |point| when
       nobody gave an effect (precaution)
    V  vulnerability: thresholds.vulnerable_weight (default 2) for a vulnerable stakeholder, else 1
    L  likelihood: median likelihood mapped onto (0, 1] (1 of 4 points = 0.25 ... 4 of 4 = 1);
       1 when nobody estimated it (precaution: "we dare to slow down")

Ties keep the set's order (values, then stakeholders), so the agenda is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

from compass._text import Text, format_number, in_sentence, message
from compass.aggregation import FLAG_OPPOSITE, FLAG_SPREAD, FLAG_UNKNOWN, Aggregation, CellSummary
from compass.model import QuestionSet


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """One agenda item with the factors of its priority, so the order can be explained."""

    value: str
    stakeholder: str
    priority: float
    disagreement: float
    impact: float
    vulnerability: float
    likelihood: float
    flags: tuple[str, ...]
    explanation: Text


def _signed(number: int) -> str:
    """An effect point with its sign (same in both languages for whole numbers)."""
    return format_number(number, "en", signed=True, digits=0)


def _reasons(cell: CellSummary, vulnerable: bool) -> Text:
    """The flags of a cell as one '; '-joined phrase per language."""
    stats = cell.stats
    parts: list[Text] = []
    if FLAG_SPREAD in cell.flags and stats.minimum is not None and stats.maximum is not None:
        parts.append(
            message("agenda.spread").fill(
                spread=stats.spread or 0,
                minimum=_signed(stats.minimum),
                maximum=_signed(stats.maximum),
            )
        )
    if FLAG_OPPOSITE in cell.flags:
        parts.append(
            message("agenda.opposite").fill(positive=stats.positive, negative=stats.negative)
        )
    if FLAG_UNKNOWN in cell.flags:
        parts.append(
            message("agenda.unknown").fill(
                unknown=stats.unknown, answered=stats.count + stats.unknown
            )
        )
    if vulnerable:
        parts.append(message("agenda.vulnerable"))
    return Text(nl="; ".join(part.nl for part in parts), en="; ".join(part.en for part in parts))


def agenda_item(question_set: QuestionSet, cell: CellSummary) -> AgendaItem:
    """Score and explain one flagged cell (see the module docstring for the formula)."""
    scale = question_set.scales[cell.scale]
    stats = cell.stats
    stakeholder = question_set.stakeholder(cell.stakeholder)
    disagreement = float(stats.spread or 0)
    if FLAG_UNKNOWN in cell.flags:
        width = scale.maximum - scale.minimum
        disagreement = max(disagreement, stats.unknown_share * width)
    if stats.count:
        impact = float(max(abs(stats.minimum or 0), abs(stats.maximum or 0)))
    else:
        impact = float(max(abs(scale.minimum), abs(scale.maximum)))
    vulnerability = question_set.thresholds.vulnerable_weight if stakeholder.vulnerable else 1.0
    likelihood = cell.likelihood_weight if cell.likelihood_weight is not None else 1.0
    explanation = message("agenda.item").fill(
        value=question_set.value(cell.value).name,
        stakeholder=in_sentence(stakeholder.name),
        reasons=_reasons(cell, stakeholder.vulnerable),
    )
    return AgendaItem(
        value=cell.value,
        stakeholder=cell.stakeholder,
        priority=round(disagreement * impact * vulnerability * likelihood, 6),
        disagreement=disagreement,
        impact=impact,
        vulnerability=vulnerability,
        likelihood=likelihood,
        flags=cell.flags,
        explanation=explanation,
    )


def deliberation_agenda(
    question_set: QuestionSet, aggregation: Aggregation
) -> tuple[AgendaItem, ...]:
    """Flagged cells as agenda items, most important first (stable: ties keep set order)."""
    items = [agenda_item(question_set, cell) for cell in aggregation.cells if cell.flags]
    return tuple(sorted(items, key=lambda item: -item.priority))
