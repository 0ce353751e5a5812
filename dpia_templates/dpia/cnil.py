"""Import from and export to the CNIL PIA tool's JSON, without losing what either side holds.

Answers map through the template questions' `cnil_ref`; the CNIL's three risks become register
risks `cnil_<feared event>`; evaluations, measures and comments keep their CNIL ids and fields in
`extra.cnil`, and whatever has no place (unknown questions, extra comments, unknown keys) is kept
raw in the document's `extra.cnil`. An export also embeds the whole document under `ethicsdesk`
(the CNIL tool ignores it), so EthicsDesk → CNIL file → EthicsDesk is exact; items edited in the
CNIL tool meanwhile are taken from the file (see `_cnil_merge`).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from dpia_templates._data import is_whole
from dpia_templates.dpia import _cnil_in
from dpia_templates.dpia._cnil_common import (
    EMBED_KEY,
    EVALUATION_STATUS,
    SLOT_OF_EVENT,
    CnilError,
    answer_data,
    choice_prefix,
    cnil_extra,
    join,
    slot_reference,
)
from dpia_templates.dpia._cnil_merge import merge
from dpia_templates.dpia._cnil_risks import evaluation_reference, slot_answers, slot_residual
from dpia_templates.dpia.document import validate_document
from dpia_templates.dpia.model import DpiaTemplate

__all__ = ["CnilError", "from_cnil", "to_cnil"]
DPO_STATUS = {"positive": 1, "conditional": 1, "negative": 0}
PEOPLE_STATUS = {"positive": 1, "negative": 0}


def from_cnil(
    data: Mapping[str, Any], template: DpiaTemplate, *, lang: str = "nl"
) -> dict[str, Any]:
    """A DPIA document from a CNIL PIA export (CnilError if the file is not one)."""
    _cnil_in.check_shape(data)
    data = copy.deepcopy(data)  # the document shares nothing with the caller's data
    embedded = data.get(EMBED_KEY)
    if isinstance(embedded, Mapping) and not validate_document(embedded, template):
        expected = to_cnil(embedded, template, embed=False)
        by_cnil_id = {
            cnil["id"]: ours["id"]
            for ours, cnil in zip(embedded["measures"], expected["measures"], strict=True)
        }
        derived = _cnil_in.derive(data, template, embedded["lang"], by_cnil_id)
        return merge(embedded, derived, data, expected, template)
    return _cnil_in.derive(data, template, lang, {})


def _fill_ids(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give items without a CNIL id the next free ones, keeping the ids items already had."""
    next_id = max((i["id"] for i in items if is_whole(i.get("id"))), default=0) + 1
    for item in items:
        if not is_whole(item.get("id")):
            item["id"] = next_id
            next_id += 1
    return items


