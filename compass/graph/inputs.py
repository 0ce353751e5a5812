"""Plain-data input the app can add to a value graph: DPIA risks, measures and conditions.

    {"risks": [{"id": "r1", "nl": "…", "en": "…", "stakeholders": ["pupils"],
                "values": ["privacy"], "likelihood": "high", "severity": 0.5}],
     "measures": [{"id": "m1", "nl": "…", "en": "…", "kind": "technology",
                   "mitigates": ["r1", "effect:compass:privacy:pupils"], "causes": []}],
     "conditions": [{"id": "c1", "nl": "…", "en": "…", "options": ["m1"]}]}

likelihood/severity: "low" | "medium" | "high" (the DPIA model's levels) or a number 0..1.
`mitigates` holds risk ids or effect node ids; `causes` holds ids of risks a measure brings about.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from compass._text import Text
from compass.errors import InputError
from compass.model import OPTION_KINDS

LEVELS = {"low": 1 / 3, "medium": 2 / 3, "high": 1.0}
SECTIONS = {
    "risks": ({"id", "nl", "en", "stakeholders", "values", "likelihood", "severity"}, set()),
    "measures": ({"id", "nl", "en", "kind"}, {"mitigates", "causes"}),
    "conditions": ({"id", "nl", "en", "options"}, set()),
}


@dataclass(frozen=True, slots=True)
class RiskInput:
    """A DPIA risk: a negative effect on stakeholders and values."""

    id: str
    label: Text
    stakeholders: tuple[str, ...]
    values: tuple[str, ...]
    likelihood: float
    severity: float


@dataclass(frozen=True, slots=True)
class MeasureInput:
    """A DPIA measure or other option for action, and the effects it mitigates or causes."""

    id: str
    label: Text
    kind: str
    mitigates: tuple[str, ...]
    causes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ConditionInput:
    """A condition of an advisory and the options (measures) it requires."""

    id: str
    label: Text
    options: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GraphInput:
    """Everything the app adds beyond the compass answers."""

    risks: tuple[RiskInput, ...] = ()
    measures: tuple[MeasureInput, ...] = ()
    conditions: tuple[ConditionInput, ...] = ()


def _strings(raw: object, where: str) -> tuple[str, ...]:
    """A list of non-empty strings."""
    if not isinstance(raw, list) or not all(isinstance(item, str) and item for item in raw):
        raise InputError(f"{where}: must be a list of ids")
    return tuple(raw)


def _level(raw: object, where: str) -> float:
    """A DPIA level name or a number in 0..1."""
    if isinstance(raw, str) and raw in LEVELS:
        return LEVELS[raw]
    if isinstance(raw, int | float) and not isinstance(raw, bool) and 0 <= raw <= 1:
        return float(raw)
    raise InputError(f"{where}: must be low, medium, high or a number from 0 to 1")


def _entries(data: Mapping[str, Any], section: str) -> list[tuple[str, Mapping[str, Any], Text]]:
    """The entries of one section with their path, checked keys, unique ids and labels."""
    raw = data.get(section, [])
    if not isinstance(raw, Sequence) or isinstance(raw, str):
        raise InputError(f"{section}: must be a list")
    required, optional = SECTIONS[section]
    seen: set[str] = set()
    result = []
    for index, entry in enumerate(raw):
        where = f"{section}[{index}]"
        if not isinstance(entry, Mapping):
            raise InputError(f"{where}: must be an object")
        missing, unknown = required - entry.keys(), entry.keys() - required - optional
        if missing or unknown:
            raise InputError(f"{where}: missing {sorted(missing)}, unknown {sorted(unknown)}")
        if not all(isinstance(entry[key], str) and entry[key] for key in ("id", "nl", "en")):
            raise InputError(f"{where}: id, nl and en must be non-empty texts")
        if entry["id"] in seen:
            raise InputError(f"{where}.id: duplicate id {entry['id']!r}")
        seen.add(entry["id"])
        result.append((where, entry, Text(nl=entry["nl"], en=entry["en"])))
    return result


def graph_input_from_plain(data: Mapping[str, Any]) -> GraphInput:
    """Read the plain input, checking shapes and ids (references are checked when building)."""
    if not isinstance(data, Mapping) or data.keys() - SECTIONS.keys():
        raise InputError(f"graph input: an object with only {sorted(SECTIONS)}")
    risks = tuple(
        RiskInput(
            entry["id"],
            text,
            _strings(entry["stakeholders"], f"{where}.stakeholders"),
            _strings(entry["values"], f"{where}.values"),
            _level(entry["likelihood"], f"{where}.likelihood"),
            _level(entry["severity"], f"{where}.severity"),
        )
        for where, entry, text in _entries(data, "risks")
    )
    measures = []
    for where, entry, text in _entries(data, "measures"):
        if entry["kind"] not in OPTION_KINDS:
            raise InputError(f"{where}.kind: must be one of {OPTION_KINDS}")
        measures.append(
            MeasureInput(
                entry["id"],
                text,
                entry["kind"],
                _strings(entry.get("mitigates", []), f"{where}.mitigates"),
                _strings(entry.get("causes", []), f"{where}.causes"),
            )
        )
    conditions = tuple(
        ConditionInput(entry["id"], text, _strings(entry["options"], f"{where}.options"))
        for where, entry, text in _entries(data, "conditions")
    )
    return GraphInput(risks, tuple(measures), conditions)
