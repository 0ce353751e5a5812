"""A small typed condition language for rules in TOML: parsed and checked once, evaluated fast.

Operators (one per table): ``any_of = {field, values}``, ``is_true = "field"``,
``is_false = "field"``, ``gte = {field, value}``, ``min_items = {field, value}``,
``not_empty = "field"``, ``all = [conditions]``, ``any = [conditions]``.
A matching condition returns the answers that made it match (its triggers), so every finding
can say *why*; a condition that does not match returns None.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

from dpia_templates._data import DataError, as_str, as_table, check_keys, is_code, is_whole
from dpia_templates.fields import FieldKind, FieldRegistry, FieldSpec

FactValue = tuple[str, ...] | str | int | bool | None
TriggerValue = str | int | bool


@dataclass(frozen=True, slots=True)
class Trigger:
    """An answer that made a rule match: the field, its value(s), and the derived fact it fed."""

    field: str
    values: tuple[TriggerValue, ...]
    via: str | None = None


Match = tuple[Trigger, ...] | None


@dataclass(frozen=True, slots=True)
class Facts:
    """Normalised answers plus the triggers of derived facts that hold."""

    values: Mapping[str, FactValue]
    derived: Mapping[str, tuple[Trigger, ...]]


class Condition(Protocol):
    """Anything that can be evaluated against facts."""

    def evaluate(self, facts: Facts) -> Match:
        """Return the triggers when the condition holds, else None."""
        ...


@dataclass(frozen=True, slots=True)
class AnyOf:
    """Holds when a (multi or single) choice field contains one of the codes."""

    field: str
    values: frozenset[str]

    def evaluate(self, facts: Facts) -> Match:
        """Report the matching codes in the order they were answered."""
        value = facts.values.get(self.field)
        items = value if isinstance(value, tuple) else (value,)
        hits = tuple(item for item in items if item in self.values)
        return (Trigger(self.field, hits),) if hits else None


@dataclass(frozen=True, slots=True)
class IsBool:
    """Holds when a yes/no field (or derived fact) has exactly the expected answer."""

    field: str
    expected: bool

    def evaluate(self, facts: Facts) -> Match:
        """A missing answer is unknown and matches neither is_true nor is_false."""
        if self.expected and self.field in facts.derived:
            return facts.derived[self.field]
        value = facts.values.get(self.field)
        return (Trigger(self.field, (value,)),) if value is self.expected else None


@dataclass(frozen=True, slots=True)
class AtLeast:
    """Holds when a number (gte) or a list length (min_items) reaches a threshold."""

    field: str
    value: int

    def evaluate(self, facts: Facts) -> Match:
        """Report the number (or the list length) that reached the threshold."""
        raw = facts.values.get(self.field)
        amount = len(raw) if isinstance(raw, tuple) else raw
        if is_whole(amount, self.value):
            return (Trigger(self.field, (amount,)),)
        return None


@dataclass(frozen=True, slots=True)
class NotEmpty:
    """Holds when a list or text field has any answer."""

    field: str

    def evaluate(self, facts: Facts) -> Match:
        """Report the given answers."""
        value = facts.values.get(self.field)
        if isinstance(value, tuple) and value:
            return (Trigger(self.field, value),)
        if isinstance(value, str) and value.strip():
            return (Trigger(self.field, (value,)),)
        return None


@dataclass(frozen=True, slots=True)
class Every:
    """Holds when every part holds; reports all their triggers."""

    parts: tuple[Condition, ...]

    def evaluate(self, facts: Facts) -> Match:
        """Stop at the first part that fails."""
        triggers: list[Trigger] = []
        for part in self.parts:
            match = part.evaluate(facts)
            if match is None:
                return None
            triggers.extend(match)
        return tuple(triggers)


@dataclass(frozen=True, slots=True)
class Some:
    """Holds when at least one part holds; reports the triggers of every part that holds."""

    parts: tuple[Condition, ...]

    def evaluate(self, facts: Facts) -> Match:
        """Evaluate all parts so the explanation is complete."""
        triggers = [t for part in self.parts for t in (part.evaluate(facts) or ())]
        return tuple(triggers) if triggers else None


def condition_fields(condition: Condition) -> frozenset[str]:
    """The fields a condition reads, to tell which unanswered questions could matter."""
    if isinstance(condition, Every | Some):
        return frozenset().union(*(condition_fields(part) for part in condition.parts))
    if isinstance(condition, AnyOf | IsBool | AtLeast | NotEmpty):
        return frozenset({condition.field})
    raise TypeError(f"unknown condition type {type(condition).__name__}")


def merge_triggers(triggers: tuple[Trigger, ...]) -> tuple[Trigger, ...]:
    """Merge triggers of the same field and route, keeping first-seen order of values."""
    merged: dict[tuple[str, str | None], list[TriggerValue]] = {}
    for trigger in triggers:
        values = merged.setdefault((trigger.field, trigger.via), [])
        values.extend(v for v in trigger.values if v not in values)
    return tuple(Trigger(field, tuple(values), via) for (field, via), values in merged.items())


def via(triggers: tuple[Trigger, ...], fact: str) -> tuple[Trigger, ...]:
    """Mark triggers as having fed a derived fact (keeping an earlier mark)."""
    return tuple(t if t.via else replace(t, via=fact) for t in triggers)


_OPERATOR_KINDS: dict[str, frozenset[FieldKind]] = {
    "any_of": frozenset({FieldKind.MULTI, FieldKind.SINGLE}),
    "is_true": frozenset({FieldKind.BOOL}),
    "is_false": frozenset({FieldKind.BOOL}),
    "gte": frozenset({FieldKind.NUMBER}),
    "min_items": frozenset({FieldKind.MULTI, FieldKind.LIST}),
    "not_empty": frozenset({FieldKind.MULTI, FieldKind.LIST, FieldKind.TEXT}),
}


def _field(name: object, operator: str, registry: FieldRegistry) -> FieldSpec:
    """Look up the field an operator reads and check the operator suits its kind."""
    field = as_str(name, f"{operator}: field")
    if field not in registry:
        raise DataError(f"{operator}: unknown field {field!r}")
    spec = registry[field]
    if spec.kind not in _OPERATOR_KINDS[operator]:
        raise DataError(
            f"{operator}: field {field!r} is a {spec.kind} field, which {operator} can't test"
        )
    return spec


def _threshold(raw: object, operator: str, registry: FieldRegistry) -> AtLeast:
    """Parse gte / min_items: {field, value} with a non-negative whole number."""
    table = as_table(raw, operator)
    check_keys(table, {"field", "value"})
    spec = _field(table["field"], operator, registry)
    value = table["value"]
    if not is_whole(value):
        raise DataError(f"{operator}: value for {spec.name!r} must be a whole number >= 0")
    return AtLeast(spec.name, value)


def _any_of(raw: object, registry: FieldRegistry) -> AnyOf:
    """Parse any_of: {field, values} with codes from the field's vocabulary list."""
    table = as_table(raw, "any_of")
    check_keys(table, {"field", "values"})
    spec = _field(table["field"], "any_of", registry)
    values = table["values"]
    if not isinstance(values, list) or not values:
        raise DataError(f"any_of: values for {spec.name!r} must be a non-empty list of codes")
    unknown = [v for v in values if not is_code(v, spec.codes)]
    if unknown:
        known = ", ".join(sorted(spec.codes))
        message = f"unknown code(s) {unknown} for field {spec.name!r} (known: {known})"
        raise DataError(f"any_of: {message}")
    return AnyOf(spec.name, frozenset(values))


