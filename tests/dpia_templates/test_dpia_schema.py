"""The request schema: in sync with the vocabulary, valid draft 2020-12, readable errors."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from dpia_templates import load_request_schema, load_vocabulary, validate_request
from dpia_templates.schema import enum_mismatches, schema_enums

BRIEF_FIELDS = {
    "technology", "vendor", "product_url", "category", "purpose", "educational_rationale",
    "alternatives", "schools", "pupil_count", "staff_count", "age_groups", "data_subjects",
    "data_categories", "ai_features", "ai_uses", "hosting", "transfers_outside_eea",
    "transfer_mechanism", "processor_agreement", "privacy_covenant", "open_standards",
    "data_portability", "exit_plan", "sustainability", "desired_decision_date",
}  # fmt: skip
VALID: dict[str, Any] = {"technology": "X", "category": "lms", "purpose": "Y"}


def test_schema_is_valid_draft_2020_12() -> None:
    """The schema itself is a valid draft 2020-12 schema."""
    schema = load_request_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_schema_documents_every_request_field() -> None:
    """All fields of the request format, and every yes/no and number question, are in the schema."""
    properties = load_request_schema()["properties"]
    vocabulary = load_vocabulary()
    assert BRIEF_FIELDS | set(vocabulary.facts) | set(vocabulary.numbers) <= set(properties)


def test_vocabulary_and_schema_enumerations_agree() -> None:
    """Each choice field lists exactly the vocabulary codes, and nothing else is enumerated."""
    vocabulary = load_vocabulary()
    enums = schema_enums()
    assert set(enums) == set(vocabulary.lists)
    for name, code_list in vocabulary.lists.items():
        assert sorted(enums[name]) == sorted(code_list.code_ids), name
    properties = load_request_schema()["properties"]
    assert all(properties[name]["type"] == "boolean" for name in vocabulary.facts)
    assert all(properties[name]["type"] == "integer" for name in vocabulary.numbers)
    assert enum_mismatches(vocabulary) == []


def test_a_missing_code_is_detected() -> None:
    """Dropping a code from the vocabulary is reported as a mismatch with the property name."""
    vocabulary = load_vocabulary()
    hosting = vocabulary.lists["hosting"]
    lists = {**vocabulary.lists, "hosting": replace(hosting, codes=hosting.codes[:-1])}
    problems = enum_mismatches(replace(vocabulary, lists=MappingProxyType(lists)))
    assert len(problems) == 1
    assert "'hosting'" in problems[0]


def test_vocabulary_labels_are_bilingual() -> None:
    """Every code and question has a Dutch and an English label for the form."""
    vocabulary = load_vocabulary()
    lists = [*vocabulary.lists.values(), *vocabulary.outputs.values()]
    labels = [code.label for code_list in lists for code in code_list.codes]
    labels += [q.label for q in (*vocabulary.facts.values(), *vocabulary.numbers.values())]
    assert all(label.nl.strip() and label.en.strip() for label in labels)
    assert vocabulary.label("hosting", "eea").en.startswith("Within the European")
    assert vocabulary.categories[0].id == "lms"
    assert all(c.description.nl and c.description.en for c in vocabulary.categories)


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"data_categories": ["dna"]}, "$.data_categories[0]: 'dna' is not one of"),
        ({"pupil_count": -1}, "$.pupil_count: -1 is less than the minimum of 0"),
        (
            {"desired_decision_date": "2026-13-01"},
            "$.desired_decision_date: '2026-13-01' is not a 'date'",
        ),
        ({"product_url": "ftp://x"}, "$.product_url: 'ftp://x' does not match"),
        ({"colour": "red"}, "$: Additional properties are not allowed ('colour' was unexpected)"),
        ({"aimed_at_minors": "yes"}, "$.aimed_at_minors: 'yes' is not of type 'boolean'"),
        (
            {"age_groups": ["under_16", "under_16"]},
            "$.age_groups: ['under_16', 'under_16'] has non-unique elements",
        ),
    ],
)
def test_validate_request_errors_name_the_path(extra: dict[str, Any], error: str) -> None:
    """Errors are human-readable and start with the JSON path of the answer."""
    errors = validate_request({**VALID, **extra})
    assert len(errors) == 1, errors
    assert errors[0].startswith(error), errors


def test_validate_request_accepts_valid_and_reports_missing() -> None:
    """A minimal request is valid; missing required fields and non-objects are reported."""
    assert validate_request(VALID) == []
    assert validate_request({}) == [
        "$: 'technology' is a required property",
        "$: 'category' is a required property",
        "$: 'purpose' is a required property",
    ]
    assert validate_request([]) == ["$: [] is not of type 'object'"]