def _pia(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The `pia` record: case and opinions placed over the imported leftovers."""
    dpo = doc["opinions"].get("dpo") or {}
    people = doc["opinions"].get("data_subjects") or {}
    built = {
        "name": doc["case"]["title"],
        "created_at": doc["case"].get("created_at"),
        "updated_at": doc["case"].get("updated_at"),
        "dpos_names": dpo.get("name"),
        "dpo_status": DPO_STATUS.get(dpo.get("status") or ""),
        "dpo_opinion": dpo.get("opinion"),
        "concerned_people_searched_opinion": people.get("sought"),
        "people_names": people.get("names"),
        "concerned_people_status": PEOPLE_STATUS.get(people.get("status") or ""),
        "concerned_people_opinion": people.get("opinion"),
        "concerned_people_searched_content": people.get("reason_not_sought"),
    }
    left = cnil_extra(doc).get("pia", {})
    pia = join(left, {k: v for k, v in built.items() if v is not None or k not in left})
    pia.setdefault("id", 1)
    pia.setdefault("status", 0)
    return pia


def _answers(
    doc: Mapping[str, Any], template: DpiaTemplate, pia_id: object
) -> list[dict[str, Any]]:
    """Answers of mapped questions, the three risks' answers, then the raw unplaced ones."""
    answers = []
    for question in template.questions:
        answer = doc["answers"].get(question.id)
        if question.cnil_ref is None or answer is None:
            continue
        kept = cnil_extra(answer)
        choice = answer.get("choice")
        if answer.get("text") is None and not choice and "answer" not in kept:
            continue
        text = (
            choice_prefix(question, choice, doc["lang"]) + (answer.get("text") or "")
            if choice
            else answer.get("text")
        )
        built = {
            "pia_id": pia_id,
            "reference_to": question.cnil_ref,
            "data": answer_data("text", kept.get("data"), text=text),
            "updated_at": answer.get("updated_at"),
        }
        answers.append(join(kept.get("answer", {}), built))
    for event in SLOT_OF_EVENT:
        answers += slot_answers(doc, event, pia_id)
    return answers + cnil_extra(doc).get("answers", [])


def _comments(
    doc: Mapping[str, Any], template: DpiaTemplate, pia_id: object
) -> list[dict[str, Any]]:
    """Answer notes as comments on their question, then the raw unplaced comments."""
    comments = []
    for question in template.questions:
        answer = doc["answers"].get(question.id) or {}
        if question.cnil_ref is None or not answer.get("note"):
            continue
        built = {
            "pia_id": pia_id,
            "reference_to": question.cnil_ref,
            "for_measure": False,
            "description": answer["note"],
        }
        comments.append(join(cnil_extra(answer).get("comment", {}), built))
    return comments + cnil_extra(doc).get("comments", [])


def _evaluations(
    doc: Mapping[str, Any], template: DpiaTemplate, pia_id: object, measure_ids: Mapping[str, int]
) -> list[dict[str, Any]]:
    """Evaluations the CNIL tool can show; a slot's residual rating rides on its evaluation."""
    evaluations = []
    residuals = {slot_reference(event): slot_residual(doc, event) for event in SLOT_OF_EVENT}
    for evaluation in doc["evaluations"]:
        reference = evaluation_reference(evaluation["target"], doc, template, measure_ids)
        if reference is None:
            continue
        left = cnil_extra(evaluation)
        built: dict[str, Any] = {
            "pia_id": pia_id,
            "reference_to": reference,
            "status": None if "status" in left else EVALUATION_STATUS.index(evaluation["status"]),
            "evaluation_comment": evaluation.get("comment"),
            "action_plan_comment": evaluation.get("action_plan"),
            "evaluation_date": evaluation.get("evaluated_at"),
            "estimated_implementation_date": evaluation.get("implementation_date"),
            "person_in_charge": evaluation.get("person_in_charge"),
        }
        if reference in residuals:
            severity, likelihood = residuals.pop(reference)
            if severity or likelihood or "gauges" not in left:
                built["gauges"] = {"x": severity or 0, "y": likelihood or 0}
        evaluations.append(
            join(left, {k: v for k, v in built.items() if v is not None or k not in left})
        )
    for reference, (severity, likelihood) in residuals.items():
        if severity or likelihood:
            gauges = {"x": severity or 0, "y": likelihood or 0}
            evaluations.append(
                {"pia_id": pia_id, "reference_to": reference, "status": 0, "gauges": gauges}
            )
    return evaluations + cnil_extra(doc).get("evaluations", [])


def to_cnil(
    doc: Mapping[str, Any], template: DpiaTemplate, *, embed: bool = True
) -> dict[str, Any]:
    """A CNIL PIA export of a document; with `embed` it also carries the document itself."""
    problems = validate_document(doc, template)
    if problems:
        raise CnilError("cannot export an invalid document: " + "; ".join(problems))
    work = copy.deepcopy(doc)  # the export shares nothing with the document
    pia = _pia(work)
    built = [
        join(cnil_extra(m), {"pia_id": pia["id"], "title": m["title"], "content": m["description"]})
        for m in work["measures"]
    ]
    measures = _fill_ids(built)
    pairs = zip(work["measures"], measures, strict=True)
    measure_ids = {ours["id"]: theirs["id"] for ours, theirs in pairs}
    result = dict(cnil_extra(work).get("top", {}))
    result.update(
        pia=pia,
        answers=_fill_ids(_answers(work, template, pia["id"])),
        measures=measures,
        evaluations=_fill_ids(_evaluations(work, template, pia["id"], measure_ids)),
        comments=_fill_ids(_comments(work, template, pia["id"])),
    )
    if embed:
        result[EMBED_KEY] = copy.deepcopy(dict(doc))
    return result
