"""The CNIL's three risks (3.2 access, 3.3 modification, 3.4 disappearance) and our register.

Importing turns each CNIL risk into one register risk `cnil_<feared event>`. Exporting writes such
a risk back as it is; without one, the register's risks of that feared event are combined
(lists joined, the highest severity and likelihood), since the CNIL tool has exactly three slots.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from dpia_templates._data import is_whole
from dpia_templates.dpia._cnil_common import (
    EVENT_OF_SLOT,
    SLOT_OF_EVENT,
    answer_data,
    cnil_extra,
    data_rest,
    join,
    question_reference,
    slot_reference,
    slot_risk_id,
    split,
    with_extra,
)
from dpia_templates.dpia.labels import say
from dpia_templates.dpia.model import LEVELS, DpiaTemplate, FearedEvent

LIST_FIELDS: Mapping[int, str] = {1: "impacts", 2: "threats", 3: "risk_sources"}
MEASURES_DIGIT = 4
GAUGE_FIELDS: Mapping[int, tuple[str, str]] = {
    5: ("severity", "severity_reason"),
    6: ("likelihood", "likelihood_reason"),
}
ANSWER_PLACED = ("reference_to", "data", "pia_id")


def level_or_none(value: object) -> int | None:
    """A CNIL gauge as our level; 0 (undefined) and anything odd become None."""
    return (
        value
        if isinstance(value, int) and not isinstance(value, bool) and value in LEVELS
        else None
    )


def slot_of(ref: object) -> tuple[FearedEvent, int] | None:
    """(feared event, question digit 1-6) of a risk question id such as 325."""
    if not is_whole(ref):
        return None
    event = EVENT_OF_SLOT.get(ref // 10)
    return (event, ref % 10) if event is not None and 1 <= ref % 10 <= 6 else None


def slot_answer_fits(digit: int, raw: Mapping[str, Any]) -> bool:
    """Whether a risk answer has the shape we can place (others stay raw in `extra`)."""
    data = raw.get("data")
    if not isinstance(data, Mapping):
        return False
    if digit in GAUGE_FIELDS:
        gauge = data.get("gauge")
        gauge_ok = gauge is None or is_whole(gauge)
        return isinstance(data.get("text"), str | None) and gauge_ok
    items = data.get("list")
    return isinstance(items, list) and all(isinstance(item, str) for item in items)


def new_slot_risk(event: FearedEvent, lang: str) -> dict[str, Any]:
    """An empty register risk standing for one CNIL risk."""
    return {
        "id": slot_risk_id(event),
        "title": say(f"feared_event.{event.value}", lang),
        "description": "",
        "source": "",
        "affected": "",
        "feared_event": event.value,
        "likelihood": None,
        "severity": None,
        "residual_likelihood": None,
        "residual_severity": None,
        "measure_ids": [],
        "measure_names": [],
        "impacts": [],
        "threats": [],
        "risk_sources": [],
        "severity_reason": None,
        "likelihood_reason": None,
    }


def slot_risk(
    event: FearedEvent,
    answers: Mapping[int, Mapping[str, Any]],
    measures: Sequence[Mapping[str, Any]],
    lang: str,
) -> dict[str, Any]:
    """One CNIL risk as a register risk; measures named in 3x4 are linked by their title."""
    by_title: dict[str, str] = {}
    for measure in measures:
        by_title.setdefault(measure["title"], measure["id"])
    risk = new_slot_risk(event, lang)
    kept: dict[str, Any] = {}
    for digit, raw in sorted(answers.items()):
        data = raw["data"]
        placed: tuple[str, ...] = ("list",)
        if digit in GAUGE_FIELDS:
            level_key, reason_key = GAUGE_FIELDS[digit]
            risk[reason_key] = data.get("text")
            risk[level_key] = level_or_none(data.get("gauge"))
            placed = ("text", "gauge") if risk[level_key] is not None else ("text",)
        elif digit == MEASURES_DIGIT:
            for title in data["list"]:
                measure_id = by_title.get(title)
                if measure_id is not None and measure_id not in risk["measure_ids"]:
                    risk["measure_ids"].append(measure_id)
                else:
                    risk["measure_names"].append(title)
        else:
            risk[LIST_FIELDS[digit]] = list(data["list"])
        kept[str(raw["reference_to"])] = {
            "answer": split(raw, ANSWER_PLACED),
            "data": data_rest(data, placed),
        }
    return with_extra(risk, {"answers": kept})


def _unique(values: Iterable[str]) -> list[str]:
    """Values in first-seen order without repeats."""
    return list(dict.fromkeys(values))


def _highest(values: Iterable[int | None]) -> int | None:
    """The highest rating given, or None."""
    return max((value for value in values if value is not None), default=None)


def slot_risks(doc: Mapping[str, Any], event: FearedEvent) -> tuple[list[Mapping[str, Any]], bool]:
    """The risks exported to one CNIL slot and whether it is the slot's own risk (else combined)."""
    risks = [r for r in doc["risks"] if r["feared_event"] == event.value]
    own = [r for r in risks if r["id"] == slot_risk_id(event)]
    return (own, True) if own else (risks, False)


