"""What the opened comparison shows: spread per cell, the agenda, the heat map and the graph."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from compass import (
    NO_TARGET,
    AgendaItem,
    Aggregation,
    CellSummary,
    Position,
    QuestionSet,
    deliberation_agenda,
    heat_map_svg,
    heat_map_table,
)
from compass.graph import (
    find_tensions,
    graph_svg,
    graph_table,
    most_affected_vulnerable,
    net_impact_by_value,
    unmitigated_harms,
)
from ethicsdesk.assessments.graph import aggregation_of, member_key, value_graph
from ethicsdesk.assessments.models import AssessmentRound, MemberAnswers
from ethicsdesk.assessments.page import question_set_of
from ethicsdesk.dpia.models import Dpia
from ethicsdesk.reviews.models import ReviewCase

FLAG_LABELS = {
    "spread": _l("wide spread"),
    "opposite_signs": _l("opposite views"),
    "many_unknown": _l("many don't know"),
}
DASH = "\u2013"  # shown where there is no number
DISPUTED = frozenset({"spread", "opposite_signs"})
WORD_TYPES = frozenset({"open_text", "option", "choice"})


def number(value: float | None, signed: bool = False) -> str:
    """A median or weight in the reader's notation; a dash when there is none."""
    if value is None:
        return DASH
    text = format_decimal(round(value, 2))
    return f"+{text}" if signed and value > 0 else text


def _point(question_set: QuestionSet, scale_id: str | None, point: Any, lang: str) -> str:
    """A member's answer as the scale's words, with the number for counted points."""
    if scale_id is None or point is None:
        return ""
    scale = question_set.scales.get(scale_id)
    try:
        label = scale.label_of(point).get(lang) if scale else str(point)
    except KeyError:
        return str(point)
    if not isinstance(point, int) or scale is None:
        return label
    return f"{number(point, signed=scale.bipolar)} {label}"


def _positions(
    question_set: QuestionSet,
    positions: Sequence[Position],
    scales: tuple[str | None, str | None],
    names: dict[str, str],
    lang: str,
) -> list[dict[str, str]]:
    """Each member's answer by name, so no view disappears behind the median."""
    return [
        {
            "member": names.get(p.member, "?"),
            "answer": _point(question_set, scales[0], p.value, lang),
            "likelihood": _point(question_set, scales[1], p.likelihood, lang),
            "note": p.note,
        }
        for p in positions
    ]


def _likelihood_scale(question_set: QuestionSet, cell: CellSummary) -> str | None:
    """The likelihood scale of the question behind a cell, to put members' estimates in words."""
    for question in question_set.questions:
        if cell.value in question.values and question.likelihood_scale is not None:
            return question.likelihood_scale.id
    return None


def _cell_view(
    question_set: QuestionSet, cell: CellSummary, names: dict[str, str], lang: str
) -> dict[str, Any]:
    """One value x stakeholder cell as text: statistics, flags and positions."""
    stats = cell.stats
    stakeholder = question_set.stakeholder(cell.stakeholder)
    return {
        "stakeholder": stakeholder.name.get(lang),
        "vulnerable": stakeholder.vulnerable,
        "median": number(stats.median, signed=True),
        "spread": DASH if stats.spread is None else str(stats.spread),
        "iqr": number(stats.iqr),
        "count": stats.count,
        "unknown": stats.unknown,
        "not_applicable": stats.not_applicable,
        "likelihood": number(cell.likelihood_median),
        "flags": [str(FLAG_LABELS[flag]) for flag in cell.flags],
        "disputed": bool(DISPUTED & set(cell.flags)),
        "positions": _positions(
            question_set,
            cell.positions,
            (cell.scale, _likelihood_scale(question_set, cell)),
            names,
            lang,
        ),
    }


