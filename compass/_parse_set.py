"""Parse set.toml: metadata, sources, values, stakeholders, answer scales and thresholds."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from compass._text import as_text, text_of
from compass._toml import as_bool, as_str, as_table, as_tables, check_keys
from compass.errors import FieldError
from compass.model import SPECIAL_POINTS, Scale, ScalePoint, Source, Stakeholder, Thresholds, Value

ID = re.compile(r"^[a-z][a-z0-9_]*$")
URN = re.compile(r"^urn:[a-z0-9][a-z0-9-]{0,31}:[A-Za-z0-9()+,\-.:=@;$_!*'%/]+$")
SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)
HEADER_KEYS = {"id", "version", "title", "description", "licence", "sources"}
SET_KEYS = HEADER_KEYS | {"values", "stakeholders", "scales"}


def as_id(raw: object, field: str) -> str:
    """A stable short id: lowercase letters, digits and underscores, starting with a letter."""
    value = as_str(raw, field)
    if not ID.match(value):
        raise FieldError(field, f"{value!r} is not an id (a-z, 0-9, _; starts with a letter)")
    return value


def claim(seen: dict[str, str], key: str, field: str, what: str) -> None:
    """Record key as taken, or fail on a duplicate naming where it was first used."""
    if key in seen:
        raise FieldError(field, f"duplicate {what} {key!r} (first at {seen[key]})")
    seen[key] = field


def as_urn(raw: object, field: str, urns: dict[str, str]) -> str:
    """A syntactically valid URN that is unique within the set."""
    value = as_str(raw, field)
    if not URN.match(value):
        raise FieldError(field, f"{value!r} is not a URN (urn:<namespace>:<name>)")
    claim(urns, value, field, "URN")
    return value


def parse_header(raw: Mapping[str, Any], set_id: str) -> dict[str, Any]:
    """Id (must equal the folder name), semantic version, titles, licence and sources."""
    check_keys(raw, "", SET_KEYS, {"thresholds"})
    if as_id(raw["id"], "id") != set_id:
        raise FieldError("id", f"{raw['id']!r} must equal the folder name {set_id!r}")
    version = as_str(raw["version"], "version")
    if not SEMVER.match(version):
        raise FieldError("version", f"{version!r} is not a semantic version like 1.2.0")
    sources = []
    for index, entry in enumerate(as_tables(raw["sources"], "sources")):
        field = f"sources[{index}]"
        check_keys(entry, field, {"title", "licence", "used_for"}, {"url"})
        url = entry.get("url")
        if url is not None and not as_str(url, f"{field}.url").startswith("https://"):
            raise FieldError(f"{field}.url", "must be an https:// address")
        sources.append(
            Source(
                title=as_str(entry["title"], f"{field}.title"),
                url=url,
                licence=as_str(entry["licence"], f"{field}.licence"),
                used_for=as_str(entry["used_for"], f"{field}.used_for"),
            )
        )
    return {
        "version": version,
        "title": as_text(raw["title"], "title"),
        "description": as_text(raw["description"], "description"),
        "licence": as_str(raw["licence"], "licence"),
        "sources": tuple(sources),
    }


def _value(
    entry: Mapping[str, Any],
    field: str,
    parent: str | None,
    ids: dict[str, str],
    urns: dict[str, str],
) -> Value:
    """One value or sub-value; sub-values nest one level deep only."""
    check_keys(
        entry, field, {"id", "urn", "name", "description"}, set() if parent else {"subvalues"}
    )
    value_id = as_id(entry["id"], f"{field}.id")
    claim(ids, value_id, f"{field}.id", "value id")
    urn = as_urn(entry["urn"], f"{field}.urn", urns)
    name = as_text(entry["name"], f"{field}.name")
    description = as_text(entry["description"], f"{field}.description")
    raw_subvalues = entry.get("subvalues")
    subvalues = tuple(
        _value(sub, f"{field}.subvalues[{index}]", value_id, ids, urns)
        for index, sub in enumerate(
            [] if raw_subvalues is None else as_tables(raw_subvalues, f"{field}.subvalues")
        )
    )
    return Value(value_id, urn, name, description, parent, subvalues)


def parse_values(raw: object, urns: dict[str, str]) -> tuple[Value, ...]:
    """All values in order; ids and URNs unique across values and sub-values."""
    ids: dict[str, str] = {}
    return tuple(
        _value(entry, f"values[{index}]", None, ids, urns)
        for index, entry in enumerate(as_tables(raw, "values"))
    )


def parse_stakeholders(raw: object) -> tuple[Stakeholder, ...]:
    """Stakeholders in order, each direct or indirect and flagged when vulnerable."""
    ids: dict[str, str] = {}
    result = []
    for index, entry in enumerate(as_tables(raw, "stakeholders")):
        field = f"stakeholders[{index}]"
        check_keys(entry, field, {"id", "name", "kind", "vulnerable"})
        stakeholder_id = as_id(entry["id"], f"{field}.id")
        claim(ids, stakeholder_id, f"{field}.id", "stakeholder id")
        if entry["kind"] not in ("direct", "indirect"):
            raise FieldError(f"{field}.kind", "must be 'direct' or 'indirect'")
        result.append(
            Stakeholder(
                stakeholder_id,
                as_text(entry["name"], f"{field}.name"),
                direct=entry["kind"] == "direct",
                vulnerable=as_bool(entry["vulnerable"], f"{field}.vulnerable"),
            )
        )
    return tuple(result)


def _point(entry: Mapping[str, Any], field: str) -> ScalePoint:
    """A counted whole-number point or one of the special points."""
    check_keys(entry, field, {"value", "nl", "en"})
    value = entry["value"]
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise FieldError(f"{field}.value", "must be a whole number or a special point")
    if isinstance(value, str) and value not in SPECIAL_POINTS:
        raise FieldError(f"{field}.value", f"{value!r} is not one of {SPECIAL_POINTS}")
    return ScalePoint(value, text_of(entry, field))


def parse_scales(raw: object) -> Mapping[str, Scale]:
    """Answer scales: ascending unique numbers plus both special points, always."""
    scales: dict[str, Scale] = {}
    ids: dict[str, str] = {}
    for index, entry in enumerate(as_tables(raw, "scales")):
        field = f"scales[{index}]"
        check_keys(entry, field, {"id", "name", "points"})
        scale_id = as_id(entry["id"], f"{field}.id")
        claim(ids, scale_id, f"{field}.id", "scale id")
        points = tuple(
            _point(point, f"{field}.points[{number}]")
            for number, point in enumerate(as_tables(entry["points"], f"{field}.points"))
        )
        values = [point.value for point in points]
        numbers = [value for value in values if isinstance(value, int)]
        if len(numbers) < 2 or numbers != sorted(set(numbers)):
            raise FieldError(f"{field}.points", "needs two or more ascending, unique numbers")
        missing = [special for special in SPECIAL_POINTS if values.count(special) != 1]
        if missing:
            raise FieldError(f"{field}.points", f"must include each special point once: {missing}")
        scales[scale_id] = Scale(scale_id, as_text(entry["name"], f"{field}.name"), points)
    return MappingProxyType(scales)


def parse_thresholds(raw: object) -> Thresholds:
    """Optional [thresholds] overriding the documented defaults."""
    if raw is None:
        return Thresholds()
    table = as_table(raw, "thresholds")
    fields = {field.name: field for field in dataclasses.fields(Thresholds)}
    check_keys(table, "thresholds", (), fields)
    for key, value in table.items():
        default = fields[key].default
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise FieldError(f"thresholds.{key}", "must be a number >= 0")
        if isinstance(default, int) and not isinstance(value, int):
            raise FieldError(f"thresholds.{key}", "must be a whole number")
        if key.endswith("_share") and value > 1:
            raise FieldError(f"thresholds.{key}", "is a share: at most 1")
    return Thresholds(**table)
