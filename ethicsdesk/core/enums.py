"""Stored enum values that also carry the words users read for them, in their language."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, TypeVar

E = TypeVar("E", bound="LabelledEnum")

_LABELS: dict[type[LabelledEnum], Mapping[Any, Any]] = {}


class LabelledEnum(enum.StrEnum):
    """A value stored as text; ``label`` is its (lazily translated) name for people."""

    @property
    def label(self) -> Any:
        return _LABELS[type(self)][self]


def labels(enum_type: type[E], mapping: Mapping[E, Any]) -> Mapping[E, Any]:
    """Give every member of ``enum_type`` its label; a member without one fails at import."""
    missing = set(enum_type) - set(mapping)
    if missing:
        raise ValueError(f"{enum_type.__name__}: no label for {sorted(missing)}")
    _LABELS[enum_type] = mapping
    return mapping
