"""The advisory as the plain document the PDF renderer takes (ethicsdesk/advisories/pdf/
advisory.schema.json), gathered from the case, its screening, DPIA, compass and meeting.

Frozen at "ready for signing": the PDF, its JSON attachment and the archive all come from it.
"""

from __future__ import annotations

from typing import Any

from flask_babel import force_locale

from compass import deliberation_agenda, heat_map_table
from compass.graph import graph_to_json
from dpia_templates import load_vocabulary
from dpia_templates.dpia.risk import risk_level
from ethicsdesk.advisories.models import OUTCOME_LABELS, Advisory
from ethicsdesk.assessments import queries as assessment_queries
from ethicsdesk.assessments.graph import aggregation_of, value_graph
from ethicsdesk.assessments.page import question_set_of
from ethicsdesk.deliberation.models import POSITION_LABELS, MeetingItem, Position
from ethicsdesk.deliberation.operations import eligible_voters
from ethicsdesk.dpia.queries import dpia_of_case, prior_consultation
from ethicsdesk.reviews.screening import conclusions

FOR = {Position.FAVOURABLE, Position.FAVOURABLE_WITH_CONDITIONS}
LEVEL_WORDS = {
    "nl": {"low": "laag", "medium": "gemiddeld", "high": "hoog", None: "niet ingeschat"},
    "en": {"low": "low", "medium": "medium", "high": "high", None: "not rated"},
}


def _text(value: Any, lang: str) -> str:
    return value.get(lang) or value.get("nl", "") if isinstance(value, dict) else str(value)


def _category_label(code: str | None, lang: str) -> str:
    for category in load_vocabulary().categories:
        if category.id == code:
            return getattr(category.name, lang)
    return code or "—"


def _screening(advisory: Advisory, lang: str) -> dict[str, Any]:
    by_key = {item.key: item for item in conclusions(advisory.case)}
    flags = []
    for flag in (advisory.case.screening or {}).get("flags", []):
        item = by_key.get(f"flag:{flag['rule_id']}")
        override = {"reason": item.override.reason} if item and item.override else None
        flags.append(
            {
                "title": _text(flag["title"], lang),
                "reference": flag["reference"],
                "override": override,
            }
        )
    dpia, ai_act = by_key.get("dpia"), by_key.get("ai_act")
    return {
        "dpia": _label_of(dpia, lang),
        "ai_act": _label_of(ai_act, lang),
        "flags": flags,
    }


def _label_of(item: Any, lang: str) -> str:
    if item is None:
        return "—"
    return next((_text(label, lang) for code, label in item.choices if code == item.value), "—")


def _dpia(advisory: Advisory, lang: str) -> dict[str, Any] | None:
    dpia = dpia_of_case(advisory.case)
    if dpia is None:
        return None
    words = LEVEL_WORDS[lang]

    def level(severity: int | None, likelihood: int | None) -> str:
        if not severity or not likelihood:
            return words[None]
        return words[risk_level(severity, likelihood).value]

    risks = [
        {
            "number": number,
            "title": risk.title,
            "severity": risk.severity,
            "likelihood": risk.likelihood,
            "residual_severity": risk.residual_severity,
            "residual_likelihood": risk.residual_likelihood,
            "level": level(risk.severity, risk.likelihood),
            "residual_level": level(risk.residual_severity, risk.residual_likelihood),
        }
        for number, risk in enumerate(dpia.risks, start=1)
    ]
    consultation = prior_consultation(dpia)
    return {
        "summary": [_text({"nl": consultation.summary.nl, "en": consultation.summary.en}, lang)],
        "risks": risks,
        "prior_consultation": getattr(consultation.summary, lang),
    }


