"""Rule data structures and the parsing of one rules file, with errors naming the rule id."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from dpia_templates._data import (
    DataError,
    Text,
    as_str,
    as_table,
    as_tables,
    as_template,
    as_text,
    check_keys,
    is_code,
    is_whole,
)
from dpia_templates.conditions import Condition, parse_condition
from dpia_templates.fields import FieldRegistry

RULE_ID = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
DPIA_LEVELS = ("required", "recommended", "not_required")


class GroupKind(enum.StrEnum):
    """What a rules file decides; also the order in which groups are evaluated."""

    DERIVED = "derived"  # named yes/no facts derived from answers (e.g. large_scale)
    DPIA = "dpia"  # counts towards the DPIA conclusion
    AI_ACT = "ai_act"  # AI Act risk class and duties
    FLAGS = "flags"  # follow-up actions and warnings


_EXTRA_KEYS: dict[GroupKind, tuple[set[str], set[str]]] = {
    GroupKind.DERIVED: (set(), set()),
    GroupKind.DPIA: (set(), set()),
    GroupKind.AI_ACT: ({"ai_class"}, {"duties"}),
    GroupKind.FLAGS: ({"severity"}, set()),
}
_FILE_KEYS: dict[GroupKind, tuple[set[str], set[str]]] = {
    GroupKind.DERIVED: ({"group", "rules"}, set()),
    GroupKind.DPIA: ({"group", "rules", "outcome"}, set()),
    GroupKind.AI_ACT: ({"group", "rules", "ai_act", "duties"}, set()),
    GroupKind.FLAGS: ({"group", "rules"}, set()),
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One screening rule: when it holds, it yields a finding with this text and reference."""

    id: str
    group: str
    title: Text
    explanation: Text
    reference: str
    when: Condition
    ai_class: str | None = None
    duties: tuple[str, ...] = ()
    severity: str | None = None

    @property
    def name(self) -> str:
        """The id without its group prefix (the fact name of a derived rule)."""
        return self.id.removeprefix(f"{self.group}.")


@dataclass(frozen=True, slots=True)
class DpiaOutcome:
    """How many matching rules of a group make a DPIA required or recommended, and how to say so."""

    required_at: int
    recommended_at: int | None
    texts: Mapping[str, Text]

    def level(self, count: int) -> str:
        """The DPIA level this number of matching rules gives."""
        if count >= self.required_at:
            return "required"
        if self.recommended_at is not None and count >= self.recommended_at:
            return "recommended"
        return "not_required"


@dataclass(frozen=True, slots=True)
class Duty:
    """An AI Act duty with the date from which it applies (kept as data: dates get revised)."""

    id: str
    title: Text
    explanation: Text
    reference: str
    applies_from: dt.date | None


@dataclass(frozen=True, slots=True)
class GroupHeader:
    """The [group] table of a rules file."""

    id: str
    kind: GroupKind
    title: Text
    source: str


def parse_header(raw: Mapping[str, Any], source: str) -> GroupHeader:
    """Parse [group] and check the file's top-level keys for its kind."""
    group = as_table(raw.get("group"), "[group]")
    check_keys(group, {"id", "kind", "title"})
    try:
        kind = GroupKind(group["kind"])
    except ValueError:
        known = ", ".join(GroupKind)
        raise DataError(f"[group].kind {group['kind']!r} is unknown (known: {known})") from None
    required, optional = _FILE_KEYS[kind]
    check_keys(raw, required, optional)
    group_id = as_str(group["id"], "[group].id")
    if not re.fullmatch(r"[a-z0-9_]+", group_id):
        raise DataError(f"[group].id {group_id!r} must be lower-case letters, digits or _")
    return GroupHeader(group_id, kind, as_text(group["title"], "[group].title"), source)


def rule_tables(raw: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The [[rules]] tables of a file."""
    return as_tables(raw["rules"], "[[rules]]")


def parse_rule(
    raw: Mapping[str, Any],
    header: GroupHeader,
    registry: FieldRegistry,
    allowed: Mapping[str, frozenset[str]],
) -> Rule:
    """Parse one [[rules]] table; `allowed` holds the valid ai_class, duty and severity codes."""
    rule_id = as_str(raw.get("id"), "id")
    if not RULE_ID.match(rule_id) or not rule_id.startswith(f"{header.id}."):
        raise DataError(f"id {rule_id!r} must look like '{header.id}.name' (a-z, 0-9, _)")
    required, optional = _EXTRA_KEYS[header.kind]
    check_keys(raw, {"id", "title", "explanation", "reference", "when", *required}, optional)
    extras: dict[str, Any] = {}
    for key in ("ai_class", "severity"):
        if key in raw:
            extras[key] = _code(raw[key], key, allowed[key])
    if "duties" in raw:
        duties = raw["duties"]
        if not isinstance(duties, list):
            raise DataError("duties must be a list of duty ids")
        extras["duties"] = tuple(_code(duty, "duties", allowed["duties"]) for duty in duties)
    return Rule(
        id=rule_id,
        group=header.id,
        title=as_text(raw["title"], "title"),
        explanation=as_text(raw["explanation"], "explanation"),
        reference=as_str(raw["reference"], "reference"),
        when=parse_condition(raw["when"], registry),
        **extras,
    )


def _code(raw: object, key: str, allowed: frozenset[str]) -> str:
    """One code that must be in an allowed set."""
    if not is_code(raw, allowed):
        raise DataError(f"{key}: unknown value {raw!r} (known: {', '.join(sorted(allowed))})")
    return str(raw)


def parse_outcome(raw: object) -> DpiaOutcome:
    """Parse [outcome]: thresholds and the summary text for each DPIA level."""
    table = as_table(raw, "[outcome]")
    check_keys(table, {"required_at", "texts"}, {"recommended_at"})
    required_at = table["required_at"]
    recommended_at = table.get("recommended_at")
    for key, value in (("required_at", required_at), ("recommended_at", recommended_at)):
        if value is not None and not is_whole(value, 1):
            raise DataError(f"[outcome].{key} must be a whole number >= 1")
    if recommended_at is not None and recommended_at >= required_at:
        raise DataError("[outcome].recommended_at must be lower than required_at")
    levels = [level for level in DPIA_LEVELS if level != "recommended" or recommended_at]
    texts = as_table(table["texts"], "[outcome].texts")
    check_keys(texts, levels)
    parsed = {
        level: as_template(texts[level], f"[outcome].texts.{level}", count=0) for level in levels
    }
    return DpiaOutcome(required_at, recommended_at, MappingProxyType(parsed))


def parse_duties(raw: object) -> Mapping[str, Duty]:
    """Parse the [duties.X] tables of the AI Act file."""
    duties: dict[str, Duty] = {}
    for duty_id, entry in as_table(raw, "[duties]").items():
        table = as_table(entry, f"[duties.{duty_id}]")
        check_keys(table, {"title", "explanation", "reference"}, {"applies_from"})
        applies_from = table.get("applies_from")
        if applies_from is not None and type(applies_from) is not dt.date:
            raise DataError(f"[duties.{duty_id}].applies_from must be a TOML date (YYYY-MM-DD)")
        duties[duty_id] = Duty(
            duty_id,
            as_text(table["title"], f"[duties.{duty_id}].title"),
            as_text(table["explanation"], f"[duties.{duty_id}].explanation"),
            as_str(table["reference"], f"[duties.{duty_id}].reference"),
            applies_from,
        )
    return MappingProxyType(duties)
