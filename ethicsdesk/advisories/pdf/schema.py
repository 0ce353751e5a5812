"""Check the advisory input against advisory.schema.json before drawing, naming every bad field."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from compass.graph import graph_from_json

SCHEMA_FILE = Path(__file__).resolve().parent / "advisory.schema.json"


class AdvisoryInputError(ValueError):
    """The advisory input is not what the renderer accepts; `problems` holds (field, message)."""

    def __init__(self, problems: Iterable[tuple[str, str]]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.problems))


@functools.cache
def validator() -> Draft202012Validator:
    """The schema's validator, checking formats (dates) too; built once."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def field_path(parts: Iterable[str | int]) -> str:
    """A JSON path as 'conditions[1].due_date'."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "(advisory)"


def _message(error: ValidationError) -> str:
    """The validator's message, cut short (it may quote a whole sub-document)."""
    return error.message if len(error.message) <= 200 else error.message[:199] + "…"


def _reference_problems(advisory: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What the schema cannot say: compass ids must exist, the graph must parse, unique numbers."""
    problems = []
    compass = advisory["compass"]
    if compass is not None:
        known = {
            "value": {item["id"] for item in compass["values"]},
            "stakeholder": {item["id"] for item in compass["stakeholders"]},
        }
        for group in ("cells", "agenda"):
            for index, item in enumerate(compass[group]):
                for key, ids in known.items():
                    if item[key] not in ids:
                        where = f"compass.{group}[{index}].{key}"
                        problems.append((where, f"unknown {key} {item[key]!r}"))
    if advisory["dpia"] is not None:
        numbers = [risk["number"] for risk in advisory["dpia"]["risks"]]
        for index, number in enumerate(numbers):
            if numbers.index(number) != index:
                problems.append((f"dpia.risks[{index}].number", f"duplicate number {number}"))
    if advisory["graph"] is not None:
        try:
            graph_from_json(advisory["graph"])
        except (ValueError, KeyError, TypeError, nx.NetworkXError) as error:
            problems.append(("graph", f"not a node-link value graph ({error})"))
    return problems


def validate_advisory(advisory: Mapping[str, Any]) -> None:
    """Raise AdvisoryInputError naming each bad field; return quietly when the input is fine."""
    if not isinstance(advisory, Mapping):
        raise AdvisoryInputError([("(advisory)", "must be a JSON object")])
    problems = sorted(
        (field_path(error.absolute_path), _message(error))
        for error in validator().iter_errors(advisory)
    )
    if not problems:
        problems = _reference_problems(advisory)
    if problems:
        raise AdvisoryInputError(problems)


def canonical_json(advisory: Mapping[str, Any]) -> str:
    """The advisory as canonical JSON (sorted keys, UTF-8): the attached file, byte for byte."""
    try:
        return json.dumps(advisory, sort_keys=True, ensure_ascii=False, indent=1, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise AdvisoryInputError([("(advisory)", f"not plain JSON data ({error})")]) from error