def _parts(raw: object, operator: str, registry: FieldRegistry) -> tuple[Condition, ...]:
    """Parse the non-empty list of an all / any."""
    if not isinstance(raw, list) or not raw:
        raise DataError(f"{operator}: must be a non-empty list of conditions")
    return tuple(parse_condition(part, registry) for part in raw)


_PARSERS: dict[str, Callable[[Any, FieldRegistry], Condition]] = {
    "any_of": _any_of,
    "is_true": lambda raw, reg: IsBool(_field(raw, "is_true", reg).name, expected=True),
    "is_false": lambda raw, reg: IsBool(_field(raw, "is_false", reg).name, expected=False),
    "gte": lambda raw, reg: _threshold(raw, "gte", reg),
    "min_items": lambda raw, reg: _threshold(raw, "min_items", reg),
    "not_empty": lambda raw, reg: NotEmpty(_field(raw, "not_empty", reg).name),
    "all": lambda raw, reg: Every(_parts(raw, "all", reg)),
    "any": lambda raw, reg: Some(_parts(raw, "any", reg)),
}
OPERATORS: tuple[str, ...] = tuple(_PARSERS)


def parse_condition(raw: object, registry: FieldRegistry) -> Condition:
    """Parse one condition table, raising DataError with what is wrong."""
    table = as_table(raw, "condition")
    if len(table) != 1:
        found = ", ".join(table) or "nothing"
        raise DataError(f"a condition needs exactly one operator, found: {found}")
    ((operator, argument),) = table.items()
    parser = _PARSERS.get(operator)
    if parser is None:
        raise DataError(f"unknown operator {operator!r} (known: {', '.join(OPERATORS)})")
    return parser(argument, registry)
