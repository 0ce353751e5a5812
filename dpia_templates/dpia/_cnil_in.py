"""Reading a CNIL PIA export into a DPIA document: what the file itself says, item by item.

An item is placed only where its values fit our document; anything else stays raw in `extra.cnil`
and goes back unchanged on export.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from dpia_templates._data import is_whole
from dpia_templates.dpia._cnil_common import (
    EMBED_KEY,
    EVALUATION_STATUS,
    PARTS,
    SLOT_OF_EVENT,
    CnilError,
    data_rest,
    question_reference,
    slot_reference,
    slot_risk_id,
    split,
    with_extra,
)
from dpia_templates.dpia._cnil_risks import (
    level_or_none,
    new_slot_risk,
    slot_answer_fits,
    slot_of,
    slot_risk,
)
from dpia_templates.dpia.document import FORMAT
from dpia_templates.dpia.model import DpiaTemplate, FearedEvent

PIA_TEXTS: Mapping[str, tuple[str, str]] = {
    "name": ("case", "title"),
    "created_at": ("case", "created_at"),
    "updated_at": ("case", "updated_at"),
    "dpos_names": ("dpo", "name"),
    "dpo_opinion": ("dpo", "opinion"),
    "people_names": ("data_subjects", "names"),
    "concerned_people_opinion": ("data_subjects", "opinion"),
    "concerned_people_searched_content": ("data_subjects", "reason_not_sought"),
}
PIA_STATUS: Mapping[str, str] = {"dpo_status": "dpo", "concerned_people_status": "data_subjects"}
STATUS_CODES: Mapping[int, str] = {1: "positive", 0: "negative"}
EVALUATION_TEXTS: Mapping[str, str] = {
    "evaluation_comment": "comment",
    "action_plan_comment": "action_plan",
    "evaluation_date": "evaluated_at",
    "estimated_implementation_date": "implementation_date",
    "person_in_charge": "person_in_charge",
}
NOT_ID = re.compile(r"[^A-Za-z0-9_.:-]")


def check_shape(data: object) -> None:
    """Refuse anything that is not shaped like a CNIL PIA export."""
    if not isinstance(data, Mapping) or not isinstance(data.get("pia"), Mapping):
        raise CnilError("not a CNIL PIA export: there is no 'pia' object")
    for part in PARTS[1:]:
        items = [] if data.get(part) is None else data[part]
        if not isinstance(items, list) or not all(isinstance(item, Mapping) for item in items):
            raise CnilError(f"not a CNIL PIA export: '{part}' must be a list of objects")


def _fitting(raw: Mapping[str, Any], keys: Iterable[str], fits: Any = str | None) -> list[str]:
    """Keys we can place: absent ones (to keep them absent) and those whose value fits."""
    return [key for key in keys if key not in raw or isinstance(raw[key], fits)]


def _pia(doc: dict[str, Any], pia: Mapping[str, Any]) -> dict[str, Any]:
    """Case and opinions from the `pia` record; returns the leftovers."""
    parts: dict[str, dict[str, Any]] = {"case": {"title": ""}, "dpo": {}, "data_subjects": {}}
    placed = _fitting(pia, PIA_TEXTS)
    for key in placed:
        part, field = PIA_TEXTS[key]
        parts[part][field] = pia.get(key) if key != "name" else pia.get(key) or ""
    for key, part in PIA_STATUS.items():
        value = pia.get(key)
        if value is None or (is_whole(value) and value in STATUS_CODES):
            parts[part]["status"] = STATUS_CODES.get(value) if value is not None else None
            placed.append(key)
    if isinstance(pia.get("concerned_people_searched_opinion"), bool | None):
        parts["data_subjects"]["sought"] = pia.get("concerned_people_searched_opinion")
        placed.append("concerned_people_searched_opinion")
    doc["case"] = parts.pop("case")
    doc["opinions"] = {**parts, "prior_consultation": {}}
    return split(pia, placed)


def _measures(
    items: list[Mapping[str, Any]], known: Mapping[Any, str]
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Measures with ids `cnil_<id>` (or the ids an embedded document gave them), and that map."""
    measures: list[dict[str, Any]] = []
    by_cnil_id: dict[str, str] = {}
    for raw in items:
        cnil_id = raw.get("id")
        ours = (known.get(cnil_id) if is_whole(cnil_id) else None) or f"cnil_{cnil_id}"
        ours = NOT_ID.sub("_", ours)
        while ours in by_cnil_id.values():
            ours += "_"
        by_cnil_id.setdefault(str(cnil_id), ours)
        placed = [*_fitting(raw, ("title", "content")), "pia_id"]
        title = raw.get("title") if "title" in placed else None
        content = raw.get("content") if "content" in placed else None
        measure = {"id": ours, "title": title or "", "description": content or ""}
        measure.update(owner=None, due_date=None, status=None)
        measures.append(with_extra(measure, split(raw, placed)))
    return measures, by_cnil_id


