"""The JSON Schema of a review request: validation for forms and the CLI, and its sync with the
vocabulary so a code can never exist in one and not the other."""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from dpia_templates._data import DATA_DIR, RuleLoadError
from dpia_templates.vocabulary import Vocabulary

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

SCHEMA_FILE = DATA_DIR / "request.schema.json"


@functools.cache
def _schema() -> Mapping[str, Any]:
    """Read the schema file once."""
    try:
        with SCHEMA_FILE.open(encoding="utf-8") as handle:
            loaded: dict[str, Any] = json.load(handle)
    except (OSError, ValueError) as exc:
        raise RuleLoadError([f"{SCHEMA_FILE.name}: cannot read: {exc}"]) from exc
    return loaded


def load_request_schema() -> dict[str, Any]:
    """Return a copy of the request JSON Schema (draft 2020-12), e.g. to serve it to a client."""
    return copy.deepcopy(dict(_schema()))


def schema_properties() -> Mapping[str, Mapping[str, Any]]:
    """The request's properties as declared in the schema."""
    properties: Mapping[str, Mapping[str, Any]] = _schema()["properties"]
    return properties


def schema_enums() -> dict[str, tuple[str, ...]]:
    """The enumeration of every choice field in the schema (array items or a single string)."""
    enums: dict[str, tuple[str, ...]] = {}
    for name, prop in schema_properties().items():
        enum = (
            prop.get("items", {}).get("enum") if prop.get("type") == "array" else prop.get("enum")
        )
        if enum is not None:
            enums[name] = tuple(enum)
    return enums


def enum_mismatches(vocabulary: Vocabulary) -> list[str]:
    """Every difference between vocabulary.toml (and categories) and the schema's enumerations."""
    problems: list[str] = []
    enums = schema_enums()
    properties = schema_properties()
    for name, code_list in vocabulary.lists.items():
        if name not in enums:
            problems.append(f"{SCHEMA_FILE.name}: no enumerated property for list {name!r}")
        elif set(enums[name]) != set(code_list.code_ids):
            problems.append(
                f"{SCHEMA_FILE.name}: property {name!r} lists {sorted(enums[name])}, "
                f"vocabulary lists {sorted(code_list.code_ids)}"
            )
        elif (properties[name].get("type") == "array") != code_list.multiple:
            problems.append(
                f"{SCHEMA_FILE.name}: property {name!r} and its list differ in multiple"
            )
    problems.extend(
        f"{SCHEMA_FILE.name}: enumerated property {name!r} has no vocabulary list"
        for name in enums.keys() - vocabulary.lists.keys()
    )
    for section, json_type in ((vocabulary.facts, "boolean"), (vocabulary.numbers, "integer")):
        problems.extend(
            f"{SCHEMA_FILE.name}: property {name!r} must exist with type {json_type!r}"
            for name in section
            if properties.get(name, {}).get("type") != json_type
        )
    return problems


@functools.cache
def _validator() -> Validator:
    """Build the jsonschema validator once (jsonschema is imported only when validating)."""
    from jsonschema import Draft202012Validator

    schema = _schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def validate_request(data: object) -> list[str]:
    """Check a request against the schema; return readable errors as '$.path: message', or []."""
    errors = sorted(_validator().iter_errors(data), key=lambda error: list(map(str, error.path)))
    return [f"{error.json_path}: {error.message}" for error in errors]
