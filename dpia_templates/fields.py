"""The typed fields that rule conditions may use, so data files are checked when loaded."""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from dpia_templates._data import RuleLoadError
from dpia_templates.schema import enum_mismatches, schema_properties
from dpia_templates.vocabulary import CodeList, load_vocabulary


class FieldKind(enum.StrEnum):
    """How a field's answer looks, which decides the operators that fit it."""

    MULTI = "multi"  # list of vocabulary codes
    SINGLE = "single"  # one vocabulary code
    BOOL = "bool"  # yes / no / unknown
    NUMBER = "number"  # whole number or unknown
    LIST = "list"  # list of free strings (e.g. school names)
    TEXT = "text"  # free text


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field that conditions may read, with its allowed codes."""

    name: str
    kind: FieldKind
    codes: frozenset[str] = frozenset()
    default: str | None = None
    derived: bool = False


@dataclass(frozen=True, slots=True)
class FieldRegistry:
    """The known fields; rule stages extend it with derived facts and earlier results."""

    specs: Mapping[str, FieldSpec] = field(default_factory=lambda: MappingProxyType({}))

    def __contains__(self, name: object) -> bool:
        return name in self.specs

    def __getitem__(self, name: str) -> FieldSpec:
        return self.specs[name]

    def __iter__(self) -> Iterator[FieldSpec]:
        return iter(self.specs.values())

    def with_fields(self, *specs: FieldSpec) -> FieldRegistry:
        """A new registry with extra fields (derived facts, result fields)."""
        return FieldRegistry(MappingProxyType({**self.specs, **{s.name: s for s in specs}}))

    @property
    def input_fields(self) -> tuple[FieldSpec, ...]:
        """Fields read from the request itself (not derived)."""
        return tuple(spec for spec in self if not spec.derived)


def code_field(code_list: CodeList, *, derived: bool = False) -> FieldSpec:
    """A choice field backed by a vocabulary list."""
    kind = FieldKind.MULTI if code_list.multiple else FieldKind.SINGLE
    return FieldSpec(
        code_list.name, kind, frozenset(code_list.code_ids), code_list.default, derived
    )


def _plain_kind(prop: Mapping[str, object]) -> FieldKind:
    """Kind of a schema property that has no enumeration."""
    kinds = {"boolean": FieldKind.BOOL, "integer": FieldKind.NUMBER, "array": FieldKind.LIST}
    return kinds.get(str(prop.get("type")), FieldKind.TEXT)


@functools.cache
def request_registry() -> FieldRegistry:
    """Fields of the request, typed from the schema and coded from the vocabulary (kept in sync)."""
    vocabulary = load_vocabulary()
    problems = enum_mismatches(vocabulary)
    if problems:
        raise RuleLoadError(problems)
    specs = [
        code_field(vocabulary.lists[name])
        if name in vocabulary.lists
        else FieldSpec(name, _plain_kind(prop))
        for name, prop in schema_properties().items()
        if not name.startswith("$")
    ]
    return FieldRegistry().with_fields(*specs)
