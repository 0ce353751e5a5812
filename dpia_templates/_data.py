"""Shared helpers for reading the package's data files and reporting their problems precisely."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import tomllib
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent
RULES_DIR = DATA_DIR / "rules"


class RuleLoadError(ValueError):
    """A data file is invalid; raised while loading so screening itself never fails on bad data."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems: tuple[str, ...] = tuple(problems)
        super().__init__("\n".join(self.problems))


class DataError(Exception):
    """One problem inside a table; the caller prefixes the file name and the rule id."""


@dataclasses.dataclass(frozen=True, slots=True)
class Text:
    """A user-facing text in Dutch and English, so every conclusion can be shown in both."""

    nl: str
    en: str

    def fill(self, **values: Text | str | int) -> Text:
        """Fill {placeholders} per language, taking the same language from Text values."""

        def one(lang: str) -> str:
            mapping = {k: getattr(v, lang) if isinstance(v, Text) else v for k, v in values.items()}
            return str(getattr(self, lang)).format(**mapping)

        return Text(nl=one("nl"), en=one("en"))


def read_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file, turning syntax errors into a RuleLoadError that names the file."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleLoadError([f"{path.name}: cannot read: {exc}"]) from exc


def as_table(raw: object, what: str) -> Mapping[str, Any]:
    """Return raw as a table or explain that it should have been one."""
    if not isinstance(raw, Mapping):
        raise DataError(f"{what} must be a table, got {type(raw).__name__}")
    return raw


def as_tables(raw: object, what: str) -> list[Mapping[str, Any]]:
    """Return raw as a list of tables (a TOML array of tables)."""
    if not isinstance(raw, list):
        raise DataError(f"{what} must be an array of tables, got {type(raw).__name__}")
    return [as_table(item, f"{what}[{index}]") for index, item in enumerate(raw)]


def check_keys(
    raw: Mapping[str, Any], required: Iterable[str], optional: Iterable[str] = ()
) -> None:
    """Reject missing and unknown keys, so a typo in a data file never passes silently."""
    required = set(required)
    allowed = required | set(optional)
    missing = sorted(required - raw.keys())
    unknown = sorted(raw.keys() - allowed)
    if missing:
        raise DataError(f"missing key(s): {', '.join(missing)}")
    if unknown:
        raise DataError(
            f"unknown key(s): {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})"
        )


def is_code(value: object, allowed: Collection[str]) -> bool:
    """Whether value is one of the allowed codes (safe for unhashable values from JSON or TOML)."""
    return isinstance(value, str) and value in allowed


def is_whole(value: object, minimum: int = 0) -> bool:
    """Whether value is a whole number >= minimum (JSON and TOML booleans are not numbers)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def as_str(raw: object, what: str) -> str:
    """Return a non-empty string or explain what was expected."""
    if not isinstance(raw, str) or not raw.strip():
        raise DataError(f"{what} must be a non-empty string")
    return raw


def as_text(raw: object, what: str) -> Text:
    """Read a {nl, en} table (extra keys are the caller's business) into a Text."""
    table = as_table(raw, what)
    return Text(nl=as_str(table.get("nl"), f"{what}.nl"), en=as_str(table.get("en"), f"{what}.en"))


def as_template(raw: object, what: str, **sample: str | int) -> Text:
    """Read a text whose only {placeholders} are the sample's keys, failing at load time."""
    text = as_text(raw, what)
    try:
        text.fill(**sample)
    except (KeyError, IndexError, ValueError) as exc:
        names = ", ".join(f"{{{name}}}" for name in sample)
        raise DataError(f"{what}: only the placeholder(s) {names} are allowed ({exc!r})") from None
    return text


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    """Field names of a dataclass, looked up once per class (to_dict runs per request)."""
    return tuple(f.name for f in dataclasses.fields(cls))


def to_jsonable(value: object) -> Any:
    """Turn result dataclasses into plain JSON types with a stable key order."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: to_jsonable(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, tuple | list):
        return [to_jsonable(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
