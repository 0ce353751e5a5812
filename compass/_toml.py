"""Reading TOML data files with field paths and line numbers, so errors point at the exact spot."""

from __future__ import annotations

import contextlib
import re
import tomllib
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

from compass.errors import CompassDataError, FieldError, Problem

_SEGMENT = re.compile(r"([A-Za-z0-9_-]+)(?:\[(\d+)\])?")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\- ]+?)\s*\]\]?\s*(?:#.*)?$")
_DECODE_LINE = re.compile(r"at line (\d+)")


def read_toml(path: Path, error: type[CompassDataError]) -> tuple[dict[str, Any], str]:
    """Read a TOML file and its text (for line numbers); syntax errors name the file and line."""
    try:
        source = path.read_text(encoding="utf-8")
        return tomllib.loads(source), source
    except OSError as exc:
        raise error([Problem(path, "", f"cannot read: {exc.strerror or exc}")]) from exc
    except tomllib.TOMLDecodeError as exc:
        match = _DECODE_LINE.search(str(exc))
        line = int(match.group(1)) if match else None
        raise error([Problem(path, "", f"invalid TOML: {exc}", line)]) from exc


@contextlib.contextmanager
def located(path: Path, source: str, error: type[CompassDataError]) -> Iterator[None]:
    """Turn a FieldError raised while parsing one file into an error naming file, field and line."""
    try:
        yield
    except FieldError as exc:
        problem = Problem(path, exc.field, exc.message, locate(source, exc.field))
        raise error([problem]) from None


def as_table(raw: object, field: str) -> Mapping[str, Any]:
    """Return raw as a table or explain that it should have been one."""
    if not isinstance(raw, Mapping):
        raise FieldError(field, f"must be a table, got {type(raw).__name__}")
    return raw


def as_tables(raw: object, field: str) -> list[Mapping[str, Any]]:
    """Return raw as a non-empty array of tables."""
    if not isinstance(raw, list) or not raw:
        raise FieldError(field, "must be a non-empty array of tables")
    return [as_table(item, f"{field}[{index}]") for index, item in enumerate(raw)]


def as_str(raw: object, field: str) -> str:
    """Return a non-empty string or explain what was expected."""
    if not isinstance(raw, str) or not raw.strip():
        raise FieldError(field, "must be a non-empty string")
    return raw


def as_bool(raw: object, field: str) -> bool:
    """Return a TOML boolean (a string 'true' is a typo, not a yes)."""
    if not isinstance(raw, bool):
        raise FieldError(field, "must be true or false")
    return raw


def as_str_list(raw: object, field: str) -> tuple[str, ...]:
    """Return a non-empty list of unique non-empty strings."""
    if not isinstance(raw, list) or not raw:
        raise FieldError(field, "must be a non-empty list of strings")
    items = tuple(as_str(item, f"{field}[{index}]") for index, item in enumerate(raw))
    for index, item in enumerate(items):
        if item in items[:index]:
            raise FieldError(f"{field}[{index}]", f"{item!r} is listed twice")
    return items


def check_keys(
    raw: Mapping[str, Any], field: str, required: Collection[str], optional: Collection[str] = ()
) -> None:
    """Reject missing and unknown keys, so a typo in a data file never passes silently."""
    prefix = f"{field}." if field else ""
    missing = sorted(set(required) - raw.keys())
    if missing:
        raise FieldError(f"{prefix}{missing[0]}", "is missing")
    allowed = set(required) | set(optional)
    unknown = sorted(raw.keys() - allowed)
    if unknown:
        raise FieldError(
            f"{prefix}{unknown[0]}", f"unknown key (allowed: {', '.join(sorted(allowed))})"
        )


def locate(source: str, field: str) -> int | None:
    """Best-effort 1-based line of a field path like 'questions[3].text.en' in TOML source."""
    lines = source.splitlines()
    headers = [
        (index, match.group(1) == "[[", match.group(2).replace(" ", ""))
        for index, line in enumerate(lines)
        if (match := _HEADER.match(line))
    ]

    def next_header(after: int) -> int:
        return next((i for i, _, _ in headers if i > after), len(lines))

    def subtree_end(after: int, dotted: str) -> int:
        return next(
            (i for i, _, name in headers if i > after and not name.startswith(dotted + ".")),
            len(lines),
        )

    table, position, line = "", -1, None
    low, high = 0, len(lines)
    keys: list[str] = []
    for name, index in ((m.group(1), m.group(2)) for m in _SEGMENT.finditer(field)):
        dotted = ".".join(part for part in (table, *keys, name) if part)
        hits = [
            i
            for i, is_array, header in headers
            if header == dotted and is_array == (index is not None) and low <= i < high
        ]
        which = int(index) if index is not None else 0
        if which < len(hits):
            position = line = hits[which]
            table, keys = dotted, []
            low, high = position + 1, subtree_end(position, dotted)
            continue
        keys.append(name)
        found = _find_key(lines, position + 1, next_header(position), keys)
        line = found if found is not None else line
        if index is not None:
            break
    return None if line is None else line + 1


def _find_key(lines: list[str], low: int, high: int, keys: list[str]) -> int | None:
    """Line index of the longest dotted key prefix ('text.en', then 'text') between low and high."""
    for size in range(len(keys), 0, -1):
        dotted = r"\s*\.\s*".join(re.escape(key) for key in keys[:size])
        pattern = re.compile(rf"^\s*{dotted}\s*[=.]")
        for index in range(low, high):
            if pattern.match(lines[index]):
                return index
    return None