def _answer(raw: Mapping[str, Any]) -> dict[str, Any] | None:
    """A 1xx/2xx answer, or None when its shape does not fit."""
    data = raw.get("data")
    if not isinstance(data, Mapping) or not _fitting(data, ("text",)):
        return None
    if not _fitting(raw, ("updated_at",)):
        return None
    placed = ("reference_to", "data", "pia_id", "updated_at")
    kept = {"answer": split(raw, placed), "data": data_rest(data, ("text",))}
    return with_extra({"text": data.get("text"), "updated_at": raw.get("updated_at")}, kept)


def _target(reference: str, template: DpiaTemplate, measures: Mapping[str, str]) -> str:
    """Our evaluation target for a CNIL reference ('cnil:<reference>' when nothing fits)."""
    last = reference.rsplit(".", 1)[-1]
    if reference.startswith("3.1.") and last in measures:
        return f"measure:{measures[last]}"
    for event in SLOT_OF_EVENT:
        if reference == slot_reference(event):
            return f"risk:{slot_risk_id(event)}"
    question = template.by_cnil_ref().get(int(last)) if last.isdigit() else None
    if question is not None and question_reference(int(last)) == reference:
        return f"question:{question.id}"
    return f"cnil:{reference}"


def _evaluation(
    raw: Mapping[str, Any],
    template: DpiaTemplate,
    measures: Mapping[str, str],
    residuals: dict[FearedEvent, tuple[int | None, int | None]],
) -> dict[str, Any] | None:
    """One evaluation; a risk's gauges become that risk's residual rating."""
    reference = raw.get("reference_to")
    fits = len(_fitting(raw, EVALUATION_TEXTS)) == len(EVALUATION_TEXTS)
    if not isinstance(reference, str) or not reference or not fits:
        return None
    placed = ["pia_id", *EVALUATION_TEXTS]  # reference_to stays in extra: where it came from
    status = raw.get("status")
    if is_whole(status) and 0 <= status < len(EVALUATION_STATUS):
        placed.append("status")
    target = _target(reference, template, measures)
    code = EVALUATION_STATUS[status] if "status" in placed else EVALUATION_STATUS[0]
    evaluation: dict[str, Any] = {"target": target, "status": code}
    evaluation.update({ours: raw.get(theirs) for theirs, ours in EVALUATION_TEXTS.items()})
    for event in SLOT_OF_EVENT:
        if target == f"risk:{slot_risk_id(event)}":
            gauges = raw.get("gauges")
            values = (gauges.get("x"), gauges.get("y")) if isinstance(gauges, Mapping) else ()
            shaped = isinstance(gauges, Mapping) and set(gauges) == {"x", "y"}
            if shaped and all(value == 0 or level_or_none(value) for value in values):
                placed.append("gauges")
                residuals[event] = (level_or_none(values[0]), level_or_none(values[1]))
            else:
                residuals.setdefault(event, (None, None))
    return with_extra(evaluation, split(raw, placed))


