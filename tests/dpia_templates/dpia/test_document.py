"""The DPIA document format: new documents, schema and link validation, per-section digests."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from dpia_templates.dpia import (
    FORMAT,
    DpiaTemplate,
    load_document_schema,
    load_template,
    new_document,
    section_content,
    section_digest,
    validate_document,
)

Edit = Callable[[dict[str, Any]], object]


def test_schema_is_valid_draft_2020_12() -> None:
    schema = load_document_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["format"]["const"] == FORMAT
    assert schema["properties"]["extra"] == {"$ref": "#/$defs/extra"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_new_document_for_every_template(templates: Mapping[str, DpiaTemplate], lang: str) -> None:
    for template in templates.values():
        doc = new_document(template, lang=lang, title="Case")
        assert validate_document(doc, template) == []
        assert doc["template"] == {"id": template.id, "version": template.version}
        assert [r["id"] for r in doc["risks"]] == [r.id for r in template.risks]
        assert [m["id"] for m in doc["measures"]] == [m.id for m in template.measures]
        assert {m["status"] for m in doc["measures"]} == {"proposed"}
        assert doc["risks"][0]["title"] == getattr(template.risks[0].title, lang)
        assert doc["opinions"] == {"dpo": {}, "data_subjects": {}, "prior_consultation": {}}


def _set(path: str, value: object) -> Edit:
    """An edit that sets one value at a dotted path (list indexes as numbers)."""

    def edit(doc: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return edit


# (edit, the start of the expected message)
SCHEMA_ERRORS = [
    (_set("format", "ethicsdesk-dpia/2"), "$.format: 'ethicsdesk-dpia/1' was expected"),
    (_set("template.version", "1.0"), "$.template.version: '1.0' does not match"),
    (_set("lang", "fr"), "$.lang: 'fr' is not one of"),
    (_set("risks.0.likelihood", 5), "$.risks[0].likelihood: 5 is greater than the maximum of 4"),
    (_set("risks.0.severity", 0), "$.risks[0].severity: 0 is less than the minimum of 1"),
    (_set("risks.0.feared_event", "fire"), "$.risks[0].feared_event: 'fire' is not one of"),
    (_set("measures.0.due_date", "next week"), "$.measures[0].due_date: 'next week' is not valid"),
    (_set("measures.0.status", "done"), "$.measures[0].status: 'done' is not one of"),
    (_set("answers.a1_proposal", {"text": "x", "colour": 1}),
     "$.answers.a1_proposal: Additional properties"),
    (_set("answers.A1", {"text": "x"}), "$.answers: 'A1' does not match"),
    (_set("opinions.dpo", {"status": "maybe"}), "$.opinions.dpo.status: 'maybe' is not one of"),
    (_set("evaluations", [{"target": "section:A", "status": "pending"}]),
     "$.evaluations[0].target"),
    (_set("unknown", 1), "$: Additional properties are not allowed ('unknown' was unexpected)"),
    (lambda doc: doc.pop("extra"), "$: 'extra' is a required property"),
]  # fmt: skip

LINK_ERRORS = [
    (_set("measures.3.id", "access_control"), "$.measures[3].id: duplicate id 'access_control'"),
    (_set("risks.1.id", "data_breach"), "$.risks[1].id: duplicate id 'data_breach'"),
    (_set("risks.0.measure_ids", ["nope"]), "$.risks[0].measure_ids[0]: unknown measure 'nope'"),
    (_set("evaluations", [{"target": "measure:nope", "status": "pending"}]),
     "$.evaluations[0].target: unknown measure 'nope'"),
    (_set("evaluations", [{"target": "risk:nope", "status": "acceptable"}]),
     "$.evaluations[0].target: unknown risk 'nope'"),
    (_set("evaluations", [{"target": "question:z9", "status": "pending"}]),
     "$.evaluations[0].target: unknown question 'z9'"),
    (_set("answers.z9_unknown", {"text": "x"}), "$.answers.z9_unknown: unknown question"),
    (_set("answers.b11_legal_basis", {"choice": "consent"}),
     "$.answers.b11_legal_basis.choice: must be a list of codes"),
    (_set("answers.a6_processor_agreement", {"choice": ["none"]}),
     "$.answers.a6_processor_agreement.choice: must be one code"),
    (_set("answers.a8_locations", {"choice": ["moon"]}),
     "$.answers.a8_locations.choice: unknown choice(s) ['moon']"),
    (_set("answers.a1_proposal", {"choice": "x"}),
     "$.answers.a1_proposal.choice: a text question takes no choice"),
    (_set("template.id", "lms"), "$.template.id: document is for 'lms', not 'other'"),
]  # fmt: skip


@pytest.mark.parametrize(("edit", "message"), SCHEMA_ERRORS + LINK_ERRORS)
def test_invalid_documents(edit: Edit, message: str) -> None:
    template = load_template("other")
    doc = new_document(template)
    edit(doc)
    problems = validate_document(doc, template)
    assert any(problem.startswith(message) for problem in problems), problems


def test_links_are_checked_without_a_template_too() -> None:
    doc = new_document(load_template("other"))
    doc["risks"][0]["measure_ids"] = ["gone"]
    doc["answers"]["z9_unknown"] = {"text": "kept"}
    assert validate_document(doc) == ["$.risks[0].measure_ids[0]: unknown measure 'gone'"]


def test_valid_answers_evaluations_and_opinions() -> None:
    template = load_template("generative_ai")
    doc = new_document(template, title="Chat")
    doc["answers"] = {
        "a1_proposal": {
            "text": "Een schrijfassistent",
            "note": "Pilot",
            "author": "eva",
            "updated_at": "2025-01-02T10:00:00Z",
        },
        "b11_legal_basis": {"choice": ["public_task"], "text": "Onderwijstaak"},
        "b13_training_use": {"choice": "no"},
    }
    doc["measures"][0].update(owner="ICT", due_date="2025-09-01", status="planned")
    doc["risks"][0].update(
        residual_likelihood=1, residual_severity=2, impacts=["x"], extra={"any": [1]}
    )
    doc["evaluations"] = [
        {"target": "question:a1_proposal", "status": "improvable", "comment": "Be specific"},
        {"target": f"measure:{doc['measures'][0]['id']}", "status": "acceptable"},
        {"target": "cnil:1.1", "status": "pending", "extra": {"cnil": {"id": 4}}},
    ]
    doc["opinions"]["dpo"] = {
        "name": "FG",
        "status": "conditional",
        "opinion": "OK",
        "date": "2025-02-01",
    }
    doc["opinions"]["data_subjects"] = {"sought": False, "reason_not_sought": "Pilot"}
    doc["opinions"]["prior_consultation"] = {"needed": False, "motivation": "No high risk"}
    doc["extra"] = {"anything": {"goes": True}}
    assert validate_document(doc, template) == []


def test_section_digest_changes_only_for_the_edited_section() -> None:
    template = load_template("lms")
    doc = new_document(template)
    before = {s.id: section_digest(doc, template, s.id) for s in template.sections}
    edited = copy.deepcopy(doc)
    edited["answers"]["b11_consent"] = {"text": "Geen toestemming nodig"}
    edited["risks"][0]["severity"] = 4
    after = {s.id: section_digest(edited, template, s.id) for s in template.sections}
    assert [s for s in before if before[s] != after[s]] == ["B", "C"]
    assert section_content(edited, template, "B")["answers"] == {
        "b11_consent": {"text": "Geen toestemming nodig"}
    }
    assert set(section_content(doc, template, "D")) == {"answers", "measures"}
    assert section_content(doc, template, "E")["opinions"] == doc["opinions"]