def _own_values(risk: Mapping[str, Any], titles: Mapping[str, str]) -> dict[int, Any]:
    """A slot risk's six answers, exactly as imported or edited."""
    names = [titles[m] for m in risk["measure_ids"] if m in titles] + risk.get("measure_names", [])
    return {
        1: risk.get("impacts", []),
        2: risk.get("threats", []),
        3: risk.get("risk_sources", []),
        4: names,
        5: (risk.get("severity_reason"), risk["severity"]),
        6: (risk.get("likelihood_reason"), risk["likelihood"]),
    }


def _reasons(risks: Sequence[Mapping[str, Any]], key: str) -> str | None:
    """Each combined risk's rationale (or else its description), headed by its title."""
    lines = []
    for risk in risks:
        reason = risk.get(key) or risk["description"]
        lines.append(f"{risk['title']}: {reason}" if reason else risk["title"])
    return "\n\n".join(lines) or None


def _sources(risk: Mapping[str, Any]) -> list[str]:
    """A risk's sources as a list: the imported list, else its source text."""
    return list(risk.get("risk_sources") or ([risk["source"]] if risk["source"] else []))


def _combined_values(
    risks: Sequence[Mapping[str, Any]], titles: Mapping[str, str]
) -> dict[int, Any]:
    """Several register risks of one feared event folded into one CNIL risk."""
    names = [titles[m] for r in risks for m in r["measure_ids"] if m in titles]
    names += [name for r in risks for name in r.get("measure_names", [])]
    return {
        1: _unique(i for r in risks for i in (r.get("impacts") or [r["title"]])),
        2: _unique(t for r in risks for t in r.get("threats", [])),
        3: _unique(s for r in risks for s in _sources(r)),
        4: _unique(names),
        5: (_reasons(risks, "severity_reason"), _highest(r["severity"] for r in risks)),
        6: (_reasons(risks, "likelihood_reason"), _highest(r["likelihood"] for r in risks)),
    }


def slot_answers(
    doc: Mapping[str, Any], event: FearedEvent, pia_id: object
) -> list[dict[str, Any]]:
    """The CNIL answers 3x1-3x6 of one slot (no answer where there is nothing to say)."""
    risks, own = slot_risks(doc, event)
    if not risks:
        return []
    titles = {m["id"]: m["title"] for m in doc["measures"]}
    values = _own_values(risks[0], titles) if own else _combined_values(risks, titles)
    kept = cnil_extra(risks[0]).get("answers", {}) if own else {}
    answers = []
    for digit, value in values.items():
        ref = SLOT_OF_EVENT[event] * 10 + digit
        stored = kept.get(str(ref))
        empty = not value if digit not in GAUGE_FIELDS else value == (None, None)
        if stored is None and empty:
            continue
        rest = stored["data"] if stored else None
        if digit in GAUGE_FIELDS:
            data = answer_data("gauge", rest, text=value[0], gauge=value[1])
        else:
            data = answer_data("list", rest, list=list(value))
        built = {"pia_id": pia_id, "reference_to": ref, "data": data}
        answers.append(join(stored["answer"] if stored else {}, built))
    return answers


def slot_residual(doc: Mapping[str, Any], event: FearedEvent) -> tuple[int | None, int | None]:
    """Residual (severity, likelihood) of one slot: the slot risk's, or the highest combined."""
    risks, _ = slot_risks(doc, event)
    return (
        _highest(r["residual_severity"] for r in risks),
        _highest(r["residual_likelihood"] for r in risks),
    )


def evaluation_reference(
    target: str, doc: Mapping[str, Any], template: DpiaTemplate, measure_ids: Mapping[str, int]
) -> str | None:
    """The CNIL `reference_to` of an evaluation target, or None where the CNIL tool has none."""
    kind, _, name = target.partition(":")
    if kind == "cnil":
        return name
    if kind == "measure" and name in measure_ids:
        return f"3.1.{measure_ids[name]}"
    if kind == "question" and template.has_question(name):
        ref = template.question(name).cnil_ref
        return question_reference(ref) if ref is not None else None
    for event in SLOT_OF_EVENT:
        if kind == "risk" and name == slot_risk_id(event) and slot_risks(doc, event)[1]:
            return slot_reference(event)
    return None
