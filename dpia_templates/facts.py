"""Turn a request mapping into typed facts: missing answers become unknown or empty, while an
unknown code or a wrong type is refused, because silently ignoring it could hide a risk."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from dpia_templates._data import DataError, is_code, is_whole
from dpia_templates.conditions import FactValue
from dpia_templates.fields import FieldKind, FieldRegistry, FieldSpec


class RequestError(ValueError):
    """The request has answers the screening cannot interpret (wrong type or unknown code)."""

    def __init__(self, errors: list[str]) -> None:
        self.errors: tuple[str, ...] = tuple(errors)
        super().__init__("; ".join(self.errors))


def _codes(spec: FieldSpec, raw: object) -> tuple[str, ...]:
    """A list of known codes, de-duplicated in answer order."""
    if not isinstance(raw, list | tuple):
        raise DataError(f"must be a list of codes, got {type(raw).__name__}")
    unknown = [item for item in raw if not is_code(item, spec.codes)]
    if unknown:
        raise DataError(f"unknown code(s) {unknown!r} (known: {', '.join(sorted(spec.codes))})")
    return tuple(dict.fromkeys(raw))


def _code(spec: FieldSpec, raw: object) -> str:
    """One known code."""
    if not is_code(raw, spec.codes):
        raise DataError(f"unknown code {raw!r} (known: {', '.join(sorted(spec.codes))})")
    return raw


def _bool(_spec: FieldSpec, raw: object) -> bool:
    """A JSON boolean (not 0/1 or 'yes')."""
    if not isinstance(raw, bool):
        raise DataError(f"must be true or false, got {raw!r}")
    return raw


def _number(_spec: FieldSpec, raw: object) -> int:
    """A whole number >= 0."""
    if not is_whole(raw):
        raise DataError(f"must be a whole number >= 0, got {raw!r}")
    return raw


def _strings(_spec: FieldSpec, raw: object) -> tuple[str, ...]:
    """A list of strings."""
    if not isinstance(raw, list | tuple) or not all(isinstance(item, str) for item in raw):
        raise DataError("must be a list of strings")
    return tuple(raw)


def _text(_spec: FieldSpec, raw: object) -> str:
    """A string."""
    if not isinstance(raw, str):
        raise DataError(f"must be a string, got {type(raw).__name__}")
    return raw


_READERS: dict[FieldKind, Callable[[FieldSpec, object], FactValue]] = {
    FieldKind.MULTI: _codes,
    FieldKind.SINGLE: _code,
    FieldKind.BOOL: _bool,
    FieldKind.NUMBER: _number,
    FieldKind.LIST: _strings,
    FieldKind.TEXT: _text,
}
_EMPTY: dict[FieldKind, FactValue] = {FieldKind.MULTI: (), FieldKind.LIST: (), FieldKind.TEXT: ""}


def normalise_request(
    request: Mapping[str, Any], registry: FieldRegistry
) -> tuple[dict[str, FactValue], tuple[str, ...]]:
    """Return the typed facts and the names of the fields that were not answered."""
    if not isinstance(request, Mapping):
        raise RequestError([f"$: a request must be an object, got {type(request).__name__}"])
    values: dict[str, FactValue] = {}
    missing: list[str] = []
    errors: list[str] = []
    for spec in registry.input_fields:
        raw = request.get(spec.name)
        if raw is None:
            missing.append(spec.name)
            values[spec.name] = spec.default if spec.default is not None else _EMPTY.get(spec.kind)
            continue
        try:
            values[spec.name] = _READERS[spec.kind](spec, raw)
        except DataError as exc:
            errors.append(f"$.{spec.name}: {exc}")
    if errors:
        raise RequestError(errors)
    return values, tuple(missing)