def _place_answers(
    doc: dict[str, Any], items: list[Mapping[str, Any]], template: DpiaTemplate
) -> tuple[dict[FearedEvent, dict[int, Mapping[str, Any]]], list[Mapping[str, Any]]]:
    """Answers of mapped questions into the document; risk answers per slot; the rest raw."""
    by_ref = template.by_cnil_ref()
    slots: dict[FearedEvent, dict[int, Mapping[str, Any]]] = {}
    unplaced = []
    for raw in items:
        ref = raw.get("reference_to")
        question = by_ref.get(ref) if is_whole(ref) else None
        slot = slot_of(ref)
        if question is not None and question.id not in doc["answers"] and (answer := _answer(raw)):
            doc["answers"][question.id] = answer
        elif slot and slot[1] not in slots.get(slot[0], {}) and slot_answer_fits(slot[1], raw):
            slots.setdefault(slot[0], {})[slot[1]] = raw
        else:
            unplaced.append(raw)
    return slots, unplaced


def derive(
    data: Mapping[str, Any], template: DpiaTemplate, lang: str, measure_ids: Mapping[Any, str]
) -> dict[str, Any]:
    """The document a CNIL file describes on its own."""
    if lang not in ("nl", "en"):
        raise CnilError(f"unknown language {lang!r} (nl or en)")
    doc: dict[str, Any] = {
        "format": FORMAT,
        "template": {"id": template.id, "version": template.version},
    }
    doc.update(lang=lang, text_format="html", answers={}, risks=[], evaluations=[], extra={})
    unplaced: dict[str, Any] = {"pia": _pia(doc, data["pia"]), "evaluations": []}
    doc["measures"], by_cnil_id = _measures(list(data.get("measures") or []), measure_ids)
    slots, unplaced["answers"] = _place_answers(doc, list(data.get("answers") or []), template)
    residuals: dict[FearedEvent, tuple[int | None, int | None]] = {}
    for raw in data.get("evaluations") or []:
        evaluation = _evaluation(raw, template, by_cnil_id, residuals)
        if evaluation is None:
            unplaced["evaluations"].append(raw)
        else:
            doc["evaluations"].append(evaluation)
    for event in SLOT_OF_EVENT:
        if event in slots:
            risk = slot_risk(event, slots[event], doc["measures"], lang)
        elif event in residuals:
            risk = new_slot_risk(event, lang)
        else:
            continue
        risk["residual_severity"], risk["residual_likelihood"] = residuals.get(event, (None, None))
        doc["risks"].append(risk)
    unplaced["comments"] = _comments(doc, list(data.get("comments") or []), template)
    unplaced["top"] = {k: v for k, v in data.items() if k not in (*PARTS, EMBED_KEY)}
    doc["extra"] = {"cnil": {k: v for k, v in unplaced.items() if v or k == "pia"}}
    return doc


def _comments(
    doc: dict[str, Any], items: list[Mapping[str, Any]], template: DpiaTemplate
) -> list[Mapping[str, Any]]:
    """The first comment on a question becomes its answer's note; the others stay raw."""
    by_ref = template.by_cnil_ref()
    unplaced = []
    for raw in items:
        ref = raw.get("reference_to")
        question = by_ref.get(ref) if is_whole(ref) and not raw.get("for_measure") else None
        text = raw.get("description")
        taken = question is not None and (doc["answers"].get(question.id) or {}).get("note")
        if question is None or taken or not isinstance(text, str) or not text:
            unplaced.append(raw)
            continue
        answer = doc["answers"].setdefault(question.id, {"text": None})
        placed = ("description", "reference_to", "for_measure", "pia_id")
        kept = {**answer.get("extra", {}).get("cnil", {}), "comment": split(raw, placed)}
        answer.update(note=text, extra={"cnil": kept})
    return unplaced
