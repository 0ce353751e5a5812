"""CNIL PIA tool import and export of the tool's own example PIA, and of malformed files."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from typing import Any

import pytest

from dpia_templates.dpia import (
    CnilError,
    from_cnil,
    load_template,
    new_document,
    to_cnil,
    validate_document,
)
from tests.dpia_templates.dpia.helpers import by_key

PARTS = ("answers", "measures", "evaluations", "comments")
TEMPLATE = load_template("other")


def _cnil_answers(doc: Mapping[str, Any]) -> int:
    """How many CNIL answers a document holds (question answers plus the three risks' answers)."""
    answers = sum("answer" in a.get("extra", {}).get("cnil", {}) for a in doc["answers"].values())
    return answers + sum(len(r["extra"]["cnil"]["answers"]) for r in doc["risks"])


def test_import_places_every_part_of_the_example(captoo: dict[str, Any]) -> None:
    doc = from_cnil(captoo, TEMPLATE, lang="en")
    assert validate_document(doc, TEMPLATE) == []
    assert _cnil_answers(doc) == 36
    assert len(doc["answers"]) == 18
    assert len(doc["measures"]) == 23
    assert len(doc["evaluations"]) == 40
    assert doc["text_format"] == "html"
    assert doc["case"]["title"] == "Captoo"
    assert doc["opinions"]["dpo"] == {
        "name": "Michael Thomas (DPO)",
        "opinion": captoo["pia"]["dpo_opinion"],
        "status": "positive",
    }
    assert doc["opinions"]["data_subjects"]["sought"] is True
    assert doc["extra"]["cnil"]["pia"]["status"] == 3
    assert doc["answers"]["b11_legal_basis"]["note"].startswith("Le fondement juridique")
    assert doc["measures"][0] | {"extra": None} == {
        "id": "cnil_101", "title": "Chiffrement", "description": captoo["measures"][0]["content"],
        "owner": None, "due_date": None, "status": None, "extra": None,
    }  # fmt: skip


RISKS = [
    ("cnil_illegitimate_access", "Illegitimate access to data", (3, 4, 3, 1),
     ["Contrôle des accès logiques", "Chiffrement"]),
    ("cnil_unwanted_modification", "Unwanted modification of data", (2, 2, None, None),
     ["Sauvegardes", "Chiffrement"]),
    ("cnil_disappearance", "Disappearance of data", (2, 2, None, None),
     ["Surveillance", "Sécurité des matériels"]),
]  # fmt: skip


@pytest.mark.parametrize(("risk_id", "title", "ratings", "first_measures"), RISKS)
def test_the_three_cnil_risks_become_register_risks(
    captoo: dict[str, Any],
    risk_id: str,
    title: str,
    ratings: tuple[int | None, ...],
    first_measures: list[str],
) -> None:
    doc = from_cnil(captoo, TEMPLATE, lang="en")
    risk = next(r for r in doc["risks"] if r["id"] == risk_id)
    assert risk["title"] == title
    assert (
        risk["severity"],
        risk["likelihood"],
        risk["residual_severity"],
        risk["residual_likelihood"],
    ) == ratings
    titles = {m["id"]: m["title"] for m in doc["measures"]}
    assert [titles[m] for m in risk["measure_ids"]][:2] == first_measures
    assert risk["measure_names"] == []
    assert risk["impacts"]
    assert risk["risk_sources"]
    assert risk["severity_reason"].startswith(("En cas de", "Les personnes"))


def test_example_round_trip_keeps_everything(captoo: dict[str, Any]) -> None:
    original = copy.deepcopy(captoo)
    out = to_cnil(from_cnil(captoo, TEMPLATE), TEMPLATE, embed=False)
    assert captoo == original
    for part in PARTS:
        assert len(out[part]) == len(original[part])
    assert (
        len(out["answers"]),
        len(out["measures"]),
        len(out["evaluations"]),
        len(out["comments"]),
    ) == (36, 23, 40, 1)
    answers, before = (
        by_key(out["answers"], "reference_to"),
        by_key(original["answers"], "reference_to"),
    )
    for ref, answer in before.items():
        assert answers[ref]["data"] == answer["data"], ref
    measures = by_key(out["measures"])
    for key, measure in by_key(original["measures"]).items():
        assert (measures[key]["title"], measures[key]["content"]) == (
            measure["title"],
            measure["content"],
        )
    evaluations = by_key(out["evaluations"], "reference_to")
    fields = ("status", "evaluation_comment", "action_plan_comment", "gauges", "reference_to")
    for ref, evaluation in by_key(original["evaluations"], "reference_to").items():
        assert {f: evaluations[ref].get(f) for f in fields} == {
            f: evaluation.get(f) for f in fields
        }
    assert out["comments"] == original["comments"]
    assert out["pia"] == original["pia"]
    for part in PARTS:  # ids are kept too, so the parts are equal item for item
        assert by_key(out[part]) == by_key(original[part])


def test_reimporting_an_export_gives_the_same_document(captoo: dict[str, Any]) -> None:
    doc = from_cnil(captoo, TEMPLATE)
    exported = json.loads(json.dumps(to_cnil(doc, TEMPLATE)))
    assert exported["ethicsdesk"] == doc
    assert from_cnil(exported, TEMPLATE) == doc
    assert from_cnil(to_cnil(doc, TEMPLATE, embed=False), TEMPLATE) == doc


def test_items_without_a_place_are_kept_raw(captoo: dict[str, Any]) -> None:
    captoo["answers"].append(
        {"id": 999, "pia_id": 12, "reference_to": 999, "data": {"text": "custom"}}
    )
    captoo["answers"].append(
        {"id": 998, "pia_id": 12, "reference_to": 111, "data": {"text": "second"}}
    )
    captoo["evaluations"].append({"id": 997, "pia_id": 12, "reference_to": "2.1.212", "status": 9})
    captoo["evaluations"].append({"id": 996, "pia_id": 12, "reference_to": 5})
    captoo["comments"].append(
        {"id": 7, "pia_id": 12, "reference_to": 101, "for_measure": True, "description": "m"}
    )
    captoo["comments"].append(
        {"id": 8, "pia_id": 12, "reference_to": 212, "for_measure": False, "description": "again"}
    )
    captoo["pia"]["dpo_status"] = 7
    captoo["structure_note"] = {"kept": True}
    doc = from_cnil(captoo, TEMPLATE)
    assert validate_document(doc, TEMPLATE) == []
    raw = doc["extra"]["cnil"]
    assert [a["id"] for a in raw["answers"]] == [999, 998]
    assert [e["id"] for e in raw["evaluations"]] == [996]
    assert [c["id"] for c in raw["comments"]] == [7, 8]
    assert raw["top"] == {"structure_note": {"kept": True}}
    assert doc["opinions"]["dpo"].get("status") is None
    out = to_cnil(doc, TEMPLATE, embed=False)
    for part in PARTS:
        assert by_key(out[part]) == by_key(captoo[part]), part
    assert out["pia"] == captoo["pia"]
    assert out["structure_note"] == {"kept": True}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "no 'pia' object"),
        ({"answers": []}, "no 'pia' object"),
        ({"pia": {}, "answers": {}}, "'answers' must be a list of objects"),
        ({"pia": {}, "measures": [1]}, "'measures' must be a list of objects"),
    ],
)
def test_files_that_are_not_cnil_exports_are_refused(data: Any, message: str) -> None:
    with pytest.raises(CnilError, match=message):
        from_cnil(data, TEMPLATE)


def test_minimal_file_and_bad_language() -> None:
    doc = from_cnil({"pia": {"name": "Leeg"}}, TEMPLATE)
    assert validate_document(doc, TEMPLATE) == []
    assert (doc["case"]["title"], doc["risks"], doc["answers"]) == ("Leeg", [], {})
    with pytest.raises(CnilError, match="unknown language 'fr'"):
        from_cnil({"pia": {}}, TEMPLATE, lang="fr")


def test_invalid_documents_are_not_exported() -> None:
    doc = new_document(TEMPLATE)
    doc["risks"][0]["severity"] = 9
    with pytest.raises(
        CnilError, match=r"cannot export an invalid document: \$.risks\[0\].severity"
    ):
        to_cnil(doc, TEMPLATE)