def _compass(advisory: Advisory, lang: str) -> tuple[dict[str, Any] | None, str | None]:
    """The heat map cells, agenda and frozen value graph, when a comparison was opened."""
    round_ = assessment_queries.round_of_case(advisory.case)
    if round_ is None or not round_.comparison_open:
        return None, None
    question_set = question_set_of(round_)
    rows = assessment_queries.answers_for_comparison(round_)
    result = aggregation_of(question_set, rows)
    table = heat_map_table(question_set, result, lang)
    cells = []
    for row in table.rows:
        for cell in row.cells:
            stats = result.cell(row.value, cell.stakeholder)
            cells.append(
                {
                    "value": row.value,
                    "stakeholder": cell.stakeholder,
                    "median": cell.median,
                    "spread": stats.stats.spread if stats else None,
                    "count": cell.count,
                    "tone": cell.tone,
                    "flags": list(cell.flags),
                }
            )
    compass = {
        "set_title": {"nl": question_set.title.nl, "en": question_set.title.en},
        "members": len(rows),
        "values": [
            {"id": v.id, "label": {"nl": v.name.nl, "en": v.name.en}} for v in question_set.values
        ],
        "stakeholders": [
            {"id": s.id, "label": {"nl": s.name.nl, "en": s.name.en}}
            for s in question_set.stakeholders
        ],
        "cells": cells,
        "agenda": [
            {
                "value": item.value,
                "stakeholder": item.stakeholder,
                "priority": item.priority,
                "text": {"nl": item.explanation.nl, "en": item.explanation.en},
            }
            for item in deliberation_agenda(question_set, result)
        ],
    }
    graph = value_graph(advisory.case, question_set, result, dpia_of_case(advisory.case))
    return compass, graph_to_json(graph)


def _deliberation(item: MeetingItem | None, lang: str) -> dict[str, Any]:
    """Vote counts and positions; postponing counts as neither for nor against."""
    if item is None:
        return {
            "meeting_date": None,
            "attendance": 0,
            "quorum_met": False,
            "votes": {"for": 0, "against": 0, "abstain": 0},
            "positions": [],
            "conflicts": [],
        }
    with force_locale(lang):
        positions = [
            {
                "member": vote.member.name,
                "position": "for"
                if vote.position in FOR
                else "against"
                if vote.position is Position.UNFAVOURABLE
                else "abstain",
                "reason": f"{POSITION_LABELS[vote.position]}. {vote.reasons}".strip(),
            }
            for vote in sorted(item.votes, key=lambda v: v.member.name)
        ]
    counts = {"for": 0, "against": 0, "abstain": 0}
    for position in positions:
        counts[position["position"]] += 1
    return {
        "meeting_date": item.meeting.held_on.isoformat(),
        "attendance": len(item.meeting.present),
        "quorum_met": len(eligible_voters(item)) >= item.meeting.quorum,
        "votes": counts,
        "positions": positions,
        "conflicts": [{"member": c.member.name, "description": c.note} for c in item.conflicts],
    }


def advisory_document(advisory: Advisory, signers: list[dict[str, str]]) -> dict[str, Any]:
    """Everything the PDF shows, in the advisory's language."""
    lang = advisory.lang
    case = advisory.case
    compass, graph = _compass(advisory, lang)
    item = advisory.meeting_item
    with force_locale(lang):
        outcome_label = str(OUTCOME_LABELS[advisory.outcome])
    return {
        "format": "ethicsdesk-advisory/1",
        "number": advisory.number,
        "version": advisory.version,
        "supersedes": (
            {"number": advisory.supersedes.number, "version": advisory.supersedes.version}
            if advisory.supersedes
            else None
        ),
        "title": advisory.title,
        "issued_on": advisory.issued_on.isoformat(),
        "organisation": case.organisation.name,
        "case": {
            "technology": case.title,
            "vendor": case.vendor or "—",
            "category": _category_label(case.category, lang),
            "schools": [school.name for school in case.schools],
            "requester": case.requester.name,
        },
        "outcome": {"code": advisory.outcome.value, "label": outcome_label},
        "reasons": advisory.reasons,
        "public_summary": advisory.public_summary,
        "conditions": [
            {
                "text": c.text,
                "owner": c.owner or "—",
                "due_date": c.due_date.isoformat() if c.due_date else None,
                "how_checked": c.how_checked,
            }
            for c in advisory.conditions
        ],
        "re_evaluation_date": (
            advisory.re_evaluation_date.isoformat() if advisory.re_evaluation_date else None
        ),
        "screening": _screening(advisory, lang),
        "dpia": _dpia(advisory, lang),
        "compass": compass,
        "graph": graph,
        "deliberation": _deliberation(item, lang),
        "minority_opinions": [
            {"author": o.author.name, "text": o.text}
            for o in (item.minority_opinions if item else [])
        ],
        "signers": signers,
    }
