"""Our own DPIAs in the CNIL format: exact round trip, what the CNIL tool sees, and its edits."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dpia_templates.dpia import (
    DpiaTemplate,
    from_cnil,
    load_template,
    new_document,
    to_cnil,
    validate_document,
)
from tests.dpia_templates.dpia.helpers import by_key


def _filled(template: DpiaTemplate) -> dict[str, Any]:
    """A document with every question answered, notes, ratings, owners and an evaluation."""
    doc = new_document(template, lang="en", title="Product X")
    for question in template.questions:
        answer: dict[str, Any] = {
            "text": f"Answer to {question.id}",
            "author": "eva",
            "updated_at": "2025-03-01T09:00:00Z",
        }
        if question.codes:
            answer["choice"] = list(question.codes[:2]) if question.multiple else question.codes[-1]
        if question.id.startswith("b"):
            answer["note"] = f"Note on {question.id}"
        doc["answers"][question.id] = answer
    for number, risk in enumerate(doc["risks"]):
        risk["residual_severity"], risk["residual_likelihood"] = (
            1 + number % 4,
            1 + (number + 1) % 4,
        )
    doc["measures"][0].update(owner="ICT", due_date="2025-12-31", status="implemented")
    doc["evaluations"] = [
        {"target": "question:a1_proposal", "status": "to_correct", "comment": "More detail"}
    ]
    doc["opinions"]["dpo"] = {
        "name": "FG",
        "status": "conditional",
        "opinion": "Only with the measures",
    }
    doc["opinions"]["prior_consultation"] = {"needed": False, "motivation": "No high residual risk"}
    return doc


@pytest.mark.parametrize(
    "template_id", ["lms", "generative_ai", "proctoring", "camera_access_biometrics", "other"]
)
def test_our_documents_survive_the_cnil_format(template_id: str) -> None:
    template = load_template(template_id)
    doc = _filled(template)
    exported = json.loads(json.dumps(to_cnil(doc, template)))
    assert from_cnil(exported, template) == doc


def test_what_the_cnil_tool_itself_sees_of_our_document() -> None:
    template = load_template("generative_ai")
    doc = _filled(template)
    exported = to_cnil(doc, template, embed=False)
    answers = by_key(exported["answers"], "reference_to")
    assert answers["111"]["data"] == {"text": "Answer to a1_proposal", "gauge": 0, "list": []}
    assert answers["212"]["data"]["text"] == (
        "<p><strong>Consent (a), Contract (b)</strong></p>\nAnswer to b11_legal_basis"
    )
    assert [c["reference_to"] for c in exported["comments"]] == [
        212,
        222,
        213,
        214,
        221,
        223,
        224,
        225,
    ]
    by_event: dict[str, list[dict[str, Any]]] = {}
    for risk in doc["risks"]:
        by_event.setdefault(risk["feared_event"], []).append(risk)
    gauges = {
        a["reference_to"]: a["data"]["gauge"]
        for a in exported["answers"]
        if a["reference_to"] in (325, 326, 345, 346)
    }
    access = by_event["illegitimate_access"]
    assert gauges[325] == max(r["severity"] for r in access)
    assert gauges[326] == max(r["likelihood"] for r in access)
    assert gauges[345] == max(r["severity"] for r in by_event["disappearance"])
    evaluation = by_key(exported["evaluations"], "reference_to")["3.2"]
    assert evaluation["gauges"] == {
        "x": max(r["residual_severity"] for r in access),
        "y": max(r["residual_likelihood"] for r in access),
    }
    assert by_key(exported["evaluations"], "reference_to")["1.1.111"]["status"] == 1
    assert len(exported["measures"]) == len(doc["measures"])
    assert exported["pia"]["dpo_status"] == 1

    plain = from_cnil(exported, template, lang="en")
    assert validate_document(plain, template) == []
    assert plain["answers"]["a1_proposal"]["text"] == "Answer to a1_proposal"
    assert plain["answers"]["b14_accuracy"]["note"] == "Note on b14_accuracy"
    assert "b14_subsidiarity" not in plain["answers"]  # no CNIL question: only in the embedded copy
    assert [(m["title"], m["description"]) for m in plain["measures"]] == [
        (m["title"], m["description"]) for m in doc["measures"]
    ]
    slot = next(r for r in plain["risks"] if r["id"] == "cnil_illegitimate_access")
    assert (slot["severity"], slot["residual_severity"]) == (gauges[325], evaluation["gauges"]["x"])


def test_edits_made_in_the_cnil_tool_are_taken_over() -> None:
    template = load_template("generative_ai")
    doc = _filled(template)
    exported = to_cnil(doc, template)
    answers = by_key(exported["answers"], "reference_to")
    answers["111"]["data"]["text"] = "<p>Edited in the CNIL tool</p>"
    answers["212"]["data"]["text"] = (
        "<p><strong>Consent (a), Contract (b)</strong></p>\nNew basis text"
    )
    answers["325"]["data"]["gauge"] = 4
    exported["measures"][0]["title"] = "Renamed measure"
    removed = exported["measures"].pop(1)
    exported["measures"].append(
        {"id": 900, "pia_id": 1, "title": "Extra control", "content": "Added there"}
    )
    exported["evaluations"].append(
        {
            "id": 901,
            "reference_to": "2.1.211",
            "status": 3,
            "evaluation_comment": "Fine",
            "gauges": {"x": 0, "y": 0},
        }
    )
    exported["pia"]["dpos_names"] = "New DPO"
    back = from_cnil(json.loads(json.dumps(exported)), template)

    assert validate_document(back, template) == []
    assert back["answers"]["a1_proposal"]["text"] == "<p>Edited in the CNIL tool</p>"
    assert back["answers"]["a1_proposal"]["author"] == "eva"
    assert back["answers"]["b11_legal_basis"]["choice"] == ["consent", "contract"]
    assert back["answers"]["b11_legal_basis"]["text"] == "New basis text"
    assert back["answers"]["b14_subsidiarity"] == doc["answers"]["b14_subsidiarity"]
    assert back["measures"][0] | {"title": None} == doc["measures"][0] | {
        "title": None,
        "extra": back["measures"][0].get("extra"),
    }
    assert back["measures"][0]["title"] == "Renamed measure"
    gone = doc["measures"][1]["id"]
    assert removed["title"] == doc["measures"][1]["title"]
    assert gone not in {m["id"] for m in back["measures"]}
    assert all(gone not in r["measure_ids"] for r in back["risks"])
    assert back["measures"][-1]["title"] == "Extra control"
    slot = next(r for r in back["risks"] if r["id"] == "cnil_illegitimate_access")
    assert slot["severity"] == 4
    assert {r["id"] for r in doc["risks"]} < {r["id"] for r in back["risks"]}
    assert {"target": "question:a5_purposes", "status": "acceptable"}.items() <= back[
        "evaluations"
    ][-1].items()
    assert back["opinions"]["dpo"] == doc["opinions"]["dpo"] | {"name": "New DPO"}
