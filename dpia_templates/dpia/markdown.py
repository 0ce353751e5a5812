"""Markdown export of a DPIA: a readable, complete record for the committee, the DPO and the MR."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dpia_templates.dpia.labels import say
from dpia_templates.dpia.model import DpiaTemplate, Question
from dpia_templates.dpia.risk import (
    prior_consultation_needed,
    risk_points,
    risk_table,
)

OPINION_FIELDS: Mapping[str, tuple[str, ...]] = {
    "dpo": ("name", "date", "document_version", "status", "opinion"),
    "data_subjects": ("sought", "names", "date", "status", "opinion", "reason_not_sought"),
    "prior_consultation": ("needed", "motivation", "date", "reference", "outcome"),
}


def _cell(value: object) -> str:
    """A value made safe for one Markdown table cell."""
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def _table(header: list[str], rows: list[list[object]]) -> list[str]:
    """A Markdown table."""
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(_cell(value) for value in row) + " |" for row in rows]
    return [*lines, ""]


def _answer(question: Question, answer: Mapping[str, Any] | None, lang: str) -> list[str]:
    """One question with its answer, choice labels and note."""
    lines = [f"### {getattr(question.label, lang)}", ""]
    answer = answer or {}
    choice = answer.get("choice")
    if choice:
        codes = choice if isinstance(choice, list) else [choice]
        labels = [
            getattr(question.choice_label(c), lang) if c in question.codes else c for c in codes
        ]
        lines += [f"**{say('text.choice', lang)}:** {', '.join(labels)}", ""]
    if answer.get("text"):
        lines += [str(answer["text"]).strip(), ""]
    elif not choice:
        lines += [say("text.not_answered", lang), ""]
    if answer.get("note"):
        note = str(answer["note"]).strip().replace("\n", "\n> ")
        lines += [f"> **{say('text.note', lang)}:** {note}", ""]
    return lines


def _risks(doc: Mapping[str, Any], lang: str) -> list[str]:
    """The risk register table and each risk's details."""
    if not doc["risks"]:
        return [say("text.no_risks", lang), ""]
    titles = {m["id"]: m["title"] for m in doc["measures"]}
    header = ["number", "title", "feared_event", "severity", "likelihood", "level", "residual"]
    header = [say(f"text.{key}", lang) for key in header] + [say("text.linked_measures", lang)]
    rows = []
    for row, risk in zip(risk_table(risk_points(doc), lang), doc["risks"], strict=True):
        names = [titles.get(m, m) for m in risk["measure_ids"]] + risk.get("measure_names", [])
        event = say(f"feared_event.{risk['feared_event']}", lang)
        cells = [row.severity, row.likelihood, row.level, row.residual_level, "; ".join(names)]
        rows.append([row.number, row.title, event, *cells])
    lines = [f"### {say('text.risk_register', lang)}", "", *_table(header, rows)]
    for number, risk in enumerate(doc["risks"], start=1):
        lines += [f"#### {number}. {risk['title']}", ""]
        fields = [
            ("description", risk.get("description")),
            ("source", risk.get("source") or "; ".join(risk.get("risk_sources", []))),
            ("affected", risk.get("affected")),
            ("reasons_severity", risk.get("severity_reason")),
            ("reasons_likelihood", risk.get("likelihood_reason")),
        ]
        lines += [
            f"- **{say(f'text.{key}', lang)}:** {_cell(value)}" for key, value in fields if value
        ]
        lines.append("")
    return lines


def _measures(doc: Mapping[str, Any], lang: str) -> list[str]:
    """The measures table and descriptions."""
    if not doc["measures"]:
        return [say("text.no_measures", lang), ""]
    header = [say(f"text.{key}", lang) for key in ("title", "owner", "due_date", "status")]
    rows = [
        [
            m["title"],
            m.get("owner"),
            m.get("due_date"),
            m["status"] and say(f"measure_status.{m['status']}", lang),
        ]
        for m in doc["measures"]
    ]
    lines = [f"### {say('text.measures', lang)}", "", *_table(header, rows)]
    for measure in doc["measures"]:
        lines += [f"#### {measure['title']}", "", str(measure.get("description") or "").strip(), ""]
    return lines


def _opinion_value(key: str, value: object, lang: str) -> str:
    """A readable opinion field."""
    if isinstance(value, bool):
        return say("text.yes" if value else "text.no", lang)
    if key == "status":
        return say(f"opinion_status.{value}", lang)
    return _cell(value)


def _opinions(doc: Mapping[str, Any], template: DpiaTemplate, lang: str) -> list[str]:
    """Part E: the recorded opinions and the computed art. 36 conclusion."""
    lines: list[str] = []
    for opinion in template.opinions:
        lines += [f"### {getattr(opinion.label, lang)}", "", f"_{opinion.reference}_", ""]
        recorded = doc["opinions"].get(opinion.id) or {}
        fields = [
            k for k in OPINION_FIELDS.get(opinion.id, ()) if recorded.get(k) not in (None, "")
        ]
        lines += [
            f"- **{say(f'opinion_field.{k}', lang)}:** {_opinion_value(k, recorded[k], lang)}"
            for k in fields
        ] or [say("text.no_opinion", lang)]
        lines.append("")
        if opinion.id == "prior_consultation":
            conclusion = prior_consultation_needed(risk_points(doc))
            lines += [
                f"**{say('text.conclusion', lang)}:** {getattr(conclusion.summary, lang)}",
                "",
            ]
            lines += [f"- {getattr(reason, lang)}" for reason in conclusion.reasons] + [""]
    return lines


def _evaluations(doc: Mapping[str, Any], lang: str) -> list[str]:
    """The evaluations of an imported or reviewed DPIA."""
    if not doc["evaluations"]:
        return []
    header = [say(f"text.{key}", lang) for key in ("target", "status", "comment", "action_plan")]
    rows = [
        [
            e["target"],
            say(f"evaluation_status.{e['status']}", lang),
            e.get("comment"),
            e.get("action_plan"),
        ]
        for e in doc["evaluations"]
    ]
    return [f"## {say('text.evaluations', lang)}", "", *_table(header, rows)]


def document_to_markdown(doc: Mapping[str, Any], template: DpiaTemplate, lang: str) -> str:
    """The whole DPIA as Markdown: every section, every answer, the registers and the opinions."""
    case = doc["case"]
    lines = [f"# DPIA: {case.get('title') or getattr(template.title, lang)}", ""]
    meta = [
        (
            say("text.template", lang),
            f"{getattr(template.title, lang)} ({template.id} {doc['template']['version']})",
        )
    ]
    if case.get("vendor"):
        meta.append((say("text.vendor", lang), case["vendor"]))
    lines += [f"- **{name}:** {_cell(value)}" for name, value in meta] + [""]
    for section in template.sections:
        lines += [f"## {getattr(section.title, lang)}", "", f"_{section.reference}_", ""]
        for question in section.questions:
            lines += _answer(question, doc["answers"].get(question.id), lang)
        if section.id == "C":
            lines += _risks(doc, lang)
        elif section.id == "D":
            lines += _measures(doc, lang)
        elif section.id == "E":
            lines += _opinions(doc, template, lang)
    lines += _evaluations(doc, lang)
    return "\n".join(lines).rstrip() + "\n"