def _cells_by_value(
    question_set: QuestionSet, aggregation: Aggregation, names: dict[str, str], lang: str
) -> list[dict[str, Any]]:
    """Per value: its cells (one per stakeholder) that anybody answered."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for cell in aggregation.cells:
        if cell.positions:
            groups.setdefault(cell.value, []).append(_cell_view(question_set, cell, names, lang))
    return [
        {"id": value, "name": question_set.value(value).name.get(lang), "cells": cells}
        for value, cells in groups.items()
    ]


def _agenda(question_set: QuestionSet, items: Sequence[AgendaItem], lang: str) -> list[dict]:
    """Agenda items with the disputed ones (spread, opposite views) first, each by priority."""
    ordered = sorted(items, key=lambda item: not (DISPUTED & set(item.flags)))
    return [
        {
            "value": question_set.value(item.value).name.get(lang),
            "stakeholder": question_set.stakeholder(item.stakeholder).name.get(lang),
            "explanation": item.explanation.get(lang),
            "flags": [str(FLAG_LABELS[flag]) for flag in item.flags],
            "disputed": bool(DISPUTED & set(item.flags)),
            "priority": number(item.priority),
            "factors": (number(item.disagreement), number(item.impact),
                        number(item.vulnerability), number(item.likelihood)),
        }
        for item in ordered
    ]  # fmt: skip


def _ratings(
    question_set: QuestionSet, aggregation: Aggregation, names: dict[str, str], lang: str
) -> list[dict[str, Any]]:
    """Scale and value-rating questions aggregated the same way as the effects."""
    rows = []
    for rating in aggregation.ratings:
        if not rating.positions:
            continue
        question = question_set.question(rating.question)
        subject = question_set.value(rating.target).name.get(lang) if rating.target else ""
        rows.append(
            {
                "question": question.text.get(lang),
                "subject": subject,
                "median": number(rating.stats.median),
                "spread": DASH if rating.stats.spread is None else str(rating.stats.spread),
                "flags": [str(FLAG_LABELS[flag]) for flag in rating.flags],
                "positions": _positions(
                    question_set, rating.positions, (question.scale.id, None), names, lang
                ),
            }
        )
    return rows


def _words(
    question_set: QuestionSet, rows: Sequence[MemberAnswers], lang: str
) -> list[dict[str, Any]]:
    """Open answers, proposed options and choices, per question, with who gave them."""
    views = []
    for question in question_set.questions:
        if question.type not in WORD_TYPES:
            continue
        options = {option.id: option.label.get(lang) for option in question.options}
        answers = []
        for row in rows:
            entry = row.answers.get(question.urn, {}).get(NO_TARGET)
            if not entry:
                continue
            value = entry.get("value")
            values = value if isinstance(value, list) else [value]
            text = ", ".join(options.get(str(v), str(v)) for v in values)
            answers.append({"member": row.member.name, "text": text, "note": entry.get("note")})
        if answers:
            views.append({"question": question.text.get(lang), "answers": answers})
    return views


def comparison_context(
    case: ReviewCase,
    round_: AssessmentRound,
    rows: Sequence[MemberAnswers],
    dpia: Dpia | None,
    lang: str,
) -> dict[str, Any]:
    """Everything the comparison page shows; the SVGs are the library's (no script, no style)."""
    question_set = question_set_of(round_)
    names = {member_key(row): row.member.name for row in rows}
    aggregation = aggregation_of(question_set, rows)
    graph = value_graph(case, question_set, aggregation, dpia)
    return {
        "case": case,
        "round": round_,
        "question_set_title": question_set.title.get(lang),
        "members": [row.member.name for row in rows],
        "values": _cells_by_value(question_set, aggregation, names, lang),
        "agenda": _agenda(question_set, deliberation_agenda(question_set, aggregation), lang),
        "ratings": _ratings(question_set, aggregation, names, lang),
        "words": _words(question_set, rows, lang),
        "heat_map_svg": Markup(heat_map_svg(question_set, aggregation, lang)),  # noqa: S704
        "heat_map": heat_map_table(question_set, aggregation, lang),
        "graph_svg": Markup(graph_svg(graph, lang)),  # noqa: S704 - escaped by the library
        "graph_table": graph_table(graph, lang),
        "net_impact": [
            (i.label.get(lang), number(i.positive), number(i.negative), number(i.net, True))
            for i in net_impact_by_value(graph)
            if i.effects
        ],
        "tensions": [tension.explanation.get(lang) for tension in find_tensions(graph)],
        "conditions": [
            (candidate.text.get(lang), number(candidate.priority))
            for candidate in unmitigated_harms(graph)
        ],
        "vulnerable": [
            (
                b.label.get(lang),
                number(b.harm),
                number(b.benefit),
                b.negative_effects,
                b.unmitigated,
            )
            for b in most_affected_vulnerable(graph)
        ],
        "has_dpia": dpia is not None,
    }
